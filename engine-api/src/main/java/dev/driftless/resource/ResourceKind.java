package dev.driftless.resource;

/**
 * The kinds of Kestra objects Driftless keeps in sync, declared in the order changes are applied:
 * namespace files first (flows may read them), then flows, then tests and apps (they refer to
 * flows), then dashboards. Deletions run in the reverse order.
 */
public enum ResourceKind {
  NAMESPACE_FILE("namespace-file", false, true),
  FLOW("flow", true, true),
  TEST("test", true, true),
  APP("app", true, true),
  DASHBOARD("dashboard", true, false),
  /** An output file of an execution: read from Kestra, only ever written to Git. */
  EXECUTION_FILE("execution-file", false, false);

  private final String label;
  private final boolean yaml;
  private final boolean namespaced;

  ResourceKind(String label, boolean yaml, boolean namespaced) {
    this.label = label;
    this.yaml = yaml;
    this.namespaced = namespaced;
  }

  /** The stable lower-case name used in addresses, JSON and the command line. */
  public String label() {
    return label;
  }

  /** Whether the content is a YAML document whose text is the source (flows, tests, apps, dashboards). */
  public boolean isYaml() {
    return yaml;
  }

  /** Whether a resource of this kind lives in a namespace; dashboards and execution files do not. */
  public boolean isNamespaced() {
    return namespaced;
  }

  /** Whether the name is a path ({@code scripts/main.py}) rather than an id. */
  public boolean isPath() {
    return !yaml;
  }

  /** Whether Driftless may write this kind on the given side. Execution files are read-only on Kestra. */
  public boolean isWritableOn(Side side) {
    return this != EXECUTION_FILE || side == Side.GIT;
  }

  /** The kind with the given label, for parsing user input. */
  public static ResourceKind fromLabel(String label) {
    for (ResourceKind kind : values()) {
      if (kind.label.equals(label) || kind.name().equalsIgnoreCase(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown resource kind '" + label + "'; expected one of flow, namespace-file, dashboard, app, test, execution-file");
  }
}
