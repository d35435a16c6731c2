package dev.driftless.plugin;

import static dev.driftless.plugin.PluginWorld.MAIN;
import static dev.driftless.plugin.PluginWorld.TENANT;
import static dev.driftless.plugin.PluginWorld.rows;
import static dev.driftless.plugin.PluginWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.plugin.AbstractTwoWaySyncTask.OnConflict;
import dev.driftless.plugin.AbstractTwoWaySyncTask.SourceOfTruth;
import dev.driftless.plugin.AbstractTwoWaySyncTask.WhenMissingInSource;
import dev.driftless.presets.RowDetail;
import io.kestra.core.context.TestRunContextFactory;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import jakarta.inject.Inject;
import java.nio.file.Path;
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
 * NamespaceSync and TenantSync both ways, run with Kestra's own run context.
 *
 * <p>The starting point: Git and Kestra both have flow {@code company.team.a} (different messages) and
 * {@code company.team.shared} (equal); Git alone has the file {@code company.team:/git_only.py}, flow
 * {@code newns.n} and dashboard {@code overview}; Kestra alone has flow {@code company.team.old}, the file
 * {@code company.team:/k.txt} and flow {@code system.cleanup}.
 */
@KestraTest
@Timeout(120)
class TwoWaySyncTest {

  private static final String NS = "company.team";
  private static final String A_IN_GIT = flow(NS, "a", "from Git");
  private static final String A_IN_KESTRA = flow(NS, "a", "from Kestra");
  private static final String SHARED = flow(NS, "shared", "same on both sides");
  private static final String OLD = flow(NS, "old", "only in Kestra");
  private static final String N = flow("newns", "n", "only in Git");
  private static final String CLEANUP = flow("system", "cleanup", "only in Kestra, protected");
  private static final String OVERVIEW = "id: overview\ntitle: Overview\ncharts: []\n";

  @Inject
  TestRunContextFactory runContextFactory;

  @TempDir
  Path dir;
  PluginWorld world;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
    world.commit()
        .add(NS + "/flows/a.yaml", A_IN_GIT)
        .add(NS + "/flows/shared.yaml", SHARED)
        .add(NS + "/files/git_only.py", "print('git')\n")
        .add("newns/flows/n.yaml", N)
        .add("_global/dashboards/overview.yaml", OVERVIEW)
        .add("README.md", "# platform\n")
        .push();
    world.putFlow(A_IN_KESTRA);
    world.putFlow(SHARED);
    world.putFlow(OLD);
    world.putFlow(CLEANUP);
    world.putFile(NS, "/k.txt", "kestra only\n");
    world.forgetRequests();
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

  private RunContext context() {
    return runContextFactory.of("system", Map.of());
  }

  // ---- NamespaceSync

  private NamespaceSync.NamespaceSyncBuilder<?, ?> namespaceSync(SourceOfTruth sourceOfTruth) {
    return world.connect(NamespaceSync.builder()).id("namespace").type(NamespaceSync.class.getName())
        .namespace(Property.ofValue(NS))
        .branch(Property.ofValue("main"))
        .sourceOfTruth(Property.ofValue(sourceOfTruth));
  }

  @Test
  void namespaceSync_gitToKestra_makesTheNamespaceEqualToGit_andASecondRunWritesNothing() throws Exception {
    Optional<ObjectId> head = world.head(MAIN);

    RunContext context = context();
    NamespaceSync.Output out = namespaceSync(SourceOfTruth.GIT).build().run(context);

    assertEquals(Optional.of(A_IN_GIT), world.flow(NS, "a"));
    assertTrue(world.flow(NS, "old").isEmpty());
    assertEquals(Optional.of("print('git')\n"), world.file(NS, "/git_only.py"));
    assertTrue(world.file(NS, "/k.txt").isEmpty());
    assertEquals(head, world.head(MAIN), "the source of truth is never written");
    assertNull(out.getCommitId());
    List<Map<String, Object>> rows = rows(context, out.getDiff());
    assertEquals(Map.of("company.team:a", "UPDATED_KES", "company.team:old", "DELETED_KES",
        "company.team:git_only.py", "ADDED", "company.team:k.txt", "DELETED_KES"), states(rows, "key"),
        "the plugin's rows: the unchanged flow has none");
    Map<String, Object> a = rows.stream().filter(r -> "company.team:a".equals(r.get("key"))).findFirst().orElseThrow();
    assertEquals(Map.of("file", "company.team/flows/a.yaml", "key", "company.team:a", "kind", "FLOW",
        "action", "UPDATED_KES"), a);

    world.forgetRequests();
    RunContext again = context();
    NamespaceSync.Output second = namespaceSync(SourceOfTruth.GIT).build().run(again);
    world.assertNoKestraWrite();
    assertEquals(List.of(), rows(again, second.getDiff()), "nothing written, no row");
  }

