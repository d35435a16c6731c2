package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.flows.GenericFlow;
import io.kestra.core.models.flows.State;
import io.kestra.core.repositories.FlowRepositoryInterface;
import io.kestra.core.repositories.LogRepositoryInterface;
import io.kestra.core.runners.RunnerUtils;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * System flows using the plugin's tasks, executed by Kestra's own runner: Pebble, inputs, secrets,
 * {@code disabled}, {@code runIf}, {@code pluginDefaults}, {@code ForEach} and a failed task behave
 * as in Kestra, because Kestra runs them.
 */
@KestraTest(startRunner = true)
@Timeout(180)
class FlowRunTest {

  private static final String TENANT = "main";

  private static final String INPUTS = """
      inputs:
        - id: url
          type: STRING
        - id: kestraUrl
          type: STRING
      """;

  private static final String CONNECTION = """
          url: "{{ inputs.url }}"
          username: git-user
          password: "{{ secret('GIT_TOKEN') }}"
          kestraUrl: "{{ inputs.kestraUrl }}"
          auth:
            username: admin@kestra.io
            password: "{{ secret('KESTRA_PASSWORD') }}"
      """;

  private static final String HELLO = """
      id: hello
      namespace: company.team
      tasks:
        - id: log
          type: io.kestra.plugin.core.log.Log
          message: hello
      """;

  @Inject
  FlowRepositoryInterface flows;

  @Inject
  RunnerUtils runner;

  @Inject
  LogRepositoryInterface logs;

  @TempDir
  Path dir;
  PluginWorld world;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
    world.repo().commit(PluginWorld.MAIN).add("flows/hello.yml", HELLO).add("flows/tutorial/hi.yml",
        HELLO.replace("id: hello", "id: hi").replace("namespace: company.team", "namespace: company.team.tutorial"))
        .push();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private Execution run(String flowId, String yaml) throws Exception {
    return run("system", flowId, yaml, Map.of());
  }

  private Execution run(String namespace, String flowId, String yaml, Map<String, Object> inputs) throws Exception {
    if (flows.findById(TENANT, namespace, flowId).isEmpty()) {
      flows.create(GenericFlow.fromYaml(TENANT, yaml));
    }
    Map<String, Object> all = new java.util.HashMap<>(inputs);
    all.put("url", world.url());
    all.put("kestraUrl", world.kestraUrl());
    return runner.runOne(TENANT, namespace, flowId, null, (flow, execution) -> all, Duration.ofSeconds(120));
  }

  private String errors(Execution execution) {
    return logs.findByExecutionId(TENANT, execution.getId(), null).stream()
        .filter(l -> l.getLevel().toString().equals("ERROR")).map(LogEntry::getMessage).collect(Collectors.joining("\n"));
  }

  private static TaskRun taskRun(Execution execution, String taskId) {
    return execution.getTaskRunList().stream().filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow(
        () -> new AssertionError(taskId + " did not run: " + execution.getTaskRunList()));
  }

