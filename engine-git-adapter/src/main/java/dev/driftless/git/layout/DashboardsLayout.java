package dev.driftless.git.layout;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Dashboards, as PushDashboards writes them: {@code <directory>/<id>.yml}, one level, no
 * sub-folders. A dashboard is identified by the {@code id} in its file, or by its file name when
 * it has none (servers before 2.0 assign ids themselves).
 *
 * @param directory the folder, {@value #DEFAULT_DIRECTORY} by default
 */
public record DashboardsLayout(String directory) implements Layout {

  public static final String DEFAULT_DIRECTORY = "_dashboards";

  public DashboardsLayout {
    directory = LayoutPaths.directory(Objects.requireNonNull(directory, "directory"), "gitDirectory");
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.DASHBOARD);
  }

  @Override
  public String describe() {
    return "dashboards layout (" + (directory.isEmpty() ? "the repository root" : directory + "/") + ")";
  }

  @Override
  public boolean holds(ResourceKind kind, String namespace) {
    return kind == ResourceKind.DASHBOARD && namespace.isEmpty();
  }

  @Override
  public String pathOf(ResourceKey key) {
    if (!holds(key)) {
      throw new IllegalArgumentException(key.address() + " has no place in the " + describe());
    }
    return LayoutPaths.join(directory, key.name() + LayoutPaths.YML);
  }

  @Override
  public Optional<Location> locate(String path) {
    return LayoutPaths.relative(directory, path)
        .filter(relative -> relative.indexOf('/') < 0 && LayoutPaths.isYamlName(relative))
        .map(relative -> new Location(ResourceKind.DASHBOARD, "", LayoutPaths.stem(relative)));
  }

  @Override
  public Set<Area> areasUnder(String folder) {
    return folder.equals(directory) ? Set.of(new Area(ResourceKind.DASHBOARD, "", false)) : Set.of();
  }

  @Override
  public Optional<String> scopeProblem(Scope scope) {
    return LayoutPaths.kindsProblem(scope, kinds(), describe());
  }
}
