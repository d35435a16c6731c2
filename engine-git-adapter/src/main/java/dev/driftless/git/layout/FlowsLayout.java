package dev.driftless.git.layout;

import dev.driftless.resource.Namespaces;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Flows of one namespace and its children, as SyncFlows reads and PushFlows writes them:
 * {@code <directory>/<id>.yml} for the root namespace, {@code <directory>/a/b/<id>.yml} for its
 * child {@code <root>.a.b}. The directory does not name the namespace: the caller says which one
 * it stands for.
 *
 * @param directory the folder, {@value #DEFAULT_DIRECTORY} by default
 * @param rootNamespace the namespace the directory itself stands for
 */
public record FlowsLayout(String directory, String rootNamespace) implements Layout {

  public static final String DEFAULT_DIRECTORY = "_flows";

  public FlowsLayout {
    directory = LayoutPaths.directory(Objects.requireNonNull(directory, "directory"), "gitDirectory");
    Objects.requireNonNull(rootNamespace, "rootNamespace");
    ResourceKey.namespaceProblem(rootNamespace).ifPresent(p -> {
      throw new IllegalArgumentException("flows layout: " + p);
    });
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.FLOW);
  }

  @Override
  public String describe() {
    return "flows layout (namespace " + rootNamespace + " and its children in "
        + (directory.isEmpty() ? "the repository root" : directory + "/") + ")";
  }

  @Override
  public boolean holds(ResourceKind kind, String namespace) {
    return kind == ResourceKind.FLOW && Namespaces.isSameOrChild(namespace, rootNamespace);
  }

  @Override
  public String pathOf(ResourceKey key) {
    if (!holds(key)) {
      throw new IllegalArgumentException(key.address() + " has no place in the " + describe());
    }
    String child = Namespaces.relative(key.namespace(), rootNamespace);
    String file = key.name() + LayoutPaths.YML;
    return LayoutPaths.join(directory, child.isEmpty() ? file : child.replace('.', '/') + "/" + file);
  }

  @Override
  public Optional<Location> locate(String path) {
    return LayoutPaths.relative(directory, path).flatMap(relative -> {
      int slash = relative.lastIndexOf('/');
      String file = relative.substring(slash + 1);
      if (!LayoutPaths.isYamlName(file)) {
        return Optional.empty();
      }
      return Optional.of(new Location(ResourceKind.FLOW, namespaceOf(slash < 0 ? "" : relative.substring(0, slash)),
          LayoutPaths.stem(file)));
    });
  }

  @Override
  public Set<Area> areasUnder(String folder) {
    return LayoutPaths.folderInside(directory, folder)
        .map(inside -> Set.of(new Area(ResourceKind.FLOW, namespaceOf(inside), true)))
        .orElse(Set.of());
  }

  @Override
  public Optional<String> scopeProblem(Scope scope) {
    Optional<String> kinds = LayoutPaths.kindsProblem(scope, kinds(), describe());
    if (kinds.isPresent()) {
      return kinds;
    }
    if (scope.tenantWide()) {
      return Optional.of("the " + describe() + " holds one namespace tree, not the whole tenant; "
          + "use the namespace layout for a tenant");
    }
    for (String ns : scope.namespaces()) {
      if (!Namespaces.isSameOrChild(ns, rootNamespace)) {
        return Optional.of("namespace " + ns + " has no place in the " + describe());
      }
    }
    return Optional.empty();
  }

  /** The namespace a folder inside the directory stands for: {@code a/b} is {@code <root>.a.b}. */
  private String namespaceOf(String folder) {
    return folder.isEmpty() ? rootNamespace : rootNamespace + "." + folder.replace('/', '.');
  }
}
