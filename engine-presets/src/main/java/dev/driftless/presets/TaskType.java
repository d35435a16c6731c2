package dev.driftless.presets;


/** The Kestra Git plugin's tasks, by their {@code type:} names. */
public enum TaskType {
  SYNC_FLOWS("SyncFlows"),
  SYNC_FLOW("SyncFlow"),
  SYNC_NAMESPACE_FILES("SyncNamespaceFiles"),
  SYNC_DASHBOARDS("SyncDashboards"),
  PUSH_FLOWS("PushFlows"),
  PUSH_NAMESPACE_FILES("PushNamespaceFiles"),
  PUSH_DASHBOARDS("PushDashboards"),
  PUSH_EXECUTION_FILES("PushExecutionFiles"),
  NAMESPACE_SYNC("NamespaceSync"),
  TENANT_SYNC("TenantSync"),
  CLONE("Clone");

  /** The plugin's package: {@code type: io.kestra.plugin.git.NamespaceSync}. */
  public static final String PACKAGE = "io.kestra.plugin.git.";

  private final String simpleName;

  TaskType(String simpleName) {
    this.simpleName = simpleName;
  }

  public String simpleName() {
    return simpleName;
  }

  /** {@code io.kestra.plugin.git.NamespaceSync}. */
  public String typeName() {
    return PACKAGE + simpleName;
  }

  /** Whether the task writes to Git (a push) rather than to Kestra. */
  public boolean pushesToGit() {
    return switch (this) {
      case PUSH_FLOWS, PUSH_NAMESPACE_FILES, PUSH_DASHBOARDS, PUSH_EXECUTION_FILES -> true;
      case SYNC_FLOWS, SYNC_FLOW, SYNC_NAMESPACE_FILES, SYNC_DASHBOARDS, NAMESPACE_SYNC, TENANT_SYNC, CLONE -> false;
    };
  }

  /**
   * The task with this type name: the plugin's full name ({@code io.kestra.plugin.git.PushFlows}),
   * its simple name, or a legacy alias ({@code io.kestra.plugin.git.Sync} is not a preset).
   *
   * @throws IllegalArgumentException naming the known types
   */
  public static TaskType fromTypeName(String name) {
    String simple = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
    for (TaskType type : values()) {
      if (type.simpleName.equals(simple) || type.name().equalsIgnoreCase(simple.replace('-', '_'))) {
        return type;
      }
    }
    StringBuilder known = new StringBuilder();
    for (TaskType type : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(type.simpleName);
    }
    throw new IllegalArgumentException("'" + name + "' is not a Kestra Git plugin task Driftless runs; known: "
        + known);
  }
}
