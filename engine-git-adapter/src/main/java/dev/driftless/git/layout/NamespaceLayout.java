package dev.driftless.git.layout;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One folder per namespace, as NamespaceSync and TenantSync keep them. The folder is literally the
 * dotted namespace ({@code company.team/}, never {@code company/team/}):
 *
 * <pre>
 * [directory/]company.team/flows/&lt;id&gt;.yaml
 * [directory/]company.team/files/&lt;path&gt;
 * [directory/]company.team/apps/&lt;id&gt;.yaml
 * [directory/]company.team/tests/&lt;id&gt;.yaml
 * [directory/]_global/dashboards/&lt;id&gt;.yaml
 * </pre>
 *
 * <p>{@value #GLOBAL} is reserved for tenant-global resources; other folders in it (the plugin's
 * Enterprise blueprints) are not read. Flows, apps and tests are read from their folder only, not
 * from sub-folders.
 *
 * @param directory the folder holding the namespace folders; empty for the repository root
 */
public record NamespaceLayout(String directory) implements Layout {

  /** The folder of tenant-global resources. */
  public static final String GLOBAL = ResourceKey.GLOBAL;

  private static final String FLOWS = "flows";
  private static final String FILES = "files";
  private static final String APPS = "apps";
  private static final String TESTS = "tests";
  private static final String DASHBOARDS = "dashboards";

  public NamespaceLayout {
    directory = LayoutPaths.directory(Objects.requireNonNull(directory, "directory"), "gitDirectory");
  }

  @Override
  public Set<ResourceKind> kinds() {
    return Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.APP, ResourceKind.TEST,
        ResourceKind.DASHBOARD);
  }

  @Override
  public String describe() {
    return "namespace layout (" + (directory.isEmpty() ? "the repository root" : directory + "/") + ")";
  }

  @Override
  public boolean holds(ResourceKind kind, String namespace) {
    return switch (kind) {
      case FLOW, NAMESPACE_FILE, APP, TEST -> !namespace.equals(GLOBAL);
      case DASHBOARD -> namespace.isEmpty();
      case EXECUTION_FILE -> false;
    };
  }

  @Override
  public String pathOf(ResourceKey key) {
    if (!holds(key)) {
      throw new IllegalArgumentException(key.address() + " has no place in the " + describe());
    }
    String inside = switch (key.kind()) {
      case FLOW -> key.namespace() + "/" + FLOWS + "/" + key.name() + LayoutPaths.YAML;
      case NAMESPACE_FILE -> key.namespace() + "/" + FILES + "/" + key.name();
      case APP -> key.namespace() + "/" + APPS + "/" + key.name() + LayoutPaths.YAML;
      case TEST -> key.namespace() + "/" + TESTS + "/" + key.name() + LayoutPaths.YAML;
      case DASHBOARD -> GLOBAL + "/" + DASHBOARDS + "/" + key.name() + LayoutPaths.YAML;
      case EXECUTION_FILE -> throw new IllegalArgumentException(key.address() + " has no place in the " + describe());
    };
    return LayoutPaths.join(directory, inside);
  }

  @Override
  public Optional<Location> locate(String path) {
    return LayoutPaths.relative(directory, path).flatMap(NamespaceLayout::locateInside);
  }

  private static Optional<Location> locateInside(String relative) {
    String[] parts = relative.split("/", 3);
    if (parts.length < 3) {
      return Optional.empty();
    }
    String folder = parts[0];
    String kindFolder = parts[1];
    String rest = parts[2];
    if (folder.equals(GLOBAL)) {
      return kindFolder.equals(DASHBOARDS) ? yaml(ResourceKind.DASHBOARD, "", rest) : Optional.empty();
    }
    return switch (kindFolder) {
      case FLOWS -> yaml(ResourceKind.FLOW, folder, rest);
      case APPS -> yaml(ResourceKind.APP, folder, rest);
      case TESTS -> yaml(ResourceKind.TEST, folder, rest);
      case FILES -> Optional.of(new Location(ResourceKind.NAMESPACE_FILE, folder, rest));
      default -> Optional.empty();
    };
  }

  private static Optional<Location> yaml(ResourceKind kind, String namespace, String file) {
    if (file.indexOf('/') >= 0 || !LayoutPaths.isYamlName(file)) {
      return Optional.empty();
    }
    return Optional.of(new Location(kind, namespace, LayoutPaths.stem(file)));
  }

  @Override
  public Set<Area> areasUnder(String folder) {
    Optional<String> inside = LayoutPaths.relative(directory, folder);
    if (inside.isEmpty()) {
      return Set.of();
    }
    String[] parts = inside.get().split("/", 3);
    String ns = parts[0];
    if (ns.equals(GLOBAL)) {
      return parts.length == 1 || (parts.length == 2 && parts[1].equals(DASHBOARDS))
          ? Set.of(new Area(ResourceKind.DASHBOARD, "", false)) : Set.of();
    }
    if (parts.length == 1) {
      return Set.of(new Area(ResourceKind.FLOW, ns, false), new Area(ResourceKind.NAMESPACE_FILE, ns, false),
          new Area(ResourceKind.APP, ns, false), new Area(ResourceKind.TEST, ns, false));
    }
    return switch (parts[1]) {
      case FLOWS -> parts.length == 2 ? Set.of(new Area(ResourceKind.FLOW, ns, false)) : Set.of();
      case APPS -> parts.length == 2 ? Set.of(new Area(ResourceKind.APP, ns, false)) : Set.of();
      case TESTS -> parts.length == 2 ? Set.of(new Area(ResourceKind.TEST, ns, false)) : Set.of();
      case FILES -> Set.of(new Area(ResourceKind.NAMESPACE_FILE, ns, false));
      default -> Set.of();
    };
  }

  @Override
  public Set<Area> areasOfNamedFolder(String path) {
    Optional<String> inside = LayoutPaths.relative(directory, path);
    if (inside.isEmpty()) {
      return Set.of();
    }
    String[] parts = inside.get().split("/", -1);
    if (parts.length != 2) {
      return Set.of();
    }
    boolean named = parts[0].equals(GLOBAL) ? parts[1].equals(DASHBOARDS)
        : Set.of(FLOWS, FILES, APPS, TESTS).contains(parts[1]);
    return named ? areasUnder(path) : Set.of();
  }

  @Override
  public Optional<String> scopeProblem(Scope scope) {
    Optional<String> kinds = LayoutPaths.kindsProblem(scope, kinds(), describe());
    if (kinds.isPresent()) {
      return kinds;
    }
    if (scope.namespaces().contains(GLOBAL)) {
      return Optional.of("the " + describe() + " keeps '" + GLOBAL + "' for tenant-global resources; it is no namespace");
    }
    return Optional.empty();
  }
}
