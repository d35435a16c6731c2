package dev.driftless.presets.run;

import static dev.driftless.presets.run.GuideFlows.flow;
import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static dev.driftless.presets.run.PresetWorld.row;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.Problem;
import dev.driftless.presets.PushExecutionFiles;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.TaskFile;
import dev.driftless.core.render.PlanText;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.Mode;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.SshGitServer;
import dev.driftless.plan.Change;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.ResourceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test (or two) per item of the README's "Differences from the Kestra Git plugin", showing
 * Driftless's behaviour end to end against a real Git server and the Kestra emulator. The test
 * names start with the item's number.
 */
@Timeout(60)
class DifferencesFromThePluginTest {

  @TempDir
  Path dir;
  PresetWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  private PresetWorld start() {
    world = PresetWorld.start(dir);
    return world;
  }

  private static ResourceKey flowKey(String namespace, String id) {
    return ResourceKey.flow(namespace, id);
  }

  private static Change change(PresetResult run, ResourceKey key) {
    return run.plan().change(key).orElseThrow(() -> new AssertionError("no change for " + key));
  }

  // ---- 1. A missing branch or directory is an error, not an empty source.

  @Test
  void difference01_missingDirectoryOrBranch_isAnErrorNamingIt_andNothingIsWritten() {
    start();
    world.commit().add("flows/flow1.yml", flow("prod", "flow1", "in Git")).push();
    world.putFlow(flow("prod", "flow1", "in Git"));
    world.putFlow(flow("prod", "flow2", "only in Kestra"));
    world.forgetRequests();

    SourceNotFoundException directory = assertThrows(SourceNotFoundException.class, () -> world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: prod
        gitDirectory: flws
        delete: true
        """));
    SourceNotFoundException branch = assertThrows(SourceNotFoundException.class, () -> world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: prod
        gitDirectory: flows
        branch: mian
        delete: true
        """));

