package dev.driftless.git.layout;

import dev.driftless.resource.Namespaces;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Namespace files as SyncNamespaceFiles and PushNamespaceFiles keep them.
 *
 * <p>By default every file under the directory is a file of {@code namespace}, at its path inside
 * the directory; only the ignore file at the directory's root is not. With {@code namespaceFolders}
 * the directory holds one folder per namespace, named by the namespace itself
 * ({@code _files/dev/run.py}, {@code _files/dev.team/report.sql}), so that child namespaces can be
 * kept too; files outside such folders belong to nothing. With a {@code pathPrefix}, the files map
 * to a directory inside the namespace ({@code scripts}: {@code _files/run.py} is
 * {@code /scripts/run.py} in Kestra).
 *
 * @param directory the folder, {@value #DEFAULT_DIRECTORY} by default
 * @param namespace the namespace the files belong to (the root of the namespace folders)
 * @param namespaceFolders one folder per namespace, for child namespaces
 * @param pathPrefix the directory inside the namespace the folder maps to; empty for its root
 */
public record FilesLayout(String directory, String namespace, boolean namespaceFolders, String pathPrefix)
    implements Layout {

  public static final String DEFAULT_DIRECTORY = "_files";

  public FilesLayout {
    directory = LayoutPaths.directory(Objects.requireNonNull(directory, "directory"), "gitDirectory");
    Objects.requireNonNull(namespace, "namespace");
    ResourceKey.namespaceProblem(namespace).ifPresent(p -> {
      throw new IllegalArgumentException("files layout: " + p);
    });
    pathPrefix = LayoutPaths.directory(Objects.requireNonNull(pathPrefix, "pathPrefix"), "namespaceDirectory");
  }

  /** The files of one namespace, straight under the directory. */
  public FilesLayout(String directory, String namespace) {
    this(directory, namespace, false, "");
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.NAMESPACE_FILE);
  }

  @Override
  public String describe() {
    return "files layout (namespace files of " + namespace + (namespaceFolders ? " and its children, one folder each," : "")
        + (pathPrefix.isEmpty() ? "" : " under /" + pathPrefix) + " in "
        + (directory.isEmpty() ? "the repository root" : directory + "/") + ")";
  }

  @Override
  public boolean holds(ResourceKind kind, String ns) {
    return kind == ResourceKind.NAMESPACE_FILE
        && (namespaceFolders ? Namespaces.isSameOrChild(ns, namespace) : namespace.equals(ns));
  }

  @Override
  public String pathOf(ResourceKey key) {
    if (!holds(key) || !(pathPrefix.isEmpty() || key.name().startsWith(pathPrefix + "/"))) {
      throw new IllegalArgumentException(key.address() + " has no place in the " + describe());
    }
    String inside = pathPrefix.isEmpty() ? key.name() : key.name().substring(pathPrefix.length() + 1);
    return LayoutPaths.join(directory, namespaceFolders ? key.namespace() + "/" + inside : inside);
  }

  @Override
  public Optional<Location> locate(String path) {
    return LayoutPaths.relative(directory, path)
        .filter(relative -> !relative.equals(LayoutPaths.IGNORE_FILE))
        .flatMap(relative -> {
          String ns = namespace;
          String inside = relative;
          if (namespaceFolders) {
            int slash = relative.indexOf('/');
            if (slash < 0) {
              return Optional.empty();
            }
            ns = relative.substring(0, slash);
            inside = relative.substring(slash + 1);
            if (ResourceKey.namespaceProblem(ns).isPresent() || !Namespaces.isSameOrChild(ns, namespace)) {
              return Optional.empty();
            }
          }
          return Optional.of(new Location(ResourceKind.NAMESPACE_FILE, ns,
              pathPrefix.isEmpty() ? inside : pathPrefix + "/" + inside));
        });
  }

  @Override
  public Set<Area> areasUnder(String folder) {
    return LayoutPaths.folderInside(directory, folder).map(inside -> {
      if (!namespaceFolders) {
        return Set.of(new Area(ResourceKind.NAMESPACE_FILE, namespace, false));
      }
      if (inside.isEmpty()) {
        return Set.of(new Area(ResourceKind.NAMESPACE_FILE, namespace, true));
      }
      String ns = inside.contains("/") ? inside.substring(0, inside.indexOf('/')) : inside;
      if (ResourceKey.namespaceProblem(ns).isPresent() || !Namespaces.isSameOrChild(ns, namespace)) {
        return Set.<Area>of();
      }
      return Set.of(new Area(ResourceKind.NAMESPACE_FILE, ns, false));
    }).orElse(Set.of());
  }

  @Override
  public Optional<String> scopeProblem(Scope scope) {
    Optional<String> kinds = LayoutPaths.kindsProblem(scope, kinds(), describe());
    if (kinds.isPresent()) {
      return kinds;
    }
    boolean childrenAsked = scope.includeChildNamespaces();
    if (scope.tenantWide() || !scope.namespaces().equals(Set.of(namespace)) || (childrenAsked && !namespaceFolders)) {
      return Optional.of("the " + describe() + " holds namespace " + namespace
          + (namespaceFolders ? " and its children" : " only (no child namespaces)") + "; the scope asks for "
          + scope.describe());
    }
    return Optional.empty();
  }
}
