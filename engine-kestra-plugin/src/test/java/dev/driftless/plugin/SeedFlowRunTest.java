package dev.driftless.plugin;

import static dev.driftless.plugin.PluginWorld.MAIN;
import static dev.driftless.plugin.PluginWorld.TENANT;
import static dev.driftless.plugin.PluginWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.DiffRows;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.flows.GenericFlow;
import io.kestra.core.models.flows.State;
import io.kestra.core.repositories.FlowRepositoryInterface;
import io.kestra.core.repositories.LogRepositoryInterface;
import io.kestra.core.runners.RunnerUtils;
import io.kestra.core.storages.StorageInterface;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' system flows (PushFlows dev to prod, SyncNamespaceFiles, NamespaceSync and TenantSync both
 * ways), with our type and the test servers' addresses as inputs, executed by Kestra's own runner. Each is
 * run three times: as a dry run (input {@code dry}), which writes nothing anywhere; for real, which writes
 * the target side only; and again, which writes nothing because nothing differs any more.
 */
@KestraTest(startRunner = true)
@Timeout(240)
class SeedFlowRunTest {

  private static final String INPUTS = """
      inputs:
        - id: url
          type: STRING
        - id: kestraUrl
          type: STRING
        - id: dry
          type: BOOLEAN
          defaults: false
      """;

  /** An input choosing the two-way tasks' direction. */
  private static final String TRUTH_INPUT = """
        - id: truth
          type: SELECT
          values: [GIT, KESTRA]
          defaults: KESTRA
      """;

  /** The connection, and Driftless's detailed rows: these runs read the states the plugin's rows leave out. */
  private static final String CONNECTION = """
          rows: DETAILED
          url: "{{ inputs.url }}"
          username: git-user
          password: "{{ secret('GIT_TOKEN') }}"
          kestraUrl: "{{ inputs.kestraUrl }}"
          auth:
            username: admin@kestra.io
            password: "{{ secret('KESTRA_PASSWORD') }}"
          dryRun: "{{ inputs.dry }}"
      """;

  private static final String NS = "company.team";

  @Inject
  FlowRepositoryInterface flows;

  @Inject
  RunnerUtils runner;

  @Inject
  LogRepositoryInterface logs;

  @Inject
  StorageInterface storage;

  @TempDir
  Path dir;
  PluginWorld world;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private static String flow(String namespace, String id, String message) {
    return """
        id: %s
        namespace: %s
        tasks:
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: %s
        """.formatted(id, namespace, message);
  }

  /** One execution of a flow, and what its task output. */
  private record Run(Execution execution, Map<String, Object> outputs, List<Map<String, Object>> rows) {

    String summary() {
      return String.valueOf(outputs.get("summary"));
    }

    Object commitId() {
      return outputs.get("commitId");
    }
  }

  /**
   * Creates the flow in Kestra (once: each test has its own flows), executes it with the test servers'
   * addresses and these inputs, asserts that it succeeded, and reads the rows its task {@code taskId} stored
   * under the output {@code rowsOutput}.
   */
  private Run run(String yaml, String taskId, String rowsOutput, Map<String, String> inputs) throws Exception {
    GenericFlow flow = GenericFlow.fromYaml(TENANT, yaml);
    if (flows.findById(TENANT, flow.getNamespace(), flow.getId()).isEmpty()) {
      flows.create(flow);
    }
    Map<String, Object> all = new HashMap<>(inputs);
    all.put("url", world.url());
    all.put("kestraUrl", world.kestraUrl());
    Execution execution = runner.runOne(TENANT, flow.getNamespace(), flow.getId(), null, (f, e) -> all,
        Duration.ofSeconds(120));
    assertEquals(State.Type.SUCCESS, execution.getState().getCurrent(), () -> errors(execution));
    Map<String, Object> outputs = taskRun(execution, taskId).getOutputs();
    String uri = String.valueOf(outputs.get(rowsOutput));
    assertTrue(uri.startsWith("kestra://"), () -> rowsOutput + " is not in Kestra's internal storage: " + outputs);
    try (InputStream in = storage.get(TENANT, flow.getNamespace(), URI.create(uri))) {
      List<Map<String, Object>> rows = DiffRows.fromIon(in.readAllBytes()).stream()
          .map(r -> (Map<String, Object>) new TreeMap<>(r)).toList();
      return new Run(execution, outputs, rows);
    }
  }