  @Test
  void namespaceSync_kestraToGit_aDryRunWritesNothing_thenOneCommit_andASecondRunCommitsNothing() throws Exception {
    Optional<ObjectId> head = world.head(MAIN);

    NamespaceSync.Output planned = namespaceSync(SourceOfTruth.KESTRA).dryRun(Property.ofValue(true)).build().run(context());
    assertEquals(head, world.head(MAIN));
    assertNull(planned.getCommitId());

    RunContext context = context();
    NamespaceSync.Output out = namespaceSync(SourceOfTruth.KESTRA).rows(Property.ofValue(RowDetail.DETAILED))
        .whenMissingInSource(Property.ofValue(WhenMissingInSource.KEEP)).build().run(context);

    assertEquals(Optional.of(A_IN_KESTRA), world.gitFile(MAIN, NS + "/flows/a.yaml"));
    assertEquals(Optional.of(OLD), world.gitFile(MAIN, NS + "/flows/old.yaml"));
    assertEquals(Optional.of("kestra only\n"), world.gitFile(MAIN, NS + "/files/k.txt"));
    assertEquals(Optional.of("print('git')\n"), world.gitFile(MAIN, NS + "/files/git_only.py"), "kept");
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), out.getCommitId());
    world.assertNoKestraWrite();
    Map<String, String> states = states(rows(context, out.getDiff()), "key");
    assertEquals("KEPT", states.get("company.team:/git_only.py"));
    assertEquals("ADDED", states.get("company.team.old"));

    Optional<ObjectId> after = world.head(MAIN);
    NamespaceSync.Output second = namespaceSync(SourceOfTruth.KESTRA)
        .whenMissingInSource(Property.ofValue(WhenMissingInSource.KEEP)).build().run(context());
    assertEquals(after, world.head(MAIN));
    assertNull(second.getCommitId());
  }

  @Test
  void namespaceSync_kinds_andSourceOfTruthByKind_chooseWhatIsSyncedAndWhichWay() throws Exception {
    RunContext context = context();
    NamespaceSync.Output out = namespaceSync(SourceOfTruth.KESTRA)
        .kinds(Property.ofValue(List.of("flow", "namespaceFile")))
        .sourceOfTruthByKind(Property.ofValue(Map.of("namespace-file", SourceOfTruth.GIT)))
        .whenMissingInSource(Property.ofValue(WhenMissingInSource.KEEP))
        .build().run(context);

    assertEquals(Optional.of(A_IN_KESTRA), world.gitFile(MAIN, NS + "/flows/a.yaml"), "flows: Kestra wins");
    assertEquals(Optional.of("print('git')\n"), world.file(NS, "/git_only.py"), "files: Git wins");
    assertEquals(Optional.of("kestra only\n"), world.file(NS, "/k.txt"), "kept");
    assertTrue(world.gitFile(MAIN, NS + "/files/k.txt").isEmpty());
  }

  @Test
  void namespaceSync_withoutBranch_failsNamingIt_andWritesNothing() {
    Optional<ObjectId> head = world.head(MAIN);

    Exception e = assertThrows(Exception.class, () -> namespaceSync(SourceOfTruth.GIT).branch(null).build().run(context()));

    assertTrue(e.getMessage().contains("branch: "), e.getMessage());
    assertFalse(e.getMessage().contains(PluginWorld.GIT_TOKEN));
    world.assertNoKestraWrite();
    assertEquals(head, world.head(MAIN));
  }

  @Test
  void namespaceSync_anUnknownKind_failsNamingTheProperty() {
    Exception e = assertThrows(Exception.class, () -> namespaceSync(SourceOfTruth.GIT)
        .kinds(Property.ofValue(List.of("flows"))).build().run(context()));

    assertTrue(e.getMessage().startsWith("kinds: unknown resource kind 'flows'"), e.getMessage());
  }

  // ---- both ways

  @Test
  void namespaceSync_both_aFirstRunWithDifferences_failsWritingNothing_onConflictGitSettles_thenEditsPropagate()
      throws Exception {
    Optional<ObjectId> head = world.head(MAIN);

    SyncFailedException conflicts = assertThrows(SyncFailedException.class,
        () -> namespaceSync(SourceOfTruth.BOTH).build().run(context()));

    assertTrue(conflicts.getMessage().contains("4 conflicts"), conflicts.getMessage());
    assertTrue(conflicts.getMessage().contains("the first two-way sync: no baseline says which side changed"),
        conflicts.getMessage());
    assertTrue(conflicts.getMessage().contains("flow company.team/a"), conflicts.getMessage());
    world.assertNoKestraWrite();
    assertEquals(head, world.head(MAIN), "nothing of a conflict is written");

    RunContext settling = context();
    NamespaceSync.Output settled = namespaceSync(SourceOfTruth.BOTH).onConflict(Property.ofValue(OnConflict.GIT))
        .build().run(settling);

    assertEquals(Optional.of(A_IN_GIT), world.flow(NS, "a"));
    assertTrue(world.flow(NS, "old").isEmpty());
    assertEquals(Optional.of("print('git')\n"), world.file(NS, "/git_only.py"));
    assertTrue(world.file(NS, "/k.txt").isEmpty());
    assertEquals(Map.of("company.team:a", "UPDATED_KES", "company.team:old", "DELETED_KES",
        "company.team:git_only.py", "ADDED_KES", "company.team:k.txt", "DELETED_KES"),
        states(rows(settling, settled.getDiff()), "key"), "a two-way sync's rows name the side written");

    world.putFlow(flow(NS, "a", "edited in Kestra"));
    RunContext context = context();
    NamespaceSync.Output out = namespaceSync(SourceOfTruth.BOTH).build().run(context);

    assertEquals(Optional.of(flow(NS, "a", "edited in Kestra")), world.gitFile(MAIN, NS + "/flows/a.yaml"));
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), out.getCommitId());
    assertEquals(Map.of("company.team:a", "UPDATED_GIT"), states(rows(context, out.getDiff()), "key"));
  }

  @Test
  void namespaceSync_both_withKeep_isRefusedNamingTheProperty_andWritesNothing() {
    Optional<ObjectId> head = world.head(MAIN);

    Exception e = assertThrows(Exception.class, () -> namespaceSync(SourceOfTruth.BOTH)
        .whenMissingInSource(Property.ofValue(WhenMissingInSource.KEEP)).build().run(context()));

    assertTrue(e.getMessage().contains("whenMissingInSource: cannot be KEEP with sourceOfTruth: BOTH"), e.getMessage());
    world.assertNoKestraWrite();
    assertEquals(head, world.head(MAIN));
  }

  // ---- TenantSync

  private TenantSync.TenantSyncBuilder<?, ?> tenantSync(SourceOfTruth sourceOfTruth, WhenMissingInSource whenMissing) {
    return world.connect(TenantSync.builder()).id("tenant").type(TenantSync.class.getName())
        .branch(Property.ofValue("main"))
        .sourceOfTruth(Property.ofValue(sourceOfTruth))
        .whenMissingInSource(Property.ofValue(whenMissing));
  }

  @Test
  void tenantSync_gitToKestra_everyNamespaceAndTheDashboards_exceptProtectedSystem_andASecondRunWritesNothing()
      throws Exception {
    RunContext context = context();
    TenantSync.Output out = tenantSync(SourceOfTruth.GIT, WhenMissingInSource.DELETE)
        .rows(Property.ofValue(RowDetail.DETAILED)).build().run(context);

    assertEquals(Optional.of(A_IN_GIT), world.flow(NS, "a"));
    assertEquals(Optional.of(N), world.flow("newns", "n"));
    assertTrue(world.flow(NS, "old").isEmpty());
    assertEquals(Optional.of(CLEANUP), world.flow("system", "cleanup"));
    assertEquals(List.of(OVERVIEW), world.state().dashboardIds(TENANT).stream()
        .map(id -> world.state().dashboardSource(TENANT, id).orElseThrow()).toList());
    Map<String, String> states = states(rows(context, out.getDiff()), "key");
    assertEquals("PROTECTED", states.get("system.cleanup"));
    assertEquals("ADDED", states.get("newns.n"));
    assertEquals("ADDED", states.get("overview"));
    assertEquals("DELETED", states.get("company.team.old"));

    world.forgetRequests();
    RunContext again = context();
    TenantSync.Output second = tenantSync(SourceOfTruth.GIT, WhenMissingInSource.DELETE)
        .rows(Property.ofValue(RowDetail.DETAILED)).build().run(again);
    world.assertNoKestraWrite();
    assertTrue(states(rows(again, second.getDiff()), "key").values().stream()
        .allMatch(s -> s.equals("UNCHANGED") || s.equals("PROTECTED")), second.getSummary());
  }

  @Test
  void tenantSync_kestraToGit_oneCommit_andADryRunWritesNothing() throws Exception {
    Optional<ObjectId> head = world.head(MAIN);
    TenantSync.Output planned = tenantSync(SourceOfTruth.KESTRA, WhenMissingInSource.DELETE)
        .dryRun(Property.ofValue(true)).build().run(context());
    assertEquals(head, world.head(MAIN));
    assertTrue(planned.getDryRun());

    RunContext context = context();
    TenantSync.Output out = tenantSync(SourceOfTruth.KESTRA, WhenMissingInSource.DELETE).build().run(context);

    assertEquals(Optional.of(A_IN_KESTRA), world.gitFile(MAIN, NS + "/flows/a.yaml"));
    assertEquals(Optional.of(CLEANUP), world.gitFile(MAIN, "system/flows/cleanup.yaml"),
        "the flows of system are pushed too");
    assertTrue(world.gitFile(MAIN, "newns/flows/n.yaml").isEmpty());
    assertEquals(Optional.of("# platform\n"), world.gitFile(MAIN, "README.md"));
    assertEquals(world.head(MAIN).map(ObjectId::name).orElseThrow(), out.getCommitId());
    world.assertNoKestraWrite();
    assertEquals("-" + (N.lines().count()) + " 0", deletions(rows(context, out.getDiff()), "newns/flows/n.yaml"),
        "a real run from Kestra outputs the commit's rows, as the plugin: numbers");
  }

  /** A commit row's deletions and changes, for the file. */
  private static String deletions(List<Map<String, Object>> rows, String file) {
    Map<String, Object> row = rows.stream().filter(r -> file.equals(r.get("file"))).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + file + " in " + rows));
    return "-" + row.get("deletions") + " " + row.get("changes");
  }
}
