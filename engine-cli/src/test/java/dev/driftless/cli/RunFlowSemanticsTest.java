package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless run flow.yaml} runs a flow as Kestra would, as far as that is known outside
 * Kestra, against the Kestra API emulator and a Git server over HTTP with Basic auth: disabled
 * tasks and a false {@code runIf} are skipped, a failed task stops the flow unless it allows
 * failure, {@code pluginDefaults} apply, the flow's variables, inputs and secrets render, Kestra's
 * address and credentials come from the environment, and the wrapping flow is never deleted.
 */
@Timeout(60)
class RunFlowSemanticsTest {

  private static final String FLOW_A = Sides.flow("dev", "a", "from Git");

  @TempDir
  Path dir;

  Sides sides;

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void aDisabledTask_isSkipped() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Path flow = flow("""
        id: git_sync
        namespace: ops
        tasks:
          - id: off
            type: io.kestra.plugin.git.SyncFlows
            disabled: true
            targetNamespace: dev
        %s
        """.formatted(connection()));

    Cli.Result result = run(flow).assertExit(0);

    assertTrue(result.out().contains("== io.kestra.plugin.git.SyncFlows 'off': skipped, disabled: true"), result.out());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
  }

  @Test
  void runIf_skipsATask_whenItsInputsDefaultSaysSo_andRunsItOtherwise() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    String yaml = """
        id: git_sync
        namespace: ops
        inputs:
          - id: environment
            type: STRING
            defaults: %s
        tasks:
          - id: only_in_prod
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ inputs.environment == 'prod' }}"
            targetNamespace: dev
        %s
        """;

    Cli.Result skipped = run(flow(yaml.formatted("staging", connection()))).assertExit(0);
    assertTrue(skipped.out().contains("'only_in_prod': skipped, runIf is false"), skipped.out());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));

    run(flow(yaml.formatted("prod", connection()))).assertExit(0);
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
  }

  @Test
  void aRunIfOnlyKestraCanDecide_refusesTheFile_beforeAnythingIsRead() {
    Path flow = flow("""
        id: git_sync
        namespace: ops
        tasks:
          - id: on_schedule
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ trigger.date != null }}"
            targetNamespace: dev
        %s
        """.formatted(connection()));

    run(flow).assertOneErrorLine("driftless: " + flow + ":6: tasks[0].runIf: cannot tell whether task 'on_schedule' "
        + "runs: '{{ trigger.date != null }}' needs Kestra to render it: run this flow inside Kestra, with Driftless's "
        + "Kestra plugin (dev.driftless.plugin.*; see the README, \"Run inside Kestra\")");
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
  }

  @Test
  void aTaskWhosePlanIsRefused_stopsTheFlow_andTheNextTaskDoesNotRun() {
    sides.commit().add("dev/flows/a.yaml", FLOW_A).push();
    sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", "only_in_kestra", "not in Git"));
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "/run.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    Path flow = flow("""
        id: git_sync
        namespace: dev
        tasks:
          - id: refuses
            type: io.kestra.plugin.git.NamespaceSync
            namespace: dev
            branch: main
            sourceOfTruth: GIT
            whenMissingInSource: FAIL
        %s
          - id: push_files
            type: io.kestra.plugin.git.PushNamespaceFiles
            namespace: dev
        %s
        """.formatted(connection(), connection()));
    Optional<ObjectId> before = sides.repo.head("main");

    Cli.Result result = run(flow).assertExit(1);

    assertFalse(result.out().contains("== io.kestra.plugin.git.PushNamespaceFiles"), result.out());
    assertTrue(result.err().contains("The flow stops: task 'refuses' (io.kestra.plugin.git.NamespaceSync) failed, so "
        + "'push_files' (io.kestra.plugin.git.PushNamespaceFiles) does not run"), result.err());
    assertEquals(before, sides.repo.head("main"), "the next task pushed nothing");
  }

  @Test
  void aTaskThatErrs_stopsTheFlow_unlessItAllowsFailure() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    String yaml = """
        id: git_sync
        namespace: ops
        tasks:
          - id: missing_directory
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            gitDirectory: no_such_directory
        %s
        %s
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        %s
        """;

    Cli.Result stopped = run(flow(yaml.formatted("", connection(), connection()))).assertExit(1);
    assertTrue(stopped.err().contains("no_such_directory"), stopped.err());
    assertTrue(stopped.err().contains("The flow stops"), stopped.err());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"), "the next task did not run");

    Cli.Result goesOn = run(flow(yaml.formatted("    allowFailure: true", connection(), connection()))).assertExit(0);
    assertTrue(goesOn.err().contains("no_such_directory"), goesOn.err());
    assertTrue(goesOn.err().contains("Task 'missing_directory' (io.kestra.plugin.git.SyncFlows) failed; allowFailure: "
        + "true lets the flow go on"), goesOn.err());
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"), "the next task ran");
  }

  @Test
  void pluginDefaults_giveEveryGitTaskItsConnection() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "/run.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
    Path flow = flow("""
        id: git_sync
        namespace: ops
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
          - id: files
            type: io.kestra.plugin.git.PushNamespaceFiles
            namespace: dev
        pluginDefaults:
          - type: io.kestra.plugin.git
            values:
        %s
        """.formatted(connection().indent(4)));

    run(flow).assertExit(0);

    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of("print('hi')\n"), sides.repo.file("main", "_files/run.py"));
  }

  @Test
  void theFlowsVariables_inputsAndSecrets_render_andPushFlowsTakesTheFlowsNamespace() {
    sides.state().putFlowSource(Sides.TENANT, FLOW_A);
    Path flow = flow("""
        id: push_to_git
        namespace: dev
        inputs:
          - id: directory
            type: STRING
            defaults: exported
        tasks:
          - id: push
            type: io.kestra.plugin.git.PushFlows
            gitDirectory: "{{ inputs.directory }}/{{ flow.tenantId }}"
            commitMessage: "Flows of {{ flow.namespace }}, pushed by {{ flow.id }}"
            url: %s
            username: "{{ secret('GIT_USER') }}"
            password: "{{ secret('GIT_TOKEN') }}"
            kestraUrl: %s
            auth:
              username: "{{ secret('KESTRA_USER') }}"
              password: "{{ secret('KESTRA_PASSWORD') }}"
        """.formatted(sides.gitUrl(), sides.kestraUrl()));
    Map<String, String> env = new HashMap<>(env());
    env.put("GIT_USER", sides.git.credentials().user());
    env.put("SECRET_KESTRA_USER", base64(Sides.KESTRA_USER));

    sides.cli(env, "run", flow.toString(), "--tenant", Sides.TENANT).assertExit(0);

    assertEquals(Optional.of(FLOW_A), sides.repo.file("main", "exported/main/a.yml"));
    assertEquals("Flows of dev, pushed by push_to_git", sides.repo.log("main").get(0).getFullMessage().strip());
  }

  @Test
  void whatOnlyKestraKnows_isRefused_oneLinePerPlace() {
    Path flow = flow("""
        id: git_sync
        namespace: ops
        tasks:
          - id: push
            type: io.kestra.plugin.git.PushFlows
            commitMessage: "execution {{ execution.id }}"
        %s
          - id: notify
            type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook
            url: https://hooks.slack.com/services/x
        """.formatted(connection()));

    Cli.Result result = run(flow).assertExit(1);

    assertEquals(List.of(
        "driftless: " + flow + ":6: tasks[0].commitMessage: '{{ execution.id }}' needs Kestra to render it: run this "
            + "flow inside Kestra, with Driftless's Kestra plugin (dev.driftless.plugin.*; see the README, \"Run "
            + "inside Kestra\")",
        "driftless: " + flow + ":15: tasks[1].type: 'io.kestra.plugin.notifications.slack.SlackIncomingWebhook' is not "
            + "a Kestra Git plugin task; only Kestra runs it: run this flow inside Kestra, with Driftless's Kestra "
            + "plugin (dev.driftless.plugin.*; see the README, \"Run inside Kestra\")"), result.errLines());
    assertEquals(0, sides.kestra.requests().size(), "nothing was read");
  }

  @Test
  void kestrasAddressAndCredentials_comeFromTheEnvironment_unlessTheFileSetsThem() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Path bare = flow("""
        id: git_sync
        namespace: ops
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            url: %s
            username: %s
            password: "{{ secret('GIT_TOKEN') }}"
        """.formatted(sides.gitUrl(), sides.git.credentials().user()));
    Map<String, String> env = new HashMap<>(env());
    env.put("KESTRA_URL", sides.kestraUrl());
    env.put("KESTRA_USERNAME", Sides.KESTRA_USER);

    sides.cli(env, "run", bare.toString()).assertExit(0);
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));

    sides.commit().add("_flows/a.yml", Sides.flow("dev", "a", "changed")).push();
    Path own = flow("""
        id: git_sync
        namespace: ops
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        %s
        """.formatted(connection()));
    env.put("KESTRA_URL", "http://127.0.0.1:9");
    env.put("KESTRA_USERNAME", "someone-else");
    sides.cli(env, "run", own.toString()).assertExit(0);
    assertEquals(Optional.of(Sides.flow("dev", "a", "changed")), sides.flowInKestra("dev", "a"),
        "the file's own kestraUrl and auth were used");
  }

  @Test
  void theWrappingFlow_isProtected_andNeverDeletedByTheSyncItRuns() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    String wrapper = """
        id: git_sync
        namespace: dev
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            delete: true
        %s
        """.formatted(connection());
    sides.state().putFlowSource(Sides.TENANT, wrapper);
    sides.state().putFlowSource(Sides.TENANT, FLOW_A);
    sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", "ui_only", "made in the UI"));

    // Driftless's rows say PROTECTED; the plugin's have no row for a flow left alone.
    Cli.Result result = sides.cli(env(), "run", flow(wrapper).toString(), "--row-detail", "DETAILED").assertExit(0);

    assertTrue(result.out().lines().anyMatch(l -> l.contains("git_sync") && l.contains("PROTECTED")), result.out());
    assertEquals(Optional.of(wrapper), sides.flowInKestra("dev", "git_sync"), "the wrapping flow is still there");
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "ui_only"), "other flows Git lacks are deleted");
  }

  private Cli.Result run(Path flow) {
    return sides.cli(env(), "run", flow.toString());
  }

  private Path flow(String yaml) {
    try {
      return Files.writeString(Files.createTempFile(dir, "flow", ".yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Both sides' connection properties, as a task's (four spaces in). */
  private String connection() {
    return String.join("\n", List.of(
        "url: " + sides.gitUrl(),
        "username: " + sides.git.credentials().user(),
        "password: \"{{ secret('GIT_TOKEN') }}\"",
        "kestraUrl: " + sides.kestraUrl(),
        "auth:",
        "  username: " + Sides.KESTRA_USER,
        "  password: \"{{ secret('KESTRA_PASSWORD') }}\"")).indent(4).stripTrailing();
  }

  private Map<String, String> env() {
    return Map.of("SECRET_GIT_TOKEN", base64(sides.git.credentials().token()), "KESTRA_PASSWORD", sides.kestraPassword);
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
