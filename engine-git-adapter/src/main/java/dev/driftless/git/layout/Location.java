package dev.driftless.git.layout;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.Objects;
import java.util.Optional;

/**
 * What a file at a path of a layout is: a resource of this kind in this namespace, named
 * {@link #name()} by its path. For YAML kinds the name from the path is the file name without its
 * extension, and the resource's identity comes from the {@code id} inside the file: the path only
 * proposes it.
 *
 * <p>The parts are taken from the path as they are, so they may not make a valid key (a folder
 * that is no valid namespace, a file name with a {@code ..} segment): {@link #problem()} says why.
 *
 * @param kind the kind the path stands for
 * @param namespace the namespace the folders stand for; empty for tenant-global kinds
 * @param name the name the path gives: a file name without extension, or a path inside the namespace
 */
public record Location(ResourceKind kind, String namespace, String name) {

  public Location {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** Whether the identity is read from the content (the YAML {@code id}) rather than the path. */
  public boolean identifiedByContent() {
    return kind.isYaml();
  }

  /** The key the path gives, when the path makes a valid one. */
  public Optional<ResourceKey> key() {
    return problem().isEmpty() ? Optional.of(new ResourceKey(kind, namespace, name)) : Optional.empty();
  }

  /** Whether the folders make a valid namespace (always, for tenant-global kinds). */
  public boolean hasValidNamespace() {
    return !kind.isNamespaced() || ResourceKey.namespaceProblem(namespace).isEmpty();
  }

  /** Why the path makes no valid key, or empty when it does. */
  public Optional<String> problem() {
    return ResourceKey.problem(kind, namespace, name);
  }

  /** The area the file lies in: its kind in its namespace. */
  public Area area() {
    return new Area(kind, namespace, false);
  }
}
