package dev.driftless.presets;

import dev.driftless.git.layout.DashboardsLayout;
import dev.driftless.git.layout.FilesLayout;
import dev.driftless.git.layout.FlowsLayout;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.layout.OutputsLayout;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Git layouts by the names people use for them, each with the directory it lives in when none
 * is given (the plugin's). The one vocabulary of the presets and of the CLI's {@code --layout}:
 * each preset makes its layout here, and so does the command line, so that {@code --layout flows
 * --namespace dev} and SyncFlows or PushFlows for {@code dev} read and write the same files.
 */
public enum LayoutType {
  /** One folder per namespace ({@code dev/flows/a.yaml}, {@code dev/files/...}) at the repository root: NamespaceSync, TenantSync. */
  NAMESPACE(""),
  /** Flows of one namespace in {@code _flows/}, its children as sub-folders: SyncFlows, SyncFlow, PushFlows. */
  FLOWS(FlowsLayout.DEFAULT_DIRECTORY),
  /** Namespace files of one namespace in {@code _files/}: SyncNamespaceFiles, PushNamespaceFiles. */
  FILES(FilesLayout.DEFAULT_DIRECTORY),
  /** Dashboards in {@code _dashboards/}: SyncDashboards, PushDashboards. */
  DASHBOARDS(DashboardsLayout.DEFAULT_DIRECTORY),
  /** Execution files in {@code _outputs/}: PushExecutionFiles. */
  OUTPUTS(OutputsLayout.DEFAULT_DIRECTORY);

  private final String defaultDirectory;

  LayoutType(String defaultDirectory) {
    this.defaultDirectory = defaultDirectory;
  }

  /** The name people give it: {@code namespace}, {@code flows}, {@code files}, {@code dashboards}, {@code outputs}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The layout with this {@link #label()}, if any. */
  public static Optional<LayoutType> fromLabel(String label) {
    return Arrays.stream(values()).filter(t -> t.label().equals(label)).findFirst();
  }

  /** The directory the layout lives in when none is given; empty for the repository root. */
  public String defaultDirectory() {
    return defaultDirectory;
  }

  /**
   * Whether the layout holds the tree of one namespace, which it must be given: the flows layout
   * (children as sub-folders) and the files layout.
   */
  public boolean holdsOneNamespace() {
    return switch (this) {
      case FLOWS, FILES -> true;
      case NAMESPACE, DASHBOARDS, OUTPUTS -> false;
    };
  }

  /**
   * This layout in a directory.
   *
   * @param directory the folder in the repository; empty, {@code .} or {@code /} for its root
   * @param namespace the namespace a layout that {@link #holdsOneNamespace() holds one} holds (the
   *     root of the flows' folders, the namespace of the files); the other layouts hold any
   * @param childNamespaces for the files layout, whether the namespace's children are held too, one
   *     folder per namespace; the flows layout always holds them, as sub-folders
   * @throws IllegalArgumentException when the directory or the namespace cannot be used, or the
   *     layout holds one namespace and none is given
   */
  public Layout layout(String directory, Optional<String> namespace, boolean childNamespaces) {
    return switch (this) {
      case NAMESPACE -> Layout.namespaces(directory);
      case FLOWS -> Layout.flows(directory, required(namespace));
      case FILES -> files(directory, required(namespace), childNamespaces, "");
      case DASHBOARDS -> Layout.dashboards(directory);
      case OUTPUTS -> Layout.outputs(directory);
    };
  }

  /**
   * The files layout whose files map to a directory inside the namespace (SyncNamespaceFiles'
   * {@code namespaceDirectory}: {@code _files/run.py} is {@code /scripts/run.py} in Kestra).
   *
   * @param namespaceDirectory the directory inside the namespace; empty for its root
   */
  public static FilesLayout files(String directory, String namespace, boolean childNamespaces,
      String namespaceDirectory) {
    return new FilesLayout(directory, namespace, childNamespaces, namespaceDirectory);
  }

  private String required(Optional<String> namespace) {
    return namespace.orElseThrow(() -> new IllegalArgumentException("the " + label() + " layout holds one namespace: "
        + "give it"));
  }
}
