package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.MAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.presets.RowDetail;
import dev.driftless.resource.ResourceKey;
import dev.driftless.snapshot.Baseline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NamespaceSync and TenantSync with {@code sourceOfTruth: BOTH}, through a real Git server over HTTP and
 * the Kestra emulator: the first run records the baseline in the repository, edits made on each side
 * since then propagate in one run, edits of one flow in different lines merge, a same-line conflict
 * writes nothing of it and fails the run once the rest is applied, and {@code onConflict: GIT} settles it.
 *
 * <p>The starting point: Git and Kestra both hold flows {@code a} and {@code b} of {@code company.team},
 * equal, and the first run has recorded them as the baseline.
 */
@Timeout(90)
class TwoWaySyncEndToEndTest {

  private static final String NS = "company.team";
  private static final String TASK = """
      id: namespace
      type: io.kestra.plugin.git.NamespaceSync
      namespace: company.team
      branch: main
      sourceOfTruth: BOTH
      """;

  @TempDir
  Path dir;
  PresetWorld world;

  /** A flow of two tasks, so that two edits can be in different lines. */
  private static String flow(String id, String first, String second) {
    return """
        id: %s
        namespace: %s
        tasks:
          - id: first
            type: io.kestra.plugin.core.log.Log
            message: %s
          - id: second
            type: io.kestra.plugin.core.log.Log
            message: %s
        """.formatted(id, NS, first, second);
  }

