package dev.driftless.core.yaml;

import java.util.Objects;
import java.util.Optional;

/**
 * What a valid YAML document declares of itself at its top level.
 *
 * @param id its top-level {@code id}, when that is a string
 * @param namespace its top-level {@code namespace}, when that is a string
 */
public record DeclaredIdentity(Optional<String> id, Optional<String> namespace) {

  public DeclaredIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(namespace, "namespace");
  }
}
