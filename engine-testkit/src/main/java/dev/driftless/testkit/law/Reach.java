package dev.driftless.testkit.law;

import dev.driftless.resource.ResourceKind;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a read that went wrong may have hidden, in its side's own namespaces: resources of these
 * kinds, in this namespace or in any. None of them may be deleted on the other side.
 *
 * @param kinds the kinds it may have hidden
 * @param namespace the one namespace it may have hidden them in, or empty for every namespace
 */
public record Reach(Set<ResourceKind> kinds, Optional<String> namespace) {

  public Reach {
    kinds = Set.copyOf(kinds);
    Objects.requireNonNull(namespace, "namespace");
  }

  /** Anything at all: the whole read failed, or every call of it went wrong. */
  public static Reach everything() {
    return new Reach(EnumSet.allOf(ResourceKind.class), Optional.empty());
  }

  /** Every resource of one kind, in every namespace. */
  public static Reach kind(ResourceKind kind) {
    return new Reach(Set.of(kind), Optional.empty());
  }

  /** The resources of one kind in one namespace ({@code ""} for global kinds). */
  public static Reach of(ResourceKind kind, String namespace) {
    return kind.isNamespaced() ? new Reach(Set.of(kind), Optional.of(namespace)) : kind(kind);
  }

  /** Every namespaced resource of one namespace. */
  public static Reach namespace(String namespace) {
    Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
    for (ResourceKind kind : ResourceKind.values()) {
      if (kind.isNamespaced()) {
        kinds.add(kind);
      }
    }
    return new Reach(kinds, Optional.of(namespace));
  }

  /** Whether a resource of this kind in this namespace may have been hidden. */
  public boolean covers(ResourceKind kind, String namespace) {
    return kinds.contains(kind) && (this.namespace.isEmpty() || !kind.isNamespaced()
        || this.namespace.get().equals(namespace));
  }

  @Override
  public String toString() {
    return (kinds.size() == ResourceKind.values().length ? "every kind" : kinds.toString())
        + namespace.map(ns -> " in " + ns).orElse(" everywhere");
  }
}
