package dev.driftless.git.layout;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The namespace files of one namespace, as SyncNamespaceFiles and PushNamespaceFiles keep them:
 * every file under the directory is a namespace file whose path is its path inside the
 * directory. Only the ignore file at the directory's root is not.
 *
 * @param directory the folder, {@value #DEFAULT_DIRECTORY} by default
 * @param namespace the namespace the files belong to
 */
public record FilesLayout(String directory, String namespace) implements Layout {

  public static final String DEFAULT_DIRECTORY = "_files";

  public FilesLayout {
    directory = LayoutPaths.directory(Objects.requireNonNull(directory, "directory"), "gitDirectory");
    Objects.requireNonNull(namespace, "namespace");
    ResourceKey.namespaceProblem(namespace).ifPresent(p -> {
      throw new IllegalArgumentException("files layout: " + p);
    });
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.NAMESPACE_FILE);
  }

  @Override
  public String describe() {
    return "files layout (namespace files of " + namespace + " in "
        + (directory.isEmpty() ? "the repository root" : directory + "/") + ")";
  }

  @Override
  public boolean holds(ResourceKind kind, String ns) {
    return kind == ResourceKind.NAMESPACE_FILE && namespace.equals(ns);
  }

  @Override
  public String pathOf(ResourceKey key) {
    if (!holds(key)) {
      throw new IllegalArgumentException(key.address() + " has no place in the " + describe());
    }
    return LayoutPaths.join(directory, key.name());
  }

  @Override
  public Optional<Location> locate(String path) {
    return LayoutPaths.relative(directory, path)
        .filter(relative -> !relative.equals(LayoutPaths.IGNORE_FILE))
        .map(relative -> new Location(ResourceKind.NAMESPACE_FILE, namespace, relative));
  }

  @Override
  public Set<Area> areasUnder(String folder) {
    return LayoutPaths.folderInside(directory, folder)
        .map(inside -> Set.of(new Area(ResourceKind.NAMESPACE_FILE, namespace, false)))
        .orElse(Set.of());
  }

  @Override
  public Optional<String> scopeProblem(Scope scope) {
    Optional<String> kinds = LayoutPaths.kindsProblem(scope, kinds(), describe());
    if (kinds.isPresent()) {
      return kinds;
    }
    if (scope.tenantWide() || scope.includeChildren() || !scope.namespaces().equals(Set.of(namespace))) {
      return Optional.of("the " + describe() + " holds namespace " + namespace
          + " only (no child namespaces); the scope asks for " + scope.describe());
    }
    return Optional.empty();
  }
}