  @BeforeEach
  void startAndRecordTheBaseline() {
    world = PresetWorld.start(dir);
    world.commit()
        .add(NS + "/flows/a.yaml", flow("a", "one", "two"))
        .add(NS + "/flows/b.yaml", flow("b", "one", "two"))
        .add("README.md", "# platform\n")
        .push();
    world.putFlow(flow("a", "one", "two"));
    world.putFlow(flow("b", "one", "two"));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private void recordTheBaseline() {
    PresetResult first = world.run(TASK);
    assertTrue(first.isSuccess(), first.plan()::toString);
  }

  /** The refs of the repository outside branches and tags: where the baseline is kept. */
  private List<String> baselineRefs() {
    try (Repository repo = world.repo().open()) {
      return repo.getRefDatabase().getRefs().stream().map(Ref::getName)
          .filter(n -> !n.startsWith("refs/heads/") && !n.startsWith("refs/tags/") && !n.equals("HEAD")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theFirstRun_recordsWhatBothSidesHoldAlike_inTheRepository_writingNoResource() {
    world.forgetRequests();

    PresetResult first = world.run(TASK);

    assertTrue(first.plan().isTwoWay());
    assertEquals(Optional.of(Baseline.none().identity()), first.plan().baseline());
    assertTrue(first.plan().movesBaseline(), first.plan()::toString);
    assertFalse(first.plan().hasWrites());
    assertTrue(first.result().isPresent(), "a plan that only moves the baseline is applied, not taken for nothing to do");
    assertTrue(first.isSuccess());
    world.assertNoKestraWrite();
    assertEquals(1, baselineRefs().size(), () -> "the baseline is kept beside the branch: " + baselineRefs());

    PresetResult second = world.assertSecondRunIsNoOp(TASK, MAIN, "UNCHANGED");
    assertFalse(second.plan().baseline().orElseThrow().equals(Baseline.none().identity()),
        "the second run plans from the recorded baseline");
  }

  @Test
  void aDryRun_recordsNoBaseline() {
    PresetResult planned = world.run(TASK + "dryRun: true\n");

    assertTrue(planned.plan().movesBaseline());
    assertTrue(planned.result().isEmpty());
    assertEquals(List.of(), baselineRefs());
    assertEquals(Optional.of(Baseline.none().identity()), world.run(TASK).plan().baseline(),
        "the first real run is still the first");
  }

  @Test
  void editsOnEachSide_ofDifferentFlows_propagateInOneRun() {
    recordTheBaseline();
    world.putFlow(flow("a", "edited in Kestra", "two"));
    world.commit().add(NS + "/flows/b.yaml", flow("b", "one", "edited in Git")).push();

    PresetResult run = world.run(TASK);

    assertTrue(run.isSuccess(), run.plan()::toString);
    assertEquals(Optional.of(flow("a", "edited in Kestra", "two")), world.gitFile(MAIN, NS + "/flows/a.yaml"));
    assertEquals(Optional.of(flow("b", "one", "edited in Git")), world.flow(NS, "b"));
    Map<String, Object> toGit = run.rows().stream().filter(r -> "GIT".equals(r.get("side"))
        && "company.team.a".equals(r.get("key"))).findFirst().orElseThrow();
    assertEquals("UPDATED", toGit.get("action"));
    assertEquals("Git unchanged, Kestra edited", toGit.get("since"));
    assertTrue(run.commitId().isPresent());

    world.assertSecondRunIsNoOp(TASK, MAIN, "UNCHANGED");
  }

  @Test
  void editsOfOneFlow_inDifferentLines_merge_onBothSides() {
    recordTheBaseline();
    world.putFlow(flow("a", "one", "Kestra's line"));
    world.commit().add(NS + "/flows/a.yaml", flow("a", "Git's line", "two")).push();

    PresetResult run = world.run(TASK);

    String merged = flow("a", "Git's line", "Kestra's line");
    assertTrue(run.isSuccess(), run.plan()::toString);
    assertEquals(Optional.of(merged), world.gitFile(MAIN, NS + "/flows/a.yaml"));
    assertEquals(Optional.of(merged), world.flow(NS, "a"));
    assertTrue(run.rows().stream().filter(r -> "company.team.a".equals(r.get("key")))
        .allMatch(r -> "MERGED".equals(r.get("action"))), run.rows()::toString);

    world.assertSecondRunIsNoOp(TASK, MAIN, "UNCHANGED");
  }

  @Test
  void aSameLineConflict_writesNothingOfIt_appliesTheRest_andFails_thenOnConflictGitSettlesIt() {
    recordTheBaseline();
    world.putFlow(flow("a", "Kestra's", "two"));
    world.commit()
        .add(NS + "/flows/a.yaml", flow("a", "Git's", "two"))
        .add(NS + "/flows/b.yaml", flow("b", "one", "edited in Git"))
        .push();
    world.runner(world.runner().withRowDetail(RowDetail.PLUGIN));

    PresetResult run = world.run(TASK);

    assertFalse(run.isSuccess(), "a conflict left as it is fails the run");
    assertEquals(List.of(ResourceKey.flow(NS, "a")), run.conflicts());
    assertTrue(run.conflictMessage().contains("flow company.team/a"), run.conflictMessage());
    assertTrue(run.conflictMessage().contains("changed in Git and in Kestra since the last sync"), run.conflictMessage());
    assertTrue(run.conflictMessage().contains("onConflict: GIT or KESTRA"), run.conflictMessage());
    assertEquals(Optional.of(flow("a", "Kestra's", "two")), world.flow(NS, "a"), "nothing of the conflict is written");
    assertEquals(Optional.of(flow("a", "Git's", "two")), world.gitFile(MAIN, NS + "/flows/a.yaml"));
    assertEquals(Optional.of(flow("b", "one", "edited in Git")), world.flow(NS, "b"), "the rest is applied");
    assertEquals(List.of(Map.of("file", "company.team/flows/a.yaml", "key", "company.team:a", "kind", "FLOW",
        "action", "CONFLICT"), Map.of("file", "company.team/flows/b.yaml", "key", "company.team:b", "kind", "FLOW",
        "action", "UPDATED_KES")), byKey(run.rows()), "the plugin's rows");

    PresetResult again = world.run(TASK);
    assertEquals(List.of(ResourceKey.flow(NS, "a")), again.conflicts(), "the conflict is seen again, not forgotten");

    String settle = TASK + "onConflict: GIT\n";
    PresetResult settled = world.run(settle);

    assertTrue(settled.isSuccess(), settled.plan()::toString);
    assertEquals(Optional.of(flow("a", "Git's", "two")), world.flow(NS, "a"));
    assertEquals(List.of(Map.of("file", "company.team/flows/a.yaml", "key", "company.team:a", "kind", "FLOW",
        "action", "UPDATED_KES")), settled.rows());
    world.runner(world.runner().withRowDetail(RowDetail.DETAILED));
    world.assertSecondRunIsNoOp(settle, MAIN, "UNCHANGED");
  }

  private static List<Map<String, Object>> byKey(List<Map<String, Object>> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(r -> String.valueOf(r.get("key")))).toList();
  }

  @Test
  void tenantSync_both_carriesAnEditInKestra_toGit_andOneInGit_toKestra() {
    String task = """
        id: tenant
        type: io.kestra.plugin.git.TenantSync
        branch: main
        sourceOfTruth: BOTH
        """;
    world.putFlow(flow("a", "one", "two").replace("namespace: " + NS, "namespace: other"));
    world.commit().add("other/flows/a.yaml", flow("a", "one", "two").replace("namespace: " + NS, "namespace: other"))
        .push();
    PresetResult first = world.run(task);
    assertTrue(first.isSuccess(), first.plan()::toString);

    world.putFlow(flow("a", "one", "edited in Kestra").replace("namespace: " + NS, "namespace: other"));
    world.commit().add(NS + "/flows/b.yaml", flow("b", "edited in Git", "two")).push();
    PresetResult run = world.run(task);

    assertTrue(run.isSuccess(), run.plan()::toString);
    assertEquals(Optional.of(flow("a", "one", "edited in Kestra").replace("namespace: " + NS, "namespace: other")),
        world.gitFile(MAIN, "other/flows/a.yaml"));
    assertEquals(Optional.of(flow("b", "edited in Git", "two")), world.flow(NS, "b"));
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "PROTECTED");
  }
}
