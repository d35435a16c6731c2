package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --source-of-truth both} end to end through the command, against the Kestra API emulator
 * and a Git server on loopback: edits on either side since the last two-way sync propagate in one
 * run, edits of one flow on both sides in lines apart merge, edits of the same line are a conflict
 * shown with both sides' changes and written nowhere (unless {@code --on-conflict} picks a side),
 * and the first sync records what both sides hold alike.
 */
@Timeout(90)
class TwoWayCommandTest {

  private static final String A = flow("a", "first flow", "one", "two");
  private static final String B = flow("b", "second flow", "one", "two");

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

  /** A flow of several lines, so that edits far apart can be merged line by line. */
  static String flow(String id, String description, String first, String second) {
    return """
        id: %s
        namespace: dev
        description: %s
        tasks:
          - id: first
            type: io.kestra.plugin.core.log.Log
            message: %s
          - id: middle
            type: io.kestra.plugin.core.log.Log
            message: unchanged
          - id: second
            type: io.kestra.plugin.core.log.Log
            message: %s
        """.formatted(id, description, first, second);
  }

  /** {@code command} pointed at both sides, namespace dev, flows only, both ways. */
  String[] twoWay(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(),
        "--namespace", "dev", "--kinds", "flow", "--source-of-truth", "both", "--no-color"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Both sides hold A and B alike, and a first two-way apply recorded them as the baseline. */
  void syncedOnce() {
    sides.commit().add("dev/flows/a.yaml", A).add("dev/flows/b.yaml", B).push();
    sides.state().putFlowSource(Sides.TENANT, A);
    sides.state().putFlowSource(Sides.TENANT, B);
    Optional<ObjectId> head = sides.repo.head("main");
    assertEquals(Optional.empty(), baselineRef(), "no baseline before the first two-way sync");
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(2);

    Cli.Result first = sides.cli(twoWay("apply", "--auto-approve")).assertExit(0).assertNoStackTrace();

    assertTrue(first.err().contains("Nothing to write; recording the baseline"), first.toString());
    assertTrue(first.out().contains("Apply complete! Nothing written; the baseline is recorded"), first.toString());
    assertTrue(baselineRef().isPresent(), "the baseline is recorded under a ref of the repository");
    assertEquals(head, sides.repo.head("main"), "recording the baseline commits nothing on the branch");
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(0);
  }

  /** Where the baseline of this sync is kept: a ref of the repository beside the branch. */
  Optional<ObjectId> baselineRef() {
    try (Repository repo = sides.repo.open()) {
      List<Ref> refs = repo.getRefDatabase().getRefsByPrefix("refs/driftless/baseline/");
      assertTrue(refs.size() <= 1, refs::toString);
      return refs.stream().map(Ref::getObjectId).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<String> inGit(String id) {
    return sides.repo.file("main", "dev/flows/" + id + ".yaml");
  }

  Optional<String> inKestra(String id) {
    return sides.flowInKestra("dev", id);
  }

  @Test
  void aFlowEditedInKestra_andAnotherEditedInGit_bothPropagateInOneRun() {
    syncedOnce();
    String aFromKestra = flow("a", "first flow", "edited in the UI", "two");
    String bFromGit = flow("b", "second flow, reviewed", "one", "two");
    sides.state().putFlowSource(Sides.TENANT, aFromKestra);
    sides.commit().add("dev/flows/b.yaml", bFromGit).push();

    Cli.Result applied = sides.cli(twoWay("apply", "--auto-approve")).assertExit(0).assertNoStackTrace();

    assertTrue(applied.out().contains("since the last sync: Git unchanged, Kestra edited"), applied.out());
    assertTrue(applied.out().contains("since the last sync: Git edited, Kestra unchanged"), applied.out());
    assertTrue(applied.out().contains("Apply complete! 2 changes applied"), applied.out());
    assertEquals(Optional.of(aFromKestra), inGit("a"));
    assertEquals(Optional.of(aFromKestra), inKestra("a"));
    assertEquals(Optional.of(bFromGit), inGit("b"));
    assertEquals(Optional.of(bFromGit), inKestra("b"));
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(0);
  }

  @Test
  void oneFlowEditedOnBothSides_inLinesApart_isMerged_andBothSidesHoldTheMerge() {
    syncedOnce();
    sides.commit().add("dev/flows/a.yaml", flow("a", "first flow, reviewed", "one", "two")).push();
    sides.state().putFlowSource(Sides.TENANT, flow("a", "first flow", "one", "edited in the UI"));

    Cli.Result plan = sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(2);
    assertTrue(plan.out().contains("merged: changed in"), plan.out());
    Cli.Result applied = sides.cli(twoWay("apply", "--auto-approve")).assertExit(0).assertNoStackTrace();

    String merged = flow("a", "first flow, reviewed", "one", "edited in the UI");
    assertEquals(Optional.of(merged), inGit("a"), applied.toString());
    assertEquals(Optional.of(merged), inKestra("a"), applied.toString());
    assertEquals(Optional.of(B), inGit("b"));
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(0);
  }

  @Test
  void oneLineEditedDifferentlyOnBothSides_isAConflict_shownWithBothDiffs_andWrittenNowhere_whileTheRestSyncs() {
    syncedOnce();
    String fromGit = flow("a", "first flow", "edited in Git", "two");
    String fromKestra = flow("a", "first flow", "edited in the UI", "two");
    sides.commit().add("dev/flows/a.yaml", fromGit).add("dev/flows/b.yaml", flow("b", "second flow, reviewed", "one",
        "two")).push();
    sides.state().putFlowSource(Sides.TENANT, fromKestra);
    sides.state().putFlowSource(Sides.TENANT, flow("b", "second flow", "one", "edited in the UI"));
    Optional<ObjectId> baseline = baselineRef();

    Cli.Result plan = sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(2).assertNoStackTrace();
    assertTrue(plan.out().contains("changed in Git and in Kestra since the last sync, and the changes cannot be "
        + "merged"), plan.out());
    assertTrue(plan.out().contains("--- last synced: flow dev/a") && plan.out().contains("-    message: one")
        && plan.out().contains("+    message: edited in Git") && plan.out().contains("+    message: edited in the UI"),
        "both diffs against the base\n" + plan.out());
    assertTrue(plan.err().contains("Conflict left as it is on both sides (1): flow dev/a"), plan.err());

    Cli.Result applied = sides.cli(twoWay("apply", "--auto-approve")).assertExit(1).assertNoStackTrace();

    assertTrue(applied.out().contains("Apply complete! 2 changes applied"), applied.out());
    assertTrue(applied.err().contains("--on-conflict git or --on-conflict kestra"), applied.err());
    assertEquals(Optional.of(fromGit), inGit("a"), "nothing of the conflict is written to Git");
    assertEquals(Optional.of(fromKestra), inKestra("a"), "nothing of the conflict is written to Kestra");
    String merged = flow("b", "second flow, reviewed", "one", "edited in the UI");
    assertEquals(Optional.of(merged), inGit("b"));
    assertEquals(Optional.of(merged), inKestra("b"));
    assertFalse(baseline.equals(baselineRef()), "the baseline moves for what settled");
    Cli.Result again = sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(2);
    assertTrue(again.out().contains("Plan: 0 to create, 0 to update, 0 to delete, 0 kept, 0 protected, 2 blocked."),
        "the conflict, and only it, is still there\n" + again.out());
  }

  @Test
  void aConflict_isSettledByOnConflictGit_withGitsCopyOnBothSides() {
    syncedOnce();
    String fromGit = flow("a", "first flow", "edited in Git", "two");
    sides.commit().add("dev/flows/a.yaml", fromGit).push();
    sides.state().putFlowSource(Sides.TENANT, flow("a", "first flow", "edited in the UI", "two"));

    Cli.Result applied = sides.cli(twoWay("apply", "--auto-approve", "--on-conflict", "git")).assertExit(0)
        .assertNoStackTrace();

    assertTrue(applied.out().contains("a conflict; onConflict keeps Git's copy"), applied.out());
    assertEquals(Optional.of(fromGit), inGit("a"));
    assertEquals(Optional.of(fromGit), inKestra("a"));
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(0);
  }

  @Test
  void theFirstSync_recordsWhatIsEqual_andADifferenceIsAConflict_saidToBeTheFirstSync() {
    sides.commit().add("dev/flows/a.yaml", A).add("dev/flows/b.yaml", B).push();
    String otherB = flow("b", "second flow", "one", "another copy");
    sides.state().putFlowSource(Sides.TENANT, A);
    sides.state().putFlowSource(Sides.TENANT, otherB);

    Cli.Result plan = sides.cli(twoWay("plan")).assertExit(0).assertNoStackTrace();
    assertTrue(plan.out().contains("first sync: no baseline yet"), plan.out());
    assertTrue(plan.out().contains("no baseline says which side changed (first two-way sync)"), plan.out());
    assertTrue(plan.out().contains("first two-way sync of flows: there is no baseline yet"), plan.out());
    assertTrue(plan.err().contains("This is the first two-way sync"), plan.err());

    sides.cli(twoWay("apply", "--auto-approve")).assertExit(1).assertNoStackTrace();
    assertEquals(Optional.of(B), inGit("b"));
    assertEquals(Optional.of(otherB), inKestra("b"));
    assertEquals(Optional.empty(), baselineRef(), "a first sync with a difference records no baseline");

    sides.state().putFlowSource(Sides.TENANT, B);
    Cli.Result settled = sides.cli(twoWay("apply", "--auto-approve")).assertExit(0);
    assertTrue(settled.out().contains("the baseline is recorded"), settled.toString());
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(0);
  }

  @Test
  void theFirstSync_withOnConflictKestra_takesKestrasCopyOfADifference() {
    sides.commit().add("dev/flows/a.yaml", A).push();
    String otherA = flow("a", "first flow", "one", "Kestra's copy");
    sides.state().putFlowSource(Sides.TENANT, otherA);

    sides.cli(twoWay("apply", "--auto-approve", "--on-conflict", "kestra")).assertExit(0).assertNoStackTrace();

    assertEquals(Optional.of(otherA), inGit("a"));
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(0);
  }

  @Test
  void aSavedTwoWayPlan_isAppliedAsSaved_andKeepsItsOnConflict() {
    syncedOnce();
    String fromGit = flow("a", "first flow", "edited in Git", "two");
    sides.commit().add("dev/flows/a.yaml", fromGit).push();
    sides.state().putFlowSource(Sides.TENANT, flow("a", "first flow", "edited in the UI", "two"));
    String planFile = dir.resolve("plan.json").toString();
    sides.cli(twoWay("plan", "--on-conflict", "git", "--out", planFile)).assertExit(0);

    sides.cli("apply", planFile, "--no-color").assertExit(0).assertNoStackTrace();

    assertEquals(Optional.of(fromGit), inKestra("a"));
    sides.cli(twoWay("plan", "--detailed-exitcode")).assertExit(0);
  }

  @Test
  void onConflict_withOneSourceOfTruth_isRefused_namingTheOption() {
    sides.cli("plan", "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(), "--namespace", "dev",
            "--source-of-truth", "git", "--on-conflict", "git")
        .assertOneErrorLine("driftless: --on-conflict only applies with --source-of-truth both (a two-way sync): "
            + "with one source of truth (here git) there are no conflicts");
    sides.cli("apply", "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(), "--namespace", "dev",
            "--on-conflict", "fail")
        .assertOneErrorLine("driftless: --on-conflict only applies with --source-of-truth both");
  }

  @Test
  void whenMissingKeepOrFail_withBoth_isRefused_namingBothOptions() {
    for (String missing : List.of("keep", "fail")) {
      Cli.Result refused = sides.cli(twoWay("plan", "--when-missing", missing))
          .assertOneErrorLine("driftless: --when-missing " + missing + " does not go with --source-of-truth both");
      assertTrue(refused.err().contains("decides deletions from its baseline"), refused.err());
    }
  }

  @Test
  void aBadOnConflictValue_namesTheChoices() {
    Cli.Result refused = sides.cli(twoWay("plan", "--on-conflict", "merge"))
        .assertOneErrorLine("driftless plan: Invalid value for option '--on-conflict'");
    assertTrue(refused.err().contains("fail, git, kestra"), refused.err());
    assertFalse(refused.err().contains("Conflict"), refused.err());
  }
}
