package dev.driftless.git.layout;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Execution output files, as PushExecutionFiles writes them: {@code <directory>/<name>}, where the
 * name may hold sub-folders.
 *
 * @param directory the folder, {@value #DEFAULT_DIRECTORY} by default
 */
public record OutputsLayout(String directory) implements Layout {

  public static final String DEFAULT_DIRECTORY = "_outputs";

  public OutputsLayout {
    directory = LayoutPaths.directory(Objects.requireNonNull(directory, "directory"), "gitDirectory");
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.EXECUTION_FILE);
  }

  @Override
  public String describe() {
    return "outputs layout (" + (directory.isEmpty() ? "the repository root" : directory + "/") + ")";
  }

  @Override
  public boolean holds(ResourceKind kind, String namespace) {
    return kind == ResourceKind.EXECUTION_FILE && namespace.isEmpty();
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
        .map(relative -> new Location(ResourceKind.EXECUTION_FILE, "", relative));
  }

  @Override
  public Set<Area> areasUnder(String folder) {
    return LayoutPaths.folderInside(directory, folder)
        .map(inside -> Set.of(new Area(ResourceKind.EXECUTION_FILE, "", false)))
        .orElse(Set.of());
  }

  @Override
  public Optional<String> scopeProblem(Scope scope) {
    return LayoutPaths.kindsProblem(scope, kinds(), describe());
  }
}
