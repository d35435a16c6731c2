package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.kestra.KestraAuth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Git plugin's defaults and dialects a task file is read with: what a task the plugin accepts
 * means here, and where Driftless refuses instead, why, in words.
 */
class PluginDialectsTest {

  private static final String GIT = "url: https://git.example.com/acme/flows.git\n";
  private static final Function<String, Optional<String>> SECRETS = name -> Optional.of("value-of-" + name);
  private static final KestraAuth FROM_ENVIRONMENT = KestraAuth.apiToken("token-from-the-environment");

  private static TaskEnvironment environment() {
    return TaskEnvironment.of(SECRETS).withKestraAuth(() -> Optional.of(FROM_ENVIRONMENT));
  }

  private static Task one(String yaml) {
    List<FlowTask> tasks = TaskFile.read(yaml, "task.yaml", environment()).tasks();
    assertEquals(1, tasks.size());
    return tasks.get(0).task().orElseThrow();
  }

  private static List<Problem> problems(String yaml) {
    return assertThrows(InvalidTaskException.class, () -> TaskFile.read(yaml, "task.yaml", environment())).problems();
  }

  // ---- Clone

  @Test
  void clone_fetchesEveryBranchByDefault_asThePluginDoes() {
    Clone clone = (Clone) one("type: io.kestra.plugin.git.Clone\n" + GIT);

    assertTrue(clone.cloneAllBranches());
    assertFalse(((Clone) one("type: io.kestra.plugin.git.Clone\ncloneAllBranches: false\n" + GIT)).cloneAllBranches());
  }

  @Test
  void clone_acceptsKestraUrlAndAuth_whichItDoesNotUse() {
    Clone clone = (Clone) one("""
        type: io.kestra.plugin.git.Clone
        kestraUrl: http://kestra:8080
        auth:
          username: admin@kestra.io
          password: "{{ secret('NOT_LOOKED_UP') }}"
        """ + GIT);

    assertEquals(Optional.of("https://git.example.com/acme/flows.git"), clone.url());
  }

  @Test
  void clone_commitWinsOverTag_andTagOverBranch_asInThePlugin() {
    Clone all = (Clone) one("type: io.kestra.plugin.git.Clone\ncommit: 98189392a2\ntag: v1\nbranch: main\n" + GIT);
    Clone tagAndBranch = (Clone) one("type: io.kestra.plugin.git.Clone\ntag: v1\nbranch: main\n" + GIT);

    assertEquals(Optional.of("98189392a2"), all.commit());
    assertEquals(Optional.of("v1"), tagAndBranch.tag());
  }

  // ---- SyncDashboards

  @Test
  void syncDashboards_failOnMissingDirectory_asSyncFlowsHasIt() {
    SyncDashboards byDefault = (SyncDashboards) one("type: io.kestra.plugin.git.SyncDashboards\n" + GIT);
    SyncDashboards lenient = (SyncDashboards) one("type: io.kestra.plugin.git.SyncDashboards\n"
        + "failOnMissingDirectory: false\n" + GIT);

    assertTrue(byDefault.failOnMissingDirectory(), "true by default, as in the plugin");
    assertFalse(byDefault.spec().git().missingReadsAsEmpty());
    assertTrue(lenient.spec().git().missingReadsAsEmpty());
  }

  // ---- PushExecutionFiles

  @Test
  void pushExecutionFiles_acceptsDelete_andSaysNothingIsDeletedWhenItIsTrue() {
    String task = "type: io.kestra.plugin.git.PushExecutionFiles\nexecutionId: 4wjtkzwVGBM9yKnjm3yv8r\n" + GIT;

    PushExecutionFiles deleting = (PushExecutionFiles) one(task + "delete: true\n");
    PushExecutionFiles keeping = (PushExecutionFiles) one(task + "delete: false\n");

    assertEquals(deleting.spec().policy(), keeping.spec().policy(), "nothing is deleted either way");
    assertEquals(Optional.of(true), deleting.delete());
    String said = deleting.spec().notes().toString();
    assertTrue(said.contains("delete: true") && said.contains("deletes nothing") && said.contains("_outputs"), said);
    assertEquals(List.of(), keeping.spec().notes());
    assertEquals(List.of(), ((PushExecutionFiles) one(task)).spec().notes(), "no warning when the file does not ask");
  }