  private String errors(Execution execution) {
    return execution.getState().getCurrent() + ": " + logs.findByExecutionId(TENANT, execution.getId(), null).stream()
        .filter(l -> l.getLevel().toString().equals("ERROR")).map(LogEntry::getMessage)
        .collect(Collectors.joining("\n"));
  }

  private static TaskRun taskRun(Execution execution, String taskId) {
    return execution.getTaskRunList().stream().filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow(
        () -> new AssertionError(taskId + " did not run: " + execution.getTaskRunList()));
  }

  private static void assertEveryRow(Run run, String field, Set<String> allowed) {
    SortedMap<String, String> states = states(run.rows(), field);
    assertTrue(allowed.containsAll(states.values()), () -> "expected only " + allowed + ": " + states);
  }

  // ---- PushFlows: a flow of dev pushes itself to Git as a flow of prod

  private static final String PUSH_MYSELF = """
      id: push_myself
      namespace: dev
      """ + INPUTS + """
      tasks:
        - id: commit_and_push
          type: dev.driftless.plugin.PushFlows
      """ + CONNECTION + """
          branch: develop
          flows: "{{ flow.id }}"
          targetNamespace: prod
          gitDirectory: flows
          commitMessage: "{{ flow.id }} from execution {{ execution.id }}"
      """;

  @Test
  void pushFlows_theRunningFlowOfDev_pushesItselfToDevelopAsAProdFlow_once() throws Exception {
    world.commit().add("README.md", "# flows\n").add("flows/legacy.yml", flow("prod", "legacy", "kept")).push();
    world.putFlow(PUSH_MYSELF);
    world.putFlow(flow("dev", "hello_world", "not selected"));
    world.forgetRequests();

    Run dry = run(PUSH_MYSELF, "commit_and_push", "flows", Map.of("dry", "true"));
    assertEquals(Optional.empty(), world.head("develop"), "a dry run creates no branch");
    assertEquals(Map.of("flows/push_myself.yml", "ADDED"), states(dry.rows(), "file"));
    assertEquals(true, dry.outputs().get("dryRun"));
    assertNull(dry.commitId());
    assertTrue(dry.summary().startsWith("Plan: 1 to create, 0 to update, 0 to delete"), dry.summary());

    Run applied = run(PUSH_MYSELF, "commit_and_push", "flows", Map.of());
    String pushed = PUSH_MYSELF.replace("namespace: dev\n", "namespace: prod\n");
    assertEquals(Optional.of(pushed), world.gitFile("develop", "flows/push_myself.yml"),
        "only the top-level namespace is rewritten; the flow's expressions are pushed as written");
    assertTrue(pushed.contains("flows: \"{{ flow.id }}\""));
    assertEquals(Set.of("README.md", "flows/legacy.yml", "flows/push_myself.yml"), world.gitFiles("develop").keySet(),
        "only the running flow is selected, and a file it does not select is not deleted");
    assertEquals(world.head("develop").map(ObjectId::name).orElseThrow(), applied.commitId());
    assertEquals("push_myself from execution " + applied.execution().getId(),
        world.repo().log("develop").get(0).getShortMessage());
    assertEquals(world.repo().log(MAIN).size() + 1, world.repo().log("develop").size(), "one commit over main");
    assertEquals(Map.of("flows/push_myself.yml", "ADDED"), states(applied.rows(), "file"));
    assertEquals(false, applied.outputs().get("dryRun"));

    Optional<ObjectId> head = world.head("develop");
    Run second = run(PUSH_MYSELF, "commit_and_push", "flows", Map.of());
    assertEquals(head, world.head("develop"), "nothing to commit");
    assertNull(second.commitId());
    assertEquals(Map.of("flows/push_myself.yml", "UNCHANGED"), states(second.rows(), "file"));
    assertTrue(second.summary().startsWith("Plan: 0 to create, 0 to update, 0 to delete"), second.summary());
    world.assertNoKestraWrite();
  }

  // ---- SyncNamespaceFiles: Git's _files into the namespace prod

  private static final String SYNC_FILES = """
      id: sync_files_from_git
      namespace: system
      """ + INPUTS + """
      tasks:
        - id: git
          type: dev.driftless.plugin.SyncNamespaceFiles
          namespace: prod
          gitDirectory: _files
          branch: main
      """ + CONNECTION;

