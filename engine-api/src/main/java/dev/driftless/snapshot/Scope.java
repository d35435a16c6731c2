package dev.driftless.snapshot;

import dev.driftless.resource.Namespaces;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which part of a side a snapshot covers: some namespaces (with or without their children) or the
 * whole tenant, and some kinds. Tenant-global kinds (dashboards, execution files) are covered
 * whenever their kind is.
 *
 * <p>A key inside the scope that the snapshot does not hold is absent; a key outside it is unknown.
 *
 * @param includeChildNamespaces whether the namespaces' child namespaces ({@code dev.team} of
 *     {@code dev}) are covered too, as {@link dev.driftless.policy.Policy#includeChildNamespaces()} asks
 */
public record Scope(Set<String> namespaces, boolean includeChildNamespaces, boolean tenantWide,
    Set<ResourceKind> kinds) {

  public Scope {
    namespaces = Set.copyOf(new TreeSet<>(Objects.requireNonNull(namespaces, "namespaces")));
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    for (String ns : namespaces) {
      ResourceKey.namespaceProblem(ns).ifPresent(p -> {
        throw new IllegalArgumentException("scope: " + p);
      });
    }
    if (tenantWide && !namespaces.isEmpty()) {
      throw new IllegalArgumentException("a tenant-wide scope lists no namespaces, got " + new TreeSet<>(namespaces));
    }
  }

  /** Every namespace of the tenant, for the given kinds. */
  public static Scope tenant(Set<ResourceKind> kinds) {
    return new Scope(Set.of(), true, true, kinds);
  }

  /** The given namespaces (and their children when asked), for the given kinds. */
  public static Scope namespaces(Collection<String> namespaces, boolean includeChildNamespaces,
      Set<ResourceKind> kinds) {
    return new Scope(Set.copyOf(namespaces), includeChildNamespaces, false, kinds);
  }

  /** One namespace without its children, for the given kinds. */
  public static Scope namespace(String namespace, Set<ResourceKind> kinds) {
    return namespaces(Set.of(namespace), false, kinds);
  }

  /** Only tenant-global resources of the given kinds (dashboards, execution files). */
  public static Scope global(Set<ResourceKind> kinds) {
    for (ResourceKind kind : kinds) {
      if (kind.isNamespaced()) {
        throw new IllegalArgumentException("a global scope holds only tenant-global kinds, got " + kind.label());
      }
    }
    return new Scope(Set.of(), false, false, kinds);
  }

  public Scope withKinds(Set<ResourceKind> otherKinds) {
    return new Scope(namespaces, includeChildNamespaces, tenantWide, otherKinds);
  }

  public Scope withIncludeChildNamespaces(boolean include) {
    return new Scope(namespaces, include, tenantWide, kinds);
  }

  /** Whether the snapshot knows about this key. */
  public boolean contains(ResourceKey key) {
    return covers(key.kind(), key.namespace());
  }

  /** Whether a resource of this kind in this namespace (empty for global kinds) is inside the scope. */
  public boolean covers(ResourceKind kind, String namespace) {
    if (!kinds.contains(kind)) {
      return false;
    }
    if (!kind.isNamespaced() || tenantWide) {
      return true;
    }
    return includeChildNamespaces ? Namespaces.isWithin(namespace, namespaces) : namespaces.contains(namespace);
  }

  /** Whether the scope reaches this namespace at all, whatever the kind. */
  public boolean coversNamespace(String namespace) {
    return tenantWide
        || (includeChildNamespaces ? Namespaces.isWithin(namespace, namespaces) : namespaces.contains(namespace));
  }

  /** For messages: {@code namespaces [dev] with children, kinds [flow, namespace-file]}. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (tenantWide) {
      out.append("the whole tenant");
    } else if (namespaces.isEmpty()) {
      out.append("tenant-global resources");
    } else {
      out.append(namespaces.size() == 1 ? "namespace " : "namespaces ")
          .append(String.join(", ", new TreeSet<>(namespaces)));
      if (includeChildNamespaces) {
        out.append(" with children");
      }
    }
    out.append(", kinds ");
    StringBuilder kindList = new StringBuilder();
    for (ResourceKind kind : EnumSet.copyOf(kinds.isEmpty() ? EnumSet.noneOf(ResourceKind.class) : kinds)) {
      kindList.append(kindList.length() == 0 ? "" : ", ").append(kind.label());
    }
    return out.append('[').append(kindList).append(']').toString();
  }
}
