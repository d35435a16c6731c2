package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.Policy;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Exclusion;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import dev.driftless.testkit.fixture.Snapshots;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A key a snapshot leaves out of the sync (a Git {@code .kestraignore}) is outside the plan on both
 * sides: never created, updated or deleted, whichever side is the source, and only counted.
 */
class PlannerExclusionTest {

  private static final ResourceKey KEPT = ResourceKey.flow("dev", "kept");
  private static final ResourceKey IGNORED = ResourceKey.flow("dev", "ignored");
  private static final ResourceKey IGNORED_TOO = ResourceKey.flow("dev", "ignored_too");
  private static final Exclusion IGNORE_FILE = key -> key.name().startsWith("ignored")
      ? Optional.of("ignored by .kestraignore") : Optional.empty();

  private static Policy policy(Side source) {
    return Policy.builder().sourceOfTruth(source).guards(Guards.none()).build();
  }

  private static Set<ResourceKey> keys(Plan plan) {
    return Set.copyOf(plan.changes().stream().map(Change::key).toList());
  }

  private static void assertCounted(Plan plan, String text) {
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.severity() == Severity.INFO && d.message().equals(text)
        && d.side().equals(Optional.of(Side.GIT))),
        () -> "no info '" + text + "' in " + plan.diagnostics().stream().map(Diagnostic::render).toList());
  }

  @Test
  void gitAsSource_neverDeletesAKestraResourceWhoseGitPathIsIgnored() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "kept")).build().withExclusion(IGNORE_FILE);
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "kept"))
        .flow(Flows.flow("dev", "ignored")).flow(Flows.flow("dev", "ignored_too")).flow(Flows.flow("dev", "gone"))
        .build();

    Plan plan = Planner.plan(git, kestra, policy(Side.GIT));

    assertEquals(Set.of(KEPT, ResourceKey.flow("dev", "gone")), keys(plan), plan.changes().toString());
    assertEquals(Action.DELETE, plan.change(ResourceKey.flow("dev", "gone")).orElseThrow().action());
    assertCounted(plan, "2 flow(s) left out of the plan: ignored by .kestraignore");
  }

  @Test
  void kestraAsSource_neverWritesToAnIgnoredGitPath_norDeletesAnIgnoredGitFile() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "ignored_too")).build()
        .withExclusion(IGNORE_FILE);
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "kept"))
        .flow(Flows.flow("dev", "ignored").comment("changed in Kestra")).build();

    Plan plan = Planner.plan(kestra, git, policy(Side.KESTRA));

    assertEquals(Set.of(KEPT), keys(plan), plan.changes().toString());
    assertEquals(Action.CREATE, plan.change(KEPT).orElseThrow().action());
    assertCounted(plan, "2 flow(s) left out of the plan: ignored by .kestraignore");
  }

  @Test
  void anIgnoredKeyPresentOnBothSides_isLeftOut_andCountedOnce() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "ignored")).build()
        .withExclusion(IGNORE_FILE);
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "ignored").comment("other"))
        .build();

    for (Side source : Side.values()) {
      Plan plan = Planner.plan(git, kestra, policy(source));
      assertEquals(List.of(), plan.changes(), source + " as source");
      assertCounted(plan, "1 flow(s) left out of the plan: ignored by .kestraignore");
    }
  }

  @Test
  void theExclusion_answersForKeysOfItsOwnSide_underANamespaceMapping() {
    Exclusion devIgnored = key -> key.namespace().equals("dev") && key.name().equals("ignored")
        ? Optional.of("ignored by .kestraignore") : Optional.empty();
    Snapshot git = Snapshots.git().namespace("dev").build().withExclusion(devIgnored);
    Snapshot kestra = Snapshots.kestra().namespace("prod").flow(Flows.flow("prod", "ignored"))
        .flow(Flows.flow("prod", "other")).build();
    Policy mapped = policy(Side.GIT).withNamespaceMapping(NamespaceMapping.of("dev", "prod"));

    Plan plan = Planner.plan(git, kestra, mapped);

    assertEquals(Set.of(ResourceKey.flow("prod", "other")), keys(plan), plan.changes().toString());
  }

  @Test
  void aPlanWithKeysLeftOut_savesAndLoads_withNoRowForThem() {
    Snapshot git = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "kept")).build().withExclusion(IGNORE_FILE);
    Snapshot kestra = Snapshots.kestra().namespace("dev").flow(Flows.flow("dev", "ignored")).build();
    Plan plan = Planner.plan(git, kestra, policy(Side.GIT));

    Plan loaded = PlanJson.read(PlanJson.write(plan));

    assertEquals(plan.id(), loaded.id());
    assertEquals(Set.of(KEPT), keys(loaded));
    assertTrue(loaded.isApplyable());
  }

  @Test
  void theExclusion_takesNoPartInTheSnapshotsValue() {
    Snapshot plain = Snapshots.git().namespace("dev").flow(Flows.flow("dev", "kept")).build();
    Snapshot excluding = plain.withExclusion(IGNORE_FILE);

    assertEquals(plain, excluding);
    assertEquals(plain.identity(), excluding.identity());
    assertEquals(Optional.empty(), plain.exclusion().reason(IGNORED));
    assertEquals(Optional.of("ignored by .kestraignore"), excluding.exclusion().reason(IGNORED_TOO));
  }
}