    assertTrue(directory.getMessage().contains("'flws'"), directory.getMessage());
    assertTrue(branch.getMessage().contains("'mian'"), branch.getMessage());
    world.assertNoKestraWrite();
    assertEquals(2, world.kestra().flows(TENANT).size());
  }

  @Test
  void difference01_failOnMissingDirectoryFalse_readsEmpty_butTheGuardHoldsBackDeletingEverything() {
    start();
    world.commit().add("README.md", "hi\n").push();
    world.putFlow(flow("prod", "flow1", "in Kestra"));
    world.putFlow(flow("prod", "flow2", "in Kestra"));
    world.forgetRequests();

    PresetResult run = world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: prod
        gitDirectory: flws
        delete: true
        failOnMissingDirectory: false
        """);

    assertEquals(Map.of("flow1", "BLOCKED", "flow2", "BLOCKED"), states(run, "flowId"));
    assertEquals(Reason.GUARD_MASS_DELETE, change(run, flowKey("prod", "flow1")).reason());
    assertFalse(run.plan().isApplyable());
    world.assertNoKestraWrite();
    assertEquals(2, world.kestra().flows(TENANT).size());
  }

  // ---- 2. Unreadable or invalid entries never delete the other side's copy.

  @Test
  void difference02_invalidFlowInGit_underIgnoreInvalidFlows_neverDeletesItsKestraCopy() {
    start();
    world.commit()
        .add("flows/good.yml", flow("prod", "good", "fine"))
        .add("flows/broken.yml", "id: broken\nnamespace: prod\ntasks: [unclosed\n")
        .push();
    world.putFlow(flow("prod", "broken", "the last good version"));
    world.putFlow(flow("prod", "retired", "gone from Git"));

    PresetResult run = world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: prod
        gitDirectory: flows
        delete: true
        ignoreInvalidFlows: true
        """);

    assertEquals("ADDED", row(run, "flowId", "good").get("syncState"));
    assertEquals("BLOCKED", row(run, "flowId", "broken").get("syncState"));
    assertEquals(Reason.INVALID_SOURCE, change(run, flowKey("prod", "broken")).reason());
    assertEquals("BLOCKED", row(run, "flowId", "retired").get("syncState"),
        "nothing of that kind in that namespace is deleted while Git has an invalid flow there");
    assertEquals(Reason.INCOMPLETE_SOURCE, change(run, flowKey("prod", "retired")).reason());
    assertEquals(Optional.of(flow("prod", "broken", "the last good version")), world.flow("prod", "broken"));
    assertTrue(world.flow("prod", "retired").isPresent());
    assertTrue(world.flow("prod", "good").isPresent(), "the rest is synced");
    assertTrue(run.plan().diagnostics().toString().contains("flows/broken.yml:3"), "reported with its file and line");
  }

  @Test
  void difference02_invalidFlowInKestra_underOnInvalidSyntaxSkip_neverDeletesItsGitCopy() {
    start();
    world.commit().add("company.team/flows/broken.yaml", flow("company.team", "broken", "good in Git"))
        .add("company.team/flows/ok.yaml", flow("company.team", "ok", "fine")).push();
    world.kestra().putFlowSource(TENANT, "company.team", "broken", "id: broken\nnamespace: company.team\ntasks: [\n");
    world.putFlow(flow("company.team", "ok", "fine"));
    Optional<ObjectId> head = world.head(MAIN);

    PresetResult run = world.run("""
        type: io.kestra.plugin.git.NamespaceSync
        namespace: company.team
        branch: main
        sourceOfTruth: KESTRA
        whenMissingInSource: DELETE
        onInvalidSyntax: SKIP
        """);

    assertEquals("BLOCKED", row(run, "key", "company.team.broken").get("action"));
    assertEquals(head, world.head(MAIN));
    assertEquals(Optional.of(flow("company.team", "broken", "good in Git")),
        world.gitFile(MAIN, "company.team/flows/broken.yaml"));
  }

  // ---- 3. Planning creates nothing.

  @Test
  void difference03_planningCreatesNoNamespace_evenWhenALaterFailAborts_orInADryRun() {
    world = PresetWorld.start(dir, Mode.EE, "1.3.0");
    world.commit().add("newteam/flows/first.yaml", flow("newteam", "first", "hello")).push();
    world.putFlow(flow("company.team", "only_in_kestra", "missing in Git"));
    world.forgetRequests();
    String tenantSync = """
        type: io.kestra.plugin.git.TenantSync
        branch: main
        sourceOfTruth: GIT
        kinds: [flow]
        whenMissingInSource: %s
        """;

    PresetResult failing = world.run(tenantSync.formatted("FAIL"));
    PresetResult dry = world.run(tenantSync.formatted("KEEP") + "dryRun: true\n");

    assertFalse(failing.plan().isApplyable());
    assertEquals("ADDED", row(dry, "key", "newteam.first").get("action"));
    world.assertNoKestraWrite();
    assertFalse(world.kestra().namespaces(TENANT).contains("newteam"));

    world.run(tenantSync.formatted("KEEP"));

    assertTrue(world.kestra().namespaces(TENANT).contains("newteam"), "created when the plan is applied");
    assertTrue(world.flow("newteam", "first").isPresent());
  }

  // ---- 4. Protection covers everything, and kept is not unchanged.

  @Test
  void difference04_protectionCoversGitSideFileDeletesAndDashboards_andKeptIsReportedKept() {
    world = PresetWorld.start(dir, Mode.EE, "2.0.1");
    world.commit()
        .add("system/files/cleanup.sh", "echo only in Git\n")
        .add("system/flows/purge.yaml", flow("system", "purge", "only in Git"))
        .add("_global/dashboards/ops.yaml", "id: ops\ntitle: Ops\ncharts: []\n")
        .add("company.team/flows/old.yaml", flow("company.team", "old", "only in Git"))
        .push();
    world.putFlow(flow("company.team", "a", "in Kestra"));
    world.kestra().putNamespace(TENANT, "system");
    world.kestra().putNamespace(TENANT, "company.team");
    world.kestra().putDashboard(TENANT, "main", "id: main\ntitle: Main\ncharts: []\n");

    PresetResult run = world.run("""
        type: io.kestra.plugin.git.TenantSync
        branch: main
        sourceOfTruth: KESTRA
        whenMissingInSource: DELETE
        protectedNamespaces: [system, _global]
        """);

    assertEquals("PROTECTED", row(run, "key", "system:/cleanup.sh").get("action"), "a Git-side file deletion");
    assertEquals("PROTECTED", row(run, "key", "system.purge").get("action"));
    assertEquals("PROTECTED", row(run, "key", "ops").get("action"), "_global protects dashboards");
    assertEquals("DELETED", row(run, "key", "company.team.old").get("action"));
    assertTrue(world.gitFile(MAIN, "system/files/cleanup.sh").isPresent());
    assertTrue(world.gitFile(MAIN, "_global/dashboards/ops.yaml").isPresent());
    assertTrue(world.gitFile(MAIN, "company.team/flows/old.yaml").isEmpty());

    world.commit().add("flows/b.yml", flow("company.team", "b", "from Git")).push();
    PresetResult keeping = world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: company.team
        gitDirectory: flows
        """);

    assertEquals("KEPT", row(keeping, "flowId", "a").get("syncState"), "drift kept by KEEP is not UNCHANGED");
  }

  // ---- 5. Namespace rewriting touches the top-level namespace: only.

  @Test
  void difference05_namespaceRewrite_leavesDevopsAndSubflowReferences() {
    start();
    String source = "# namespace: dev (the team's playground)\r\n"
        + "id: caller\r\n"
        + "namespace: \"dev\"   # keep this comment\r\n"
        + "labels:\r\n"
        + "  team: devops\r\n"
        + "tasks:\r\n"
        + "  - id: child\r\n"
        + "    type: io.kestra.plugin.core.flow.Subflow\r\n"
        + "    namespace: dev\r\n"
        + "    flowId: callee\r\n"
        + "  - id: ops\r\n"
        + "    type: io.kestra.plugin.core.flow.Subflow\r\n"
        + "    namespace: devops\r\n"
        + "    flowId: tool\r\n";
    world.kestra().putFlowSource(TENANT, "dev", "caller", source);
    world.putFlow(flow("devops", "tool", "a look-alike namespace"));

    world.run("""
        type: io.kestra.plugin.git.PushFlows
        sourceNamespace: dev
        targetNamespace: prod
        includeChildNamespaces: true
        """);

    String pushed = world.gitFile(MAIN, "_flows/caller.yml").orElseThrow();
    assertEquals(source.replace("namespace: \"dev\"   #", "namespace: \"prod\"   #"), pushed,
        "only the top-level value changed; comments, quotes, CRLF, labels and subflow references are kept");
    assertTrue(world.gitFiles(MAIN).keySet().stream().noneMatch(p -> p.contains("tool")),
        "devops is not a child of dev");

    world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: dev.copy
        """);

    assertEquals(Optional.of(source.replace("namespace: \"dev\"", "namespace: \"dev.copy\"")),
        world.flow("dev.copy", "caller"), "prod -> dev.copy rewrites the same single value back");
  }

  // ---- 6. A push deletes only what the task manages.

  @Test
  void difference06_pushDeletesOnlyWhatTheTaskManages_neverAReadmeOrAChildNamespaceFolder() {
    start();
    world.commit()
        .add("_flows/README.md", "How these flows are deployed.\n")
        .add("_flows/flow1.yml", flow("dev", "flow1", "kept"))
        .add("_flows/flow2.yml", flow("dev", "flow2", "deleted in Kestra"))
        .add("_flows/tutorial/hello_world_1.yml", flow("dev.tutorial", "hello_world_1", "a child namespace"))
        .add("_flows/notes.txt", "not a flow\n")
        .push();
    world.putFlow(flow("dev", "flow1", "kept"));

    PresetResult run = world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");

    assertEquals(Map.of("_flows/flow1.yml", "UNCHANGED", "_flows/flow2.yml", "DELETED"), states(run, "file"));
    assertEquals(List.of("_flows/README.md", "_flows/flow1.yml", "_flows/notes.txt", "_flows/tutorial/hello_world_1.yml"),
        List.copyOf(world.gitFiles(MAIN).keySet()));
  }

  @Test
  void difference06_emptyingANamespace_reachesGit_onceThatPlanIsApproved() {
    start();
    world.commit().add("_flows/README.md", "keep me\n").add("_flows/flow1.yml", flow("dev", "flow1", "x"))
        .add("_flows/flow2.yml", flow("dev", "flow2", "y")).push();
    Optional<ObjectId> head = world.head(MAIN);
    String push = "type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n";

    PresetResult held = world.run(push);

    assertEquals(Map.of("_flows/flow1.yml", "BLOCKED", "_flows/flow2.yml", "BLOCKED"), states(held, "file"));
    assertEquals(head, world.head(MAIN));

    world.runner(world.runner().withOptions(PlanOptions.builder().approvedPlanId(held.plan().id()).build()));
    PresetResult approved = world.run(push);

    assertEquals(Map.of("_flows/flow1.yml", "DELETED", "_flows/flow2.yml", "DELETED"), states(approved, "file"));
    assertEquals(List.of("_flows/README.md"), List.copyOf(world.gitFiles(MAIN).keySet()));
  }

  // ---- 7. Plan first, then apply exactly the plan.

  @Test
  void difference07_aFailureMidway_isRecordedPerChange_andDeletionsWaitForEveryWrite() {
    start();
    world.commit()
        .add("flows/changed.yml", flow("prod", "changed", "new text"))
        .add("flows/keeper.yml", flow("prod", "keeper", "same"))
        .add("flows/newflow.yml", flow("prod", "newflow", "created"))
        .push();
    world.putFlow(flow("prod", "changed", "old text"));
    world.putFlow(flow("prod", "keeper", "same"));
    world.putFlow(flow("prod", "stale", "to delete"));
    world.emulator().faults().add(Fault.internalError(1.0).on("POST", "/api/v1/main/flows"));
    String task = "type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\ndelete: true\n";

    PresetResult run = world.run(task);

    assertFalse(run.isSuccess());
    assertEquals(Map.of("changed", "UPDATED", "keeper", "UNCHANGED", "newflow", "FAILED", "stale", "SKIPPED"),
        states(run, "flowId"));
    assertTrue(world.flow("prod", "changed").orElseThrow().contains("new text"));
    assertTrue(world.flow("prod", "stale").isPresent(), "the deletion waited for every create and update");
    assertTrue(world.flow("prod", "newflow").isEmpty());
    assertEquals(run.plan().writes().size(), run.result().orElseThrow().results().size(),
        "an outcome for every write of the plan");

    world.emulator().faults().clear();
    PresetResult rest = world.run(task);

    assertEquals(Map.of("changed", "UNCHANGED", "keeper", "UNCHANGED", "newflow", "ADDED", "stale", "DELETED"),
        states(rest, "flowId"), "planning again plans just what is left");
  }

  // ---- 8. A rejected push is retried from a fresh plan, never forced.

  @Test
  void difference08_aRejectedPush_isRetriedFromAFreshPlan_andTheOtherCommitIsKept() {
    start();
    world.commit().add("README.md", "hi\n").push();
    GuideFlows.putAll(world);
    AtomicBoolean raced = new AtomicBoolean();
    world.runner(world.runner().withListener((result, done, total) -> {
      if (raced.compareAndSet(false, true)) {
        world.commit().add("CONTRIBUTING.md", "pushed by someone else meanwhile\n").message("concurrent").push();
      }
    }));

    PresetResult run = world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");

    assertTrue(raced.get());
    assertEquals(2, run.attempts(), "the first push was rejected; the second plan applied");
    assertTrue(run.isSuccess());
    List<RevCommit> log = world.repo().log(MAIN);
    assertEquals(run.commitId().orElseThrow(), log.get(0).getName());
    assertEquals("concurrent", log.get(1).getShortMessage(), "the other commit is kept: nothing was forced");
    assertTrue(world.gitFile(MAIN, "CONTRIBUTING.md").isPresent());
    assertTrue(world.gitFile(MAIN, "_flows/hello_world.yml").isPresent());
  }

  @Test
  void difference08_withOneAttempt_aRejectedPushEndsStale_andNothingIsForced() {
    start();
    world.commit().add("README.md", "hi\n").push();
    world.putFlow(GuideFlows.FLOW1);
    AtomicBoolean raced = new AtomicBoolean();
    world.runner(world.runner().withMaxAttempts(1).withListener((result, done, total) -> {
      if (raced.compareAndSet(false, true)) {
        world.commit().add("CONTRIBUTING.md", "meanwhile\n").message("concurrent").push();
      }
    }));

    PresetResult run = world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");

    assertEquals("STALE", row(run, "file", "_flows/flow1.yml").get("action"));
    assertTrue(run.commitId().isEmpty());
    assertEquals("concurrent", world.repo().log(MAIN).get(0).getShortMessage());
    assertTrue(world.gitFile(MAIN, "_flows/flow1.yml").isEmpty());
  }

  // ---- 9. Reads in bulk, writes only what changed.

  @Test
  void difference09_readsANamespaceInAConstantNumberOfCalls_andWritesOneCallPerChangedFlow() {
    start();
    PendingCommit commit = world.commit();
    for (int i = 0; i < 40; i++) {
      commit.add("flows/f" + i + ".yml", flow("prod", "f" + i, "number " + i));
    }
    commit.push();
    String task = "type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\n";
    world.run(task);
    world.commit().add("flows/f7.yml", flow("prod", "f7", "changed")).push();
    world.forgetRequests();

    PresetResult run = world.run(task);

    assertEquals(1, run.plan().writes().size());
    assertEquals(1, world.kestraWrites().size(), world.kestraWrites()::toString);
    assertEquals("PUT", world.kestraWrites().get(0).method());
    assertEquals(0, world.emulator().requests().count("GET", "/api/v1/main/flows/prod/*"), "no GET per flow");
    assertEquals(3, world.emulator().requests().count("GET", "/api/v1/main/flows/export/by-query"),
        "one bulk export per read: to plan, to check before writing, to read back after");
    long reads = world.emulator().requests().all().stream().filter(r -> r.method().equals("GET")).count();
    assertEquals(7, reads, world.emulator().requests().all()::toString);
    assertEquals(1, world.kestra().flowRevisions(TENANT, "prod", "f8").size(), "an identical flow gets no new revision");
    assertEquals(2, world.kestra().flowRevisions(TENANT, "prod", "f7").size());
  }

  // ---- 10. Dashboards by id, one row format per task, relative paths.

  @Test
  void difference10_dashboardsById_onePluginRowShapePerTask_repositoryRelativePaths() {
    world = PresetWorld.start(dir, Mode.EE, "2.0.1");
    world.commit()
        .add("_dashboards/errors.yml", "id: errors\ntitle: Overview\ncharts: []\n")
        .add("_dashboards/overview.yml", "id: overview\ntitle: Overview\ncharts: []\n")
        .add("flows/flow1.yml", flow("prod", "flow1", "x"))
        .add("_files/run.py", "print(1)\n")
        .push();
    world.putFile("dev", "/a.txt", "a\n");

    PresetResult dashboards = world.run("type: io.kestra.plugin.git.SyncDashboards\n");
    PresetResult flows = world.run("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\n");
    PresetResult files = world.run("type: io.kestra.plugin.git.SyncNamespaceFiles\nnamespace: prod\n");
    PresetResult push = world.run("type: io.kestra.plugin.git.PushNamespaceFiles\nnamespace: dev\ngitDirectory: dev_files\n");
    PresetResult sync = world.run("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main\n");

    assertEquals(List.of("errors", "overview"), world.kestra().dashboardIds(TENANT).stream().sorted().toList(),
        "one title, two ids, two dashboards");
    assertEquals(List.of("gitPath", "syncState", "dashboardId"), List.copyOf(dashboards.rows().get(0).keySet()));
    assertEquals(List.of("gitPath", "syncState", "flowId", "namespace", "revision"), List.copyOf(flows.rows().get(0).keySet()));
    assertEquals(List.of("gitPath", "syncState", "kestraPath", "namespace"), List.copyOf(files.rows().get(0).keySet()));
    assertEquals(List.of("file", "additions", "deletions", "changes", "action"), List.copyOf(push.rows().get(0).keySet()));
    assertEquals(List.of("file", "key", "kind", "action", "side"), List.copyOf(sync.rows().get(0).keySet()));
    for (PresetResult run : List.of(dashboards, flows, files, push, sync)) {
      for (Map<String, Object> row : run.rows()) {
        String path = String.valueOf(row.containsKey("gitPath") ? row.get("gitPath") : row.get("file"));
        assertFalse(path.startsWith("/") || path.contains(dir.toString()) || path.contains(":\\"),
            "a repository-relative path: " + path);
      }
    }
  }

  // ---- 11. SSH host keys are verified; TLS and proxies are per connection.

  @Test
  void difference11_sshHostKeysAreVerified_againstKnownHostsOrAPinnedKey_unlessToldNotTo() throws IOException {
    start();
    world.putFlow(GuideFlows.FLOW1);
    try (SshGitServer ssh = SshGitServer.start(world.repos().dir(), dir.resolve("ssh"))) {
      String key = Files.readString(ssh.clientKeys().openSsh());
      String base = "type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\nurl: " + ssh.url("kestra") + "\n"
          + "privateKey: \"{{ secret('SSH_KEY') }}\"\n" + world.kestraConnection();
      Map<String, String> secrets = Map.of("SSH_KEY", key);

      DriftlessException wrongKey = assertThrows(DriftlessException.class,
          () -> world.run(world.parse(base + "hostKey: \"" + ssh.knownHostsLineWithOtherKey() + "\"\n", secrets)));
      assertTrue(world.head(MAIN).isEmpty(), "nothing was pushed to an unverified host");
      assertFalse(wrongKey.getMessage().contains(key.strip().lines().skip(1).findFirst().orElseThrow()));

      PresetResult pinned = world.run(world.parse(base + "hostKey: \"" + ssh.knownHostsLine() + "\"\n", secrets));
      assertTrue(pinned.commitId().isPresent());

      world.putFlow(GuideFlows.FLOW2);
      PresetResult known = world.run(world.parse(base + "knownHostsPath: " + ssh.knownHostsFile() + "\n", secrets));
      assertEquals("ADDED", row(known, "file", "_flows/flow2.yml").get("action"));

      world.putFlow(flow("dev", "flow3", "only when told not to verify"));
      PresetResult unverified = world.run(world.parse(base + "strictHostKeyChecking: false\n", secrets));
      assertEquals("ADDED", row(unverified, "file", "_flows/flow3.yml").get("action"));
    }
  }

  @Test
  void difference11_aCustomCa_isTrustedForThatConnectionOnly() throws Exception {
    start();
    world.putFlow(GuideFlows.FLOW1);
    SSLContext defaultContext = SSLContext.getDefault();
    Object defaultFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
    try (JGitHttpServer https = JGitHttpServer.https(world.repos().dir(), dir.resolve("tls"))) {
      String base = "type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\nurl: " + https.url("kestra") + "\n"
          + "username: " + https.credentials().user() + "\npassword: \"{{ secret('HTTPS_TOKEN') }}\"\n"
          + world.kestraConnection();
      Map<String, String> secrets = Map.of("HTTPS_TOKEN", https.credentials().token());

      PresetResult trusted = world.run(world.parse(base + "trustedCaPemPath: " + https.caCertificatePem().orElseThrow()
          + "\n", secrets));
      assertTrue(trusted.commitId().isPresent());

      world.putFlow(GuideFlows.FLOW2);
      assertThrows(DriftlessException.class, () -> world.run(world.parse(base, secrets)),
          "without trustedCaPemPath the same server is not trusted: the CA did not leak into the JVM");
      assertEquals(trusted.commitId(), world.head(MAIN).map(ObjectId::name));
    }
    assertEquals(defaultContext, SSLContext.getDefault());
    assertEquals(defaultFactory, HttpsURLConnection.getDefaultSSLSocketFactory());
  }

  // ---- 12. A mass deletion waits for approval.

  @Test
  void difference12_aMassDeletion_waitsUntilThatExactPlanIsApproved() {
    start();
    world.commit().add("flows/flow1.yml", flow("prod", "flow1", "x")).push();
    world.putFlow(flow("staging", "a", "a"));
    world.putFlow(flow("staging", "b", "b"));
    String task = "type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: staging\ngitDirectory: flows\ndelete: true\n";
    world.run(task.replace("delete: true", "delete: false"));
    world.kestra().deleteFlow(TENANT, "staging", "flow1");
    world.commit().delete("flows/flow1.yml").add("flows/README.md", "emptied on purpose\n").push();
    world.putFlow(flow("staging", "flow1", "x"));

    PresetResult held = world.run(task);

    assertFalse(held.plan().isApplyable());
    assertTrue(held.rows().stream().allMatch(r -> "BLOCKED".equals(r.get("syncState"))), held.rows()::toString);
    assertTrue(held.plan().errors().get(0).message().contains(held.plan().id()), "the message names the plan to approve");
    assertEquals(3, world.kestra().flows(TENANT).size());

    world.runner(world.runner().withOptions(PlanOptions.builder().approvedPlanId("0123456789abcdef").build()));
    assertFalse(world.run(task).plan().isApplyable(), "approving another plan approves nothing");

    world.runner(world.runner().withOptions(PlanOptions.builder().approvedPlanId(held.plan().id()).build()));
    PresetResult approved = world.run(task);

    assertTrue(approved.isSuccess());
    assertTrue(world.kestra().flows(TENANT).isEmpty());
  }

  // ---- 13. Literal credentials are refused.

  @Test
  void difference13_everyCredentialProperty_mustBeASecret_andSecretsNeverShow() {
    start();
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> TaskFile.parse("""
        type: io.kestra.plugin.git.NamespaceSync
        namespace: dev
        branch: main
        url: %s
        password: tok-literal-1
        privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----"
        passphrase: tok-literal-2
        auth:
          apiToken: tok-literal-3
          password: tok-literal-4
        """.formatted(world.url()), "task.yaml", world.secrets()));

    assertEquals(List.of("auth.apiToken", "auth.password", "passphrase", "password", "privateKey"),
        e.problems().stream().map(Problem::property).sorted().toList());
    assertTrue(e.problems().stream().allMatch(p -> p.message().contains("a literal credential is refused")));
    assertFalse(e.getMessage().contains("tok-literal"));

    world.putFlow(GuideFlows.FLOW1);
    List<String> progress = new ArrayList<>();
    world.runner(world.runner().withProgress(progress::add));
    SyncTask task = (SyncTask) world.task("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");
    PresetResult run = world.run(task);
    String everything = task + " " + run + " " + run.rows() + " " + PlanText.render(run.plan()) + " "
        + PlanJson.write(run.plan()) + " " + progress + " " + new String(run.ion(), StandardCharsets.UTF_8);
    assertFalse(everything.contains(world.gitToken()), "the Git token never shows");
    assertFalse(everything.contains(PresetWorld.KESTRA_PASSWORD), "the Kestra password never shows");
  }

  // ---- 14. Driftless runs outside Kestra.

  @Test
  void difference14_kestraUrlAndAuth_executionIdNamed_andTemplatesOtherThanSecretRefused() {
    start();
    SyncTask defaults = (SyncTask) TaskFile.parse("type: io.kestra.plugin.git.SyncFlows\nurl: " + world.url()
        + "\ntargetNamespace: prod\n", "task.yaml", world.secrets()).get(0);
    assertEquals("http://localhost:8080", defaults.spec().kestra().kestraUrl());

    InvalidTaskException noExecution = assertThrows(InvalidTaskException.class, () -> PushExecutionFiles.builder()
        .url(world.url()).build());
    assertEquals(List.of("executionId"), noExecution.problems().stream().map(Problem::property).toList());

    InvalidTaskException templates = assertThrows(InvalidTaskException.class, () -> world.task("""
        type: io.kestra.plugin.git.PushFlows
        sourceNamespace: "{{ flow.namespace }}"
        flows: "{{ flow.id }}"
        commitMessage: "Backup of {{ execution.id }}"
        """));
    assertEquals(List.of("commitMessage", "flows", "sourceNamespace"),
        templates.problems().stream().map(Problem::property).sorted().toList());
    assertTrue(templates.problems().stream().allMatch(p -> p.property().equals("commitMessage")
        ? p.message().contains("needs Kestra") : p.message().contains("the file is one task, not a flow")),
        templates.problems()::toString);

    world.putFlow(GuideFlows.FLOW1);
    world.forgetRequests();
    world.run("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n");
    assertTrue(world.emulator().requests().size() > 0, "Kestra is reached at kestraUrl with auth");
    assertTrue(world.emulator().requests().all().stream().noneMatch(r -> r.status() == 401));
  }

  // ---- 15. Content decides, not revisions.

  @Test
  void difference15_aSecondRunWritesNothing_andAFormattingOnlyDifferenceIsApplied() {
    start();
    String commented = "# owned by the data team\nid: flow1\nnamespace: prod\n\ntasks:\n  - id: log\n"
        + "    type: io.kestra.plugin.core.log.Log\n    message: 'hello'   # quoted now\n";
    String plain = flow("prod", "flow1", "hello");
    world.commit().add("flows/flow1.yml", commented).push();
    world.putFlow(plain);
    String task = "type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: prod\ngitDirectory: flows\n";

    PresetResult run = world.run(task);

    assertEquals("UPDATED", row(run, "flowId", "flow1").get("syncState"));
    assertEquals(Reason.FORMAT_ONLY, change(run, flowKey("prod", "flow1")).reason());
    assertEquals(Optional.of(commented), world.flow("prod", "flow1"), "both sides now hold the same bytes");

    for (int i = 0; i < 2; i++) {
      PresetResult again = world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
      assertEquals(2, ((Number) row(again, "flowId", "flow1").get("revision")).intValue());
    }
    assertEquals(2, world.kestra().flowRevisions(TENANT, "prod", "flow1").size());
    assertNotEquals(plain, commented);
  }
}
