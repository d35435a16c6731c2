package dev.driftless.presets;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The Kestra Git plugin's tasks, by their {@code type:} names. */
public enum TaskType {
  SYNC_FLOWS("SyncFlows", SyncFlows::read),
  SYNC_FLOW("SyncFlow", SyncFlow::read),
  SYNC_NAMESPACE_FILES("SyncNamespaceFiles", SyncNamespaceFiles::read),
  SYNC_DASHBOARDS("SyncDashboards", SyncDashboards::read),
  PUSH_FLOWS("PushFlows", PushFlows::read),
  PUSH_NAMESPACE_FILES("PushNamespaceFiles", PushNamespaceFiles::read),
  PUSH_DASHBOARDS("PushDashboards", PushDashboards::read),
  PUSH_EXECUTION_FILES("PushExecutionFiles", PushExecutionFiles::read),
  NAMESPACE_SYNC("NamespaceSync", NamespaceSync::read),
  TENANT_SYNC("TenantSync", TenantSync::read),
  CLONE("Clone", Clone::read);

  /** The plugin's package: {@code type: io.kestra.plugin.git.NamespaceSync}. */
  public static final String PACKAGE = "io.kestra.plugin.git.";

  private final String simpleName;
  private final Function<PropertyReader, Supplier<Task>> reader;

  TaskType(String simpleName, Function<PropertyReader, Supplier<Task>> reader) {
    this.simpleName = simpleName;
    this.reader = reader;
  }

  public String simpleName() {
    return simpleName;
  }

  /** {@code io.kestra.plugin.git.NamespaceSync}. */
  public String typeName() {
    return PACKAGE + simpleName;
  }

  /** Reads the task's properties from a task file; builds (and validates) the task when called. */
  Supplier<Task> read(PropertyReader properties) {
    return reader.apply(properties);
  }

  /** Whether the task writes to Git (a push) rather than to Kestra. */
  public boolean pushesToGit() {
    return switch (this) {
      case PUSH_FLOWS, PUSH_NAMESPACE_FILES, PUSH_DASHBOARDS, PUSH_EXECUTION_FILES -> true;
      case SYNC_FLOWS, SYNC_FLOW, SYNC_NAMESPACE_FILES, SYNC_DASHBOARDS, NAMESPACE_SYNC, TENANT_SYNC, CLONE -> false;
    };
  }

  /**
   * Whether the task chooses its source of truth ({@code sourceOfTruth}, and BOTH for a two-way
   * sync): NamespaceSync and TenantSync. The others always go one way.
   */
  public boolean choosesSourceOfTruth() {
    return switch (this) {
      case NAMESPACE_SYNC, TENANT_SYNC -> true;
      case SYNC_FLOWS, SYNC_FLOW, SYNC_NAMESPACE_FILES, SYNC_DASHBOARDS, PUSH_FLOWS, PUSH_NAMESPACE_FILES,
          PUSH_DASHBOARDS, PUSH_EXECUTION_FILES, CLONE -> false;
    };
  }

  /**
   * The task with this type name: the plugin's full name ({@code io.kestra.plugin.git.PushFlows}),
   * its simple name, or its enum name ({@code push-flows}). The plugin's deprecated {@code Push}
   * and {@code Sync} are not run: the message names the tasks that replace them.
   *
   * @throws IllegalArgumentException naming the replacements of a deprecated task, else the known types
   */
  public static TaskType fromTypeName(String name) {
    String simple = name.startsWith(PACKAGE) ? name.substring(PACKAGE.length()) : name;
    for (TaskType type : values()) {
      if (type.simpleName.equals(simple) || type.name().equalsIgnoreCase(simple.replace('-', '_'))) {
        return type;
      }
    }
    List<TaskType> replacements = switch (simple) {
      case "Push" -> List.of(PUSH_FLOWS, PUSH_NAMESPACE_FILES);
      case "Sync" -> List.of(SYNC_FLOWS, SYNC_NAMESPACE_FILES);
      default -> List.of();
    };
    if (!replacements.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' is deprecated in the Git plugin and Driftless does not run it: "
          + "use " + replacements.get(0).typeName() + " for flows and " + replacements.get(1).typeName()
          + " for namespace files (NamespaceSync does both in one task)");
    }
    StringBuilder known = new StringBuilder();
    for (TaskType type : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(type.simpleName);
    }
    throw new IllegalArgumentException("'" + name + "' is not a Kestra Git plugin task Driftless runs; known: "
        + known);
  }
}
