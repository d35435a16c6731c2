package dev.driftless.git.layout;

import dev.driftless.resource.Namespaces;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Objects;

/**
 * Resources of one kind in one namespace (and, where the layout nests them, its child namespaces):
 * what a folder of a layout may hold. The reader uses it to skip folders outside the scope, and
 * to know what a symbolic link or a submodule standing in for a folder hides.
 *
 * @param kind the kind
 * @param namespace the namespace; empty for tenant-global kinds
 * @param withChildren whether deeper folders hold child namespaces of it
 */
public record Area(ResourceKind kind, String namespace, boolean withChildren) {

  public Area {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
  }

  /** Whether anything in this area can be inside the scope. */
  public boolean mayMeet(Scope scope) {
    if (!scope.kinds().contains(kind)) {
      return false;
    }
    if (!kind.isNamespaced() || scope.tenantWide() || scope.covers(kind, namespace)) {
      return true;
    }
    if (withChildren) {
      for (String wanted : scope.namespaces()) {
        if (Namespaces.isSameOrChild(wanted, namespace)) {
          return true;
        }
      }
    }
    return false;
  }
}
