package dev.driftless.git.layout;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Optional;
import java.util.Set;

/**
 * How resources are laid out as files in a repository: a pure mapping between paths and resource
 * keys, both ways, with no I/O. The layouts are the Kestra Git plugin's, so a repository written
 * by the plugin reads back as it is, and what Driftless writes the plugin reads.
 *
 * <table>
 * <caption>Layouts</caption>
 * <tr><th>layout</th><th>paths</th><th>plugin tasks</th></tr>
 * <tr><td>{@link #flows}</td><td>{@code <directory=_flows>/<child/ns/path>/<id>.yml}</td><td>SyncFlows, PushFlows</td></tr>
 * <tr><td>{@link #files}</td><td>{@code <directory=_files>/<path>}</td><td>SyncNamespaceFiles, PushNamespaceFiles</td></tr>
 * <tr><td>{@link #dashboards}</td><td>{@code <directory=_dashboards>/<id>.yml}</td><td>PushDashboards</td></tr>
 * <tr><td>{@link #outputs}</td><td>{@code <directory=_outputs>/<name>}</td><td>PushExecutionFiles</td></tr>
 * <tr><td>{@link #namespaces}</td><td>{@code [directory/]<namespace>/flows/<id>.yaml}, {@code <namespace>/files/<path>},
 *     {@code <namespace>/apps/<id>.yaml}, {@code <namespace>/tests/<id>.yaml}, {@code _global/dashboards/<id>.yaml}</td>
 *     <td>NamespaceSync, TenantSync</td></tr>
 * </table>
 *
 * <p>Both {@code .yml} and {@code .yaml} are read; new files get the extension of the layout (the
 * plugin's). A YAML resource is identified by the {@code id} in the file; its namespace is always
 * the one its folder stands for. A {@code .kestraignore} (gitignore syntax) at the root of the
 * directory puts paths outside the sync: they are never read or written, and the keys they stand
 * for are left out of the plan on both sides (a Kestra flow whose file would be ignored is neither
 * written to Git nor deleted from Kestra). Files that belong to no key of the layout (a
 * README beside the flows, anything outside the layout's folders) are never read and never
 * touched.
 */
public sealed interface Layout permits FlowsLayout, FilesLayout, DashboardsLayout, OutputsLayout, NamespaceLayout {

  /** The name of the ignore file at the root of the directory. */
  String IGNORE_FILE = LayoutPaths.IGNORE_FILE;

  /** The folder of the repository the layout lives in: no leading or trailing {@code /}; empty for the root. */
  String directory();

  /** The kinds the layout holds. */
  Set<ResourceKind> kinds();

  /** One line for messages: {@code flows of namespace company.team and its children in _flows/}. */
  String describe();

  /** Whether a resource of this kind in this namespace (empty for tenant-global kinds) has a path here. */
  boolean holds(ResourceKind kind, String namespace);

  default boolean holds(ResourceKey key) {
    return holds(key.kind(), key.namespace());
  }

  /**
   * The path a resource with this key is written to when it has no file yet.
   *
   * @throws IllegalArgumentException when the layout cannot hold the key
   */
  String pathOf(ResourceKey key);

  /**
   * What the file at this path (relative to the repository root) is, or empty when it belongs to
   * no key of the layout: outside the directory, the ignore file, a README beside the flows, a
   * folder the layout does not read.
   */
  Optional<Location> locate(String path);

  /**
   * What a folder (relative to the repository root) may hold: the kinds and namespaces of the keys
   * whose files can lie under it. Empty for folders that hold nothing of the layout.
   */
  Set<Area> areasUnder(String folder);

  /**
   * What the folder the layout names at this path (relative to the repository root) holds: a
   * namespace's {@code flows/}, {@code files/}, {@code apps/} or {@code tests/} folder, or
   * {@code _global/dashboards/}, in the namespace layout. Empty where the layout names no folder
   * (the layout's directory itself is checked on its own). A file standing at such a path hides
   * what the folder would hold: the reader blocks deletions of those kinds in that namespace.
   */
  default Set<Area> areasOfNamedFolder(String path) {
    return Set.of();
  }

  /** Why the layout cannot serve this scope (a kind or namespace it has no place for), or empty. */
  Optional<String> scopeProblem(Scope scope);

  /** The path of the ignore file: {@code <directory>/.kestraignore}. */
  default String ignoreFile() {
    return LayoutPaths.join(directory(), IGNORE_FILE);
  }

  /**
   * What is wrong with a layout's directory ({@code _flows}, {@code kestra/flows}; empty, {@code .}
   * or {@code /} for the repository root), worded to follow its name, or empty when it is usable.
   * Every layout checks its directory with this rule.
   */
  static Optional<String> directoryProblem(String directory) {
    return LayoutPaths.directoryProblem(directory);
  }

  /** Flows of {@code rootNamespace} and its children in {@code _flows/}. */
  static FlowsLayout flows(String rootNamespace) {
    return new FlowsLayout(FlowsLayout.DEFAULT_DIRECTORY, rootNamespace);
  }

  /** Flows of {@code rootNamespace} and its children in {@code directory}: child namespaces are sub-folders. */
  static FlowsLayout flows(String directory, String rootNamespace) {
    return new FlowsLayout(directory, rootNamespace);
  }

  /** Namespace files of one namespace in {@code _files/}. */
  static FilesLayout files(String namespace) {
    return new FilesLayout(FilesLayout.DEFAULT_DIRECTORY, namespace);
  }

  static FilesLayout files(String directory, String namespace) {
    return new FilesLayout(directory, namespace);
  }

  /** Dashboards in {@code _dashboards/}. */
  static DashboardsLayout dashboards() {
    return new DashboardsLayout(DashboardsLayout.DEFAULT_DIRECTORY);
  }

  static DashboardsLayout dashboards(String directory) {
    return new DashboardsLayout(directory);
  }

  /** Execution files in {@code _outputs/}. */
  static OutputsLayout outputs() {
    return new OutputsLayout(OutputsLayout.DEFAULT_DIRECTORY);
  }

  static OutputsLayout outputs(String directory) {
    return new OutputsLayout(directory);
  }

  /** One folder per namespace at the repository root, as NamespaceSync and TenantSync write it. */
  static NamespaceLayout namespaces() {
    return new NamespaceLayout("");
  }

  /** One folder per namespace under {@code directory}. */
  static NamespaceLayout namespaces(String directory) {
    return new NamespaceLayout(directory);
  }
}
