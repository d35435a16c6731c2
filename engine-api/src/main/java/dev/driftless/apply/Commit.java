package dev.driftless.apply;

import dev.driftless.resource.Side;
import java.util.Objects;
import java.util.Optional;

/**
 * A commit a side made while applying: the Git commit id and, where the remote is a known forge,
 * the URL to see it.
 */
public record Commit(Side side, String id, Optional<String> url) {
  public Commit {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
  }
}