  @Test
  void syncNamespaceFiles_gitsFilesDirectory_intoProd_once() throws Exception {
    world.commit()
        .add("_files/scripts/etl.py", "print('etl v2')\n")
        .add("_files/queries/report.sql", "select 1\n")
        .add("flows/hello.yml", flow("prod", "hello", "not a namespace file"))
        .push();
    world.putFile("prod", "/scripts/etl.py", "print('etl v1')\n");
    world.putFile("prod", "/notes.txt", "only in Kestra\n");
    Optional<ObjectId> gitHead = world.head(MAIN);
    world.forgetRequests();

    Run dry = run(SYNC_FILES, "git", "files", Map.of("dry", "true"));
    world.assertNoKestraWrite();
    assertEquals(Optional.of("print('etl v1')\n"), world.file("prod", "/scripts/etl.py"));
    assertTrue(world.file("prod", "/queries/report.sql").isEmpty());
    assertEquals(Map.of("/queries/report.sql", "ADDED", "/scripts/etl.py", "OVERWRITTEN", "/notes.txt", "KEPT"),
        states(dry.rows(), "kestraPath"));
    assertEquals(true, dry.outputs().get("dryRun"));

    Run applied = run(SYNC_FILES, "git", "files", Map.of());
    assertEquals(Optional.of("print('etl v2')\n"), world.file("prod", "/scripts/etl.py"));
    assertEquals(Optional.of("select 1\n"), world.file("prod", "/queries/report.sql"));
    assertEquals(Optional.of("only in Kestra\n"), world.file("prod", "/notes.txt"), "delete is false by default");
    assertEquals(List.of("/notes.txt", "/queries/report.sql", "/scripts/etl.py"),
        world.state().namespaceFilePaths(TENANT, "prod"), "nothing from outside _files");
    assertEquals(states(dry.rows(), "kestraPath"), states(applied.rows(), "kestraPath"),
        "the dry run showed what was applied");
    assertTrue(applied.rows().stream().allMatch(r -> "prod".equals(r.get("namespace"))), applied.rows().toString());
    assertTrue(applied.summary().startsWith("Plan: 1 to create, 1 to update, 0 to delete, 1 kept"), applied.summary());
    assertNull(applied.commitId());

    world.forgetRequests();
    Run second = run(SYNC_FILES, "git", "files", Map.of());
    world.assertNoKestraWrite();
    assertEquals(Map.of("/queries/report.sql", "UNCHANGED", "/scripts/etl.py", "UNCHANGED", "/notes.txt", "KEPT"),
        states(second.rows(), "kestraPath"));
    assertTrue(second.summary().startsWith("Plan: 0 to create, 0 to update, 0 to delete"), second.summary());
    assertEquals(gitHead, world.head(MAIN), "Git is only read");
  }

  // ---- NamespaceSync: company.team from Git into Kestra, then from Kestra into Git

  private static final String NAMESPACE_SYNC = """
      id: namespace_git_sync
      namespace: system
      """ + INPUTS + TRUTH_INPUT + """
      tasks:
        - id: namespace
          type: dev.driftless.plugin.NamespaceSync
          namespace: company.team
          sourceOfTruth: "{{ inputs.truth }}"
          whenMissingInSource: KEEP
          branch: main
          protectedNamespaces:
            - system
      """ + CONNECTION;