  @Test
  void theSeedsSyncFlows_withChildNamespaces_syncsGitIntoKestra() throws Exception {
    Execution execution = run("sync_flows_from_git", """
        id: sync_flows_from_git
        namespace: system
        """ + INPUTS + """
        tasks:
          - id: git
            type: dev.driftless.plugin.SyncFlows
        """ + CONNECTION + """
            branch: main
            targetNamespace: company.team
            gitDirectory: flows
            includeChildNamespaces: true
        """);

    assertEquals(State.Type.SUCCESS, execution.getState().getCurrent(), execution.toString());
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "hello").isPresent());
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team.tutorial", "hi").isPresent());
    Map<String, Object> outputs = taskRun(execution, "git").getOutputs();
    assertTrue(String.valueOf(outputs.get("flows")).startsWith("kestra://"), outputs.toString());
    assertTrue(String.valueOf(outputs.get("summary")).startsWith("Plan: 2 to create"), outputs.toString());
  }

  @Test
  void theFlowRunningTheSync_isNeverDeletedByIt() throws Exception {
    String self = "id: self_sync\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n"
        + "    message: the copy Kestra holds\n";
    world.kestra().state().putFlowSource(PluginWorld.TENANT, self);
    world.kestra().state().putFlowSource(PluginWorld.TENANT, self.replace("self_sync", "old"));

    Execution execution = run("company.team", "self_sync", """
        id: self_sync
        namespace: company.team
        """ + INPUTS + """
        tasks:
          - id: git
            type: dev.driftless.plugin.SyncFlows
        """ + CONNECTION + """
            targetNamespace: company.team
            gitDirectory: flows
            delete: true
        """, Map.of());

    assertEquals(State.Type.SUCCESS, execution.getState().getCurrent(), errors(execution));
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "hello").isPresent());
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "old").isEmpty(),
        "a flow Git lacks is deleted");
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "self_sync").isPresent(),
        "but never the flow running the sync");
  }

  @Test
  void aMassDeletion_failsTheTask_untilThatPlanIsApproved() throws Exception {
    world.repo().commit(PluginWorld.MAIN).add("empty/README.md", "no flows here yet\n").push();
    String doomed = HELLO.replace("id: hello", "id: doomed");
    world.kestra().state().putFlowSource(PluginWorld.TENANT, doomed);
    String flow = """
        id: approved_sync
        namespace: system
        """ + INPUTS + """
          - id: approve
            type: STRING
            required: false
            defaults: ""
        tasks:
          - id: git
            type: dev.driftless.plugin.SyncFlows
        """ + CONNECTION + """
            targetNamespace: company.team
            gitDirectory: empty
            delete: true
            approvedPlanId: "{{ inputs.approve }}"
        """;

    Execution held = run("system", "approved_sync", flow, Map.of());

    assertEquals(State.Type.FAILED, held.getState().getCurrent());
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "doomed").isPresent());
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("approvedPlanId: ([0-9a-f]+)").matcher(errors(held));
    assertTrue(id.find(), errors(held));

    Execution approved = run("system", "approved_sync", flow, Map.of("approve", id.group(1)));

    assertEquals(State.Type.SUCCESS, approved.getState().getCurrent(), errors(approved));
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "doomed").isEmpty());
  }

  @Test
  void disabledTasks_andFalseRunIf_doNotRun() throws Exception {
    Execution execution = run("guarded", """
        id: guarded
        namespace: system
        """ + INPUTS + """
        tasks:
          - id: disabled
            type: dev.driftless.plugin.SyncFlows
            disabled: true
        """ + CONNECTION + """
            targetNamespace: company.team
            gitDirectory: flows
          - id: not_now
            type: dev.driftless.plugin.SyncFlows
            runIf: "{{ 1 == 2 }}"
        """ + CONNECTION + """
            targetNamespace: company.team
            gitDirectory: flows
          - id: after
            type: io.kestra.plugin.core.log.Log
            message: done
        """);

    assertEquals(State.Type.SUCCESS, execution.getState().getCurrent(), execution.toString());
    assertTrue(world.kestra().state().flows(PluginWorld.TENANT).isEmpty(), "nothing was synced");
    assertFalse(execution.getTaskRunList().stream().anyMatch(t -> t.getTaskId().equals("disabled")));
    assertEquals(State.Type.SKIPPED, taskRun(execution, "not_now").getState().getCurrent());
  }

  @Test
  void pluginDefaults_andForEach_setTheTasksProperties() throws Exception {
    Execution execution = run("each", """
        id: each
        namespace: system
        """ + INPUTS + """
        tasks:
          - id: each
            type: io.kestra.plugin.core.flow.ForEach
            values: ["company.one", "company.two"]
            tasks:
              - id: git
                type: dev.driftless.plugin.SyncFlows
                targetNamespace: "{{ taskrun.value }}"
                gitDirectory: flows
        pluginDefaults:
          - type: dev.driftless.plugin.SyncFlows
            values:
        """ + CONNECTION.indent(2) + """
              branch: main
        """);

    assertEquals(State.Type.SUCCESS, execution.getState().getCurrent(), execution.toString());
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.one", "hello").isPresent());
    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.two", "hello").isPresent());
  }

  @Test
  void aFailedSync_failsTheExecution_withOneClearMessage_andStopsTheFlow() throws Exception {
    Execution execution = run("failing", """
        id: failing
        namespace: system
        """ + INPUTS + """
        tasks:
          - id: git
            type: dev.driftless.plugin.SyncFlows
        """ + CONNECTION + """
            targetNamespace: company.team
            gitDirectory: no_such_directory
          - id: after
            type: io.kestra.plugin.core.log.Log
            message: must not run
        """);

    assertEquals(State.Type.FAILED, execution.getState().getCurrent(), execution.toString());
    assertFalse(execution.getTaskRunList().stream().anyMatch(t -> t.getTaskId().equals("after")));
    List<LogEntry> entries = logs.findByExecutionId(TENANT, execution.getId(), null);
    String errors = entries.stream().filter(l -> l.getLevel().toString().equals("ERROR")).map(LogEntry::getMessage)
        .collect(Collectors.joining("\n"));
    assertTrue(errors.contains("no_such_directory"), errors);
    assertFalse(errors.contains("readMissingAsEmpty"), "no setting the task does not have: " + errors);
    assertFalse(errors.contains(PluginWorld.GIT_TOKEN) || errors.contains(PluginWorld.KESTRA_PASSWORD), errors);
  }
}
