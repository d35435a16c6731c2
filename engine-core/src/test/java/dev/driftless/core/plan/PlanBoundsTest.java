package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.render.PlanMarkdown;
import dev.driftless.core.render.PlanText;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Diff;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import dev.driftless.testkit.fixture.Snapshots;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Planning is bounded whatever the contents: a huge flow is invalid, a huge change keeps its action
 * without its diff, and a resource over the size limit is blocked on either side, never written,
 * overwritten or deleted. The deadlines only prove that planning ends; they are far above what it
 * takes.
 */
class PlanBoundsTest {

  private static final Duration ENDS_WITHIN = Duration.ofSeconds(90);
  private static final Policy KESTRA_WINS = Policy.builder().sourceOfTruth(Side.KESTRA).build();
  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).build();
  private static final ResourceKey BIG_FILE = ResourceKey.namespaceFile("dev", "data/big.csv");
  private static final PlanOptions ONE_KIB = PlanOptions.builder().maxResourceBytes(1024).build();

  private static Plan plan(Supplier<Plan> planning) {
    return assertTimeoutPreemptively(ENDS_WITHIN, planning::get);
  }

  private static Change change(Plan plan, ResourceKey key) {
    return plan.change(key).orElseThrow(() -> new AssertionError("no change for " + key + " in " + plan.changes()));
  }

  private static Diagnostic diagnostic(Plan plan, ResourceKey key) {
    return plan.diagnostics().stream().filter(d -> d.key().filter(key::equals).isPresent()).findFirst()
        .orElseThrow(() -> new AssertionError("no diagnostic for " + key + " in " + plan.diagnostics()));
  }

  private static String lines(int count, String prefix) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(prefix).append(i).append('\n');
    }
    return out.toString();
  }

  @Test
  void plan_flowWith200000Keys_isBlockedAsInvalid_namingTheLimit() {
    StringBuilder yaml = new StringBuilder(Flows.flow("dev", "big").yaml()).append("labels:\n");
    for (int i = 0; i < 200_000; i++) {
      yaml.append("  k").append(i).append(": v").append(i).append('\n');
    }
    ResourceKey key = ResourceKey.flow("dev", "big");
    Snapshot kestra = Snapshots.kestra().namespace("dev").with(key, yaml.toString()).build();
    Snapshot git = Snapshots.git().namespace("dev").build();

    Plan plan = plan(() -> Planner.plan(kestra, git, KESTRA_WINS));

    assertEquals(Action.BLOCKED, change(plan, key).action());
    assertEquals(Reason.INVALID_SOURCE, change(plan, key).reason());
    assertTrue(diagnostic(plan, key).message().contains("has more than 100,000 keys and values; the limit for one YAML"
        + " document is 100,000"), diagnostic(plan, key).message());
  }

  @Test
  void plan_changedFileOf60000Lines_isAnUpdate_whoseDiffSaysWhyItIsNotShown_inEveryFormat() {
    Snapshot kestra = Snapshots.kestra().namespace("dev").file("dev", "data/big.csv", lines(60_000, "a,")).build();
    Snapshot git = Snapshots.git().namespace("dev").file("dev", "data/big.csv", lines(60_000, "b,")).build();

    Plan plan = plan(() -> Planner.plan(kestra, git, KESTRA_WINS));

    Change c = change(plan, BIG_FILE);
    assertEquals(Action.UPDATE, c.action(), "the change itself is kept");
    String note = "diff not shown: at least 120,000 lines changed (of 60,000 before and 60,000 after), more than the"
        + " limit of 2,000 (maxDiffChangedLines)";
    assertEquals(note, c.diff().orElseThrow().text());
    assertTrue(PlanText.render(plan).contains(note), "text");
    assertTrue(PlanMarkdown.render(plan).contains(note), "Markdown");
    assertTrue(PlanJson.write(plan).contains(note), "JSON");
  }

  @Test
  void plan_createOf100000Lines_endsWithACutDiff() {
    Snapshot kestra = Snapshots.kestra().namespace("dev").file("dev", "data/big.csv", lines(100_000, "")).build();
    Snapshot git = Snapshots.git().namespace("dev").build();

    Plan plan = plan(() -> Planner.plan(kestra, git, KESTRA_WINS));

    assertEquals(Action.CREATE, change(plan, BIG_FILE).action());
    Diff diff = change(plan, BIG_FILE).diff().orElseThrow();
    assertTrue(diff.text().endsWith("more diff lines not shown (" + (100_000 - 397) + " added, 0 removed)"), diff.text());
    assertEquals(new Diff(diff.text(), 100_000, 0), diff, "every line counted, also those cut");
    assertEquals(plan, PlanJson.read(PlanJson.write(plan)), "the counts read back from the plan file");
  }

  @Test
  void plan_sourceFileOverTheSizeLimit_isBlocked_fromKestra_namingItsSizeAndTheSetting() {
    Snapshot kestra = Snapshots.kestra().namespace("dev").file("dev", "data/big.csv", "x".repeat(2048)).build();
    Snapshot git = Snapshots.git().namespace("dev").build();

    Plan plan = plan(() -> Planner.plan(kestra, git, KESTRA_WINS, ONE_KIB));

    Change c = change(plan, BIG_FILE);
    assertEquals(Action.BLOCKED, c.action());
    assertEquals(Reason.TOO_LARGE, c.reason());
    assertTrue(plan.payload(BIG_FILE).isEmpty(), "nothing to write");
    Diagnostic d = diagnostic(plan, BIG_FILE);
    assertEquals(Side.KESTRA, d.side().orElseThrow());
    assertTrue(d.message().startsWith("is 2,048 bytes (2.0 KiB), more than the size limit of 1,024 bytes (1.0 KiB) for"
        + " one resource on either side; it is not written"), d.message());
    assertTrue(d.message().contains("--max-file-size") && d.message().contains("PlanOptions.maxResourceBytes"),
        d.message());
  }

  @Test
  void plan_sourceFlowOverTheSizeLimit_isBlocked_fromGit() {
    String yaml = Flows.flow("dev", "a").yaml() + "description: " + "x".repeat(2048) + "\n";
    ResourceKey key = ResourceKey.flow("dev", "a");
    Snapshot git = Snapshots.git().namespace("dev").with(key, yaml).build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "a")).build();

    Plan plan = plan(() -> Planner.plan(git, kestra, GIT_WINS, ONE_KIB));

    assertEquals(Action.BLOCKED, change(plan, key).action());
    assertEquals(Reason.TOO_LARGE, change(plan, key).reason());
    assertTrue(plan.payload(key).isEmpty());
  }

  @Test
  void plan_sourceOverTheSizeLimit_holdsBackDeletionsInItsNamespace() {
    Snapshot kestra = Snapshots.kestra().namespace("dev").file("dev", "data/big.csv", "x".repeat(2048))
        .file("dev", "keep.txt", "a").build();
    Snapshot git = Snapshots.git().namespace("dev").file("dev", "keep.txt", "a").file("dev", "old.txt", "b").build();

    Plan plan = plan(() -> Planner.plan(kestra, git, KESTRA_WINS.withGuards(Guards.none()), ONE_KIB));

    assertEquals(Action.BLOCKED, change(plan, ResourceKey.namespaceFile("dev", "old.txt")).action(),
        "an entry Kestra could not hand over may be what old.txt was renamed to");
  }

  @Test
  void plan_targetOverTheSizeLimit_isNeitherOverwrittenNorDeleted() {
    Snapshot git = Snapshots.git().namespace("dev").file("dev", "data/big.csv", "x".repeat(2048))
        .file("dev", "gone.bin", "y".repeat(4096)).file("dev", "keep.txt", "a").build();
    Snapshot kestra = Snapshots.kestra().namespace("dev").file("dev", "data/big.csv", "small now")
        .file("dev", "keep.txt", "a").build();

    Plan plan = plan(() -> Planner.plan(kestra, git, KESTRA_WINS.withGuards(Guards.none()), ONE_KIB));

    Change overwrite = change(plan, BIG_FILE);
    assertEquals(Action.BLOCKED, overwrite.action());
    assertEquals(Reason.TOO_LARGE, overwrite.reason());
    Change delete = change(plan, ResourceKey.namespaceFile("dev", "gone.bin"));
    assertEquals(Action.BLOCKED, delete.action());
    assertEquals(Reason.TOO_LARGE, delete.reason());
    assertTrue(diagnostic(plan, ResourceKey.namespaceFile("dev", "gone.bin")).message().contains("not deleted"));
    assertEquals(List.of(), plan.writes(), "nothing is written: " + plan.writes());
  }

  @Test
  void plan_underTheSizeLimit_isUnchanged_byTheLimit() {
    Snapshot kestra = Snapshots.kestra().namespace("dev").file("dev", "data/big.csv", "x".repeat(1024)).build();
    Snapshot git = Snapshots.git().namespace("dev").build();
    assertEquals(Action.CREATE, change(Planner.plan(kestra, git, KESTRA_WINS, ONE_KIB), BIG_FILE).action());
  }

  @Test
  void planOptions_maxResourceBytes_defaultsTo10MiB_andMustBePositive() {
    assertEquals(10L * 1024 * 1024, PlanOptions.defaults().maxResourceBytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PlanOptions.builder().maxResourceBytes(0).build());
    assertTrue(e.getMessage().contains("maxResourceBytes"), e.getMessage());
  }
}