  @Test
  void namespaceSync_gitToKestra_thenKestraToGit_keepingWhatTheSourceLacks_eachOnce() throws Exception {
    String aInGit = flow(NS, "a", "from Git");
    String aInKestra = flow(NS, "a", "from Kestra");
    String shared = flow(NS, "shared", "same on both sides");
    String old = flow(NS, "old", "only in Kestra");
    world.commit()
        .add(NS + "/flows/a.yaml", aInGit)
        .add(NS + "/flows/shared.yaml", shared)
        .add(NS + "/files/git_only.py", "print('git')\n")
        .add("README.md", "# platform\n")
        .push();
    world.putFlow(aInKestra);
    world.putFlow(shared);
    world.putFlow(old);
    world.putFile(NS, "/k.txt", "kestra only\n");
    Optional<ObjectId> gitHead = world.head(MAIN);
    world.forgetRequests();

    // Git is the source of truth
    Run dry = run(NAMESPACE_SYNC, "namespace", "diff", Map.of("truth", "GIT", "dry", "true"));
    world.assertNoKestraWrite();
    assertEquals(Optional.of(aInKestra), world.flow(NS, "a"));
    assertEquals(Map.of("company.team.a", "UPDATED", "company.team.shared", "UNCHANGED", "company.team.old", "KEPT",
        "company.team:/git_only.py", "ADDED", "company.team:/k.txt", "KEPT"), states(dry.rows(), "key"));

    Run fromGit = run(NAMESPACE_SYNC, "namespace", "diff", Map.of("truth", "GIT"));
    assertEquals(Optional.of(aInGit), world.flow(NS, "a"));
    assertEquals(Optional.of("print('git')\n"), world.file(NS, "/git_only.py"));
    assertEquals(Optional.of(old), world.flow(NS, "old"), "kept");
    assertEquals(Optional.of("kestra only\n"), world.file(NS, "/k.txt"), "kept");
    assertEquals(states(dry.rows(), "key"), states(fromGit.rows(), "key"), "the dry run showed what was applied");
    assertTrue(fromGit.summary().startsWith("Plan: 1 to create, 1 to update, 0 to delete, 2 kept"), fromGit.summary());
    assertNull(fromGit.commitId());

    world.forgetRequests();
    Run fromGitAgain = run(NAMESPACE_SYNC, "namespace", "diff", Map.of("truth", "GIT"));
    world.assertNoKestraWrite();
    assertEveryRow(fromGitAgain, "key", Set.of("UNCHANGED", "KEPT"));
    assertEquals(gitHead, world.head(MAIN), "the source of truth is never written");

    // Kestra is the source of truth
    Run dryBack = run(NAMESPACE_SYNC, "namespace", "diff", Map.of("truth", "KESTRA", "dry", "true"));
    assertEquals(gitHead, world.head(MAIN));
    assertNull(dryBack.commitId());
    assertEquals(Map.of("company.team.a", "UNCHANGED", "company.team.shared", "UNCHANGED", "company.team.old", "ADDED",
        "company.team:/git_only.py", "UNCHANGED", "company.team:/k.txt", "ADDED"), states(dryBack.rows(), "key"));

    Run fromKestra = run(NAMESPACE_SYNC, "namespace", "diff", Map.of("truth", "KESTRA"));
    assertEquals(Optional.of(old), world.gitFile(MAIN, NS + "/flows/old.yaml"));
    assertEquals(Optional.of("kestra only\n"), world.gitFile(MAIN, NS + "/files/k.txt"));
    assertEquals(Optional.of(aInGit), world.gitFile(MAIN, NS + "/flows/a.yaml"));
    assertEquals(Optional.of("# platform\n"), world.gitFile(MAIN, "README.md"));
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), fromKestra.commitId());
    assertEquals(2, world.repo().log(MAIN).size(), "one commit");
    assertTrue(fromKestra.rows().stream().filter(r -> "ADDED".equals(r.get("action")))
        .allMatch(r -> "GIT".equals(r.get("side"))), fromKestra.rows().toString());

    Optional<ObjectId> after = world.head(MAIN);
    Run fromKestraAgain = run(NAMESPACE_SYNC, "namespace", "diff", Map.of("truth", "KESTRA"));
    assertEquals(after, world.head(MAIN), "nothing to commit");
    assertNull(fromKestraAgain.commitId());
    assertEveryRow(fromKestraAgain, "key", Set.of("UNCHANGED"));
    world.assertNoKestraWrite();
  }

  // ---- TenantSync: the whole tenant from Kestra into Git, then from Git into Kestra

  private static final String TENANT_SYNC = """
      id: tenant_git_sync
      namespace: system
      """ + INPUTS + TRUTH_INPUT + """
      tasks:
        - id: tenant
          type: dev.driftless.plugin.TenantSync
          rows: DETAILED
          sourceOfTruth: "{{ inputs.truth }}"
          whenMissingInSource: DELETE
          url: "{{ inputs.url }}"
          username: git-user
          password: "{{ secret('GIT_TOKEN') }}"
          branch: main
          protectedNamespaces:
            - system
          kestraUrl: "{{ inputs.kestraUrl }}"
          auth:
            username: admin@kestra.io
            password: "{{ secret('KESTRA_PASSWORD') }}"
          dryRun: "{{ inputs.dry }}"
      """;

  @Test
  void tenantSync_kestraToGit_thenGitToKestra_neverWritingSystem_eachOnce() throws Exception {
    String aInKestra = flow(NS, "a", "from Kestra");
    String shared = flow(NS, "shared", "same on both sides");
    String n = flow("newns", "n", "only in Git");
    String overview = "id: overview\ntitle: Overview\ncharts: []\n";
    world.commit()
        .add(NS + "/flows/a.yaml", flow(NS, "a", "from Git"))
        .add("newns/flows/n.yaml", n)
        .add("README.md", "# platform\n")
        .push();
    world.putFlow(TENANT_SYNC);
    world.putFlow(aInKestra);
    world.putFlow(shared);
    world.putFile(NS, "/k.txt", "kestra only\n");
    world.state().putDashboard(TENANT, "overview", overview);
    Optional<ObjectId> gitHead = world.head(MAIN);
    world.forgetRequests();

    // Kestra is the source of truth, as in the seed
    Run dry = run(TENANT_SYNC, "tenant", "diff", Map.of("truth", "KESTRA", "dry", "true"));
    assertEquals(gitHead, world.head(MAIN));
    assertEquals(true, dry.outputs().get("dryRun"));
    Map<String, String> planned = states(dry.rows(), "key");
    assertEquals("UPDATED", planned.get("company.team.a"));
    assertEquals("DELETED", planned.get("newns.n"));

    Run fromKestra = run(TENANT_SYNC, "tenant", "diff", Map.of("truth", "KESTRA"));
    assertEquals(Map.of(
            "README.md", "# platform\n",
            NS + "/flows/a.yaml", aInKestra,
            NS + "/flows/shared.yaml", shared,
            NS + "/files/k.txt", "kestra only\n",
            "system/flows/tenant_git_sync.yaml", TENANT_SYNC,
            "_global/dashboards/overview.yaml", overview),
        world.gitFiles(MAIN), "Git is now the tenant, the flows of system included");
    assertEquals(planned, states(fromKestra.rows(), "key"), "the dry run showed what was applied");
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), fromKestra.commitId());
    assertEquals(2, world.repo().log(MAIN).size(), "one commit");

    Optional<ObjectId> afterPush = world.head(MAIN);
    Run fromKestraAgain = run(TENANT_SYNC, "tenant", "diff", Map.of("truth", "KESTRA"));
    assertEquals(afterPush, world.head(MAIN), "nothing to commit");
    assertNull(fromKestraAgain.commitId());
    assertEveryRow(fromKestraAgain, "key", Set.of("UNCHANGED"));
    world.assertNoKestraWrite();

    // Git changes, and Kestra gains what Git lacks; now Git is the source of truth
    String aEdited = flow(NS, "a", "edited in Git");
    world.commit().add(NS + "/flows/a.yaml", aEdited).add("newns/flows/n.yaml", n).push();
    String cleanup = flow("system", "cleanup", "only in Kestra, protected");
    world.putFlow(flow(NS, "old", "only in Kestra"));
    world.putFlow(cleanup);
    Optional<ObjectId> edited = world.head(MAIN);
    world.forgetRequests();

    Run dryBack = run(TENANT_SYNC, "tenant", "diff", Map.of("truth", "GIT", "dry", "true"));
    world.assertNoKestraWrite();
    assertEquals(Optional.of(aInKestra), world.flow(NS, "a"));
    assertTrue(world.flow("newns", "n").isEmpty());

    Run fromGit = run(TENANT_SYNC, "tenant", "diff", Map.of("truth", "GIT"));
    assertFalse(world.kestraWrites().isEmpty());
    assertFalse(world.kestraWrites().stream().anyMatch(r -> r.target().contains("system")), () -> "system was written: "
        + world.kestraWrites());
    assertEquals(Optional.of(aEdited), world.flow(NS, "a"));
    assertEquals(Optional.of(n), world.flow("newns", "n"));
    assertTrue(world.flow(NS, "old").isEmpty(), "deleted: Git does not have it");
    assertEquals(Optional.of(cleanup), world.flow("system", "cleanup"), "system is protected");
    assertEquals(Optional.of(TENANT_SYNC), world.flow("system", "tenant_git_sync"));
    Map<String, String> applied = states(fromGit.rows(), "key");
    assertEquals(states(dryBack.rows(), "key"), applied, "the dry run showed what was applied");
    assertEquals("UPDATED", applied.get("company.team.a"));
    assertEquals("ADDED", applied.get("newns.n"));
    assertEquals("DELETED", applied.get("company.team.old"));
    assertEquals("PROTECTED", applied.get("system.cleanup"));
    assertTrue(fromGit.summary().startsWith("Plan: 1 to create, 1 to update, 1 to delete"), fromGit.summary());
    assertNull(fromGit.commitId());

    world.forgetRequests();
    Run fromGitAgain = run(TENANT_SYNC, "tenant", "diff", Map.of("truth", "GIT"));
    world.assertNoKestraWrite();
    assertEveryRow(fromGitAgain, "key", Set.of("UNCHANGED", "PROTECTED"));
    assertEquals(edited, world.head(MAIN), "the source of truth is never written");
  }
}