  // ---- The deprecated Push and Sync

  @Test
  void theDeprecatedPushAndSync_areRefused_namingTheirReplacements_atTheTypesLine() {
    Problem push = problems("id: push\ntype: io.kestra.plugin.git.Push\n" + GIT).get(0);
    Problem sync = problems("id: sync\ntype: io.kestra.plugin.git.Sync\n" + GIT).get(0);

    assertEquals("type", push.property());
    assertEquals(OptionalInt.of(2), push.line());
    assertTrue(push.message().contains("deprecated") && push.message().contains("io.kestra.plugin.git.PushFlows")
        && push.message().contains("io.kestra.plugin.git.PushNamespaceFiles"), push.message());
    assertTrue(sync.message().contains("deprecated") && sync.message().contains("io.kestra.plugin.git.SyncFlows")
        && sync.message().contains("io.kestra.plugin.git.SyncNamespaceFiles"), sync.message());
    assertFalse(push.message().contains("known:"), push.message());
  }

  // ---- Selectors: an empty list

  @Test
  void pushExecutionFiles_anEmptyListOfFiles_selectsEveryOutputFile_asInThePlugin() {
    PushExecutionFiles task = (PushExecutionFiles) one("type: io.kestra.plugin.git.PushExecutionFiles\n"
        + "executionId: 4wjtkzwVGBM9yKnjm3yv8r\nfiles: []\n" + GIT);

    assertEquals(List.of(), task.files());
    assertEquals(List.of(), task.spec().policy().selector().includes());
  }

  @Test
  void anEmptyListOfPatterns_whereThePluginSelectsNothingAndDeletesTheRest_isRefusedInWords() {
    Problem files = problems("type: io.kestra.plugin.git.PushNamespaceFiles\nnamespace: dev\nfiles: []\n" + GIT).get(0);
    Problem flows = problems("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\nflows: []\n" + GIT).get(0);

    assertEquals("files", files.property());
    assertEquals(OptionalInt.of(3), files.line());
    assertTrue(files.message().contains("selects nothing") && files.message().contains("leave the property out"),
        files.message());
    assertEquals("flows", flows.property());
  }

  @Test
  void theTextOfAnEmptyJsonList_staysRefused() {
    Problem p = problems("type: io.kestra.plugin.git.PushExecutionFiles\nexecutionId: 4wjtkzwVGBM9yKnjm3yv8r\n"
        + "files: \"[]\"\n" + GIT).get(0);

    assertEquals("files", p.property());
  }

  // ---- auth

  @Test
  void authAuto_takesTheCredentialsOfTheSurroundings_asATaskWithoutAuthDoes() {
    String task = "type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: dev\n" + GIT;

    SyncFlows auto = (SyncFlows) one(task + "auth:\n  auto: true\n");
    SyncFlows none = (SyncFlows) one(task + "auth:\n  auto: false\n");
    SyncFlows given = (SyncFlows) one(task + "auth:\n  auto: true\n  apiToken: \"{{ secret('MINE') }}\"\n");

    assertEquals(Optional.of(FROM_ENVIRONMENT), auto.auth());
    assertEquals(Optional.empty(), none.auth(), "auto: false and no credentials: none, as in the plugin");
    assertEquals("value-of-MINE", ((KestraAuth.ApiToken) given.auth().orElseThrow()).token().reveal());
  }

  @Test
  void authRequired_saysWhereCredentialsComeFrom() {
    Problem p = problems("type: io.kestra.plugin.git.TenantSync\nbranch: main\nauth:\n  auto: false\n" + GIT).get(0);

    assertEquals("auth", p.property());
    assertTrue(p.message().contains("KESTRA_API_TOKEN") && p.message().contains("KESTRA_USERNAME")
        && p.message().contains("KESTRA_PASSWORD") && p.message().contains("apiToken"), p.message());
  }

  @Test
  void authWithOnlyAUsername_isStillAProblem() {
    Problem p = problems("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: dev\nauth:\n  username: me\n" + GIT)
        .get(0);

    assertEquals("auth", p.property());
    assertTrue(p.message().contains("password"), p.message());
  }
}
