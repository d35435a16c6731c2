package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import dev.driftless.testkit.fixture.Snapshots;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's decision for one resource, for every combination of source of truth, presence on
 * the two sides, {@code whenMissingInSource}, protection and kind.
 *
 * <p>The expected column is the specification, written out as a table in {@link #EXPECTED}; each
 * row of it expands to both sources of truth and every kind. Guards are off here (they are tested
 * on their own): with one resource per plan, every delete would otherwise delete "everything".
 */
class DecisionTableTest {

  /** Where the resource is, seen from the source of truth. */
  enum Presence {
    BOTH_EQUAL("equal on both sides"),
    BOTH_DIFFERENT("different on the two sides"),
    SOURCE_ONLY("only in the source"),
    TARGET_ONLY("only in the target"),
    UNREADABLE_SOURCE("unreadable in the source"),
    UNREADABLE_TARGET("unreadable in the target"),
    INVALID_SOURCE("invalid in the source"),
    INVALID_TARGET("invalid in the target");

    final String phrase;

    Presence(String phrase) {
      this.phrase = phrase;
    }
  }

  /** {@code null} in whenMissing or protect means "any". */
  private record Expectation(Presence presence, WhenMissing whenMissing, Boolean protect, Action action, Reason reason) {}

  private static final List<Expectation> EXPECTED = List.of(
      // presence                     whenMissing          protected  action             reason
      new Expectation(Presence.BOTH_EQUAL, null, null, Action.NO_OP, Reason.IN_SYNC),
      new Expectation(Presence.BOTH_DIFFERENT, null, null, Action.UPDATE, Reason.CONTENT_CHANGED),
      new Expectation(Presence.SOURCE_ONLY, null, null, Action.CREATE, Reason.MISSING_IN_TARGET),
      new Expectation(Presence.TARGET_ONLY, WhenMissing.DELETE, false, Action.DELETE, Reason.MISSING_IN_SOURCE),
      new Expectation(Presence.TARGET_ONLY, WhenMissing.KEEP, false, Action.KEEP, Reason.POLICY_KEEP),
      new Expectation(Presence.TARGET_ONLY, WhenMissing.FAIL, false, Action.BLOCKED, Reason.POLICY_FAIL),
      new Expectation(Presence.TARGET_ONLY, null, true, Action.PROTECTED, Reason.PROTECTED_NAMESPACE),
      new Expectation(Presence.UNREADABLE_SOURCE, null, null, Action.BLOCKED, Reason.UNREADABLE),
      new Expectation(Presence.UNREADABLE_TARGET, null, null, Action.BLOCKED, Reason.UNREADABLE),
      new Expectation(Presence.INVALID_SOURCE, null, null, Action.BLOCKED, Reason.INVALID_SOURCE),
      new Expectation(Presence.INVALID_TARGET, null, null, Action.BLOCKED, Reason.INVALID_TARGET));

  private static final Set<ResourceKind> KINDS = EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE,
      ResourceKind.DASHBOARD, ResourceKind.APP, ResourceKind.TEST);

  record Row(Side source, Presence presence, WhenMissing whenMissing, boolean protect, ResourceKind kind,
      Action action, Reason reason) {}

  static Stream<Arguments> rows() {
    List<Arguments> rows = new ArrayList<>();
    for (Side source : Side.values()) {
      for (Presence presence : Presence.values()) {
        for (WhenMissing whenMissing : WhenMissing.values()) {
          for (boolean protect : new boolean[] {false, true}) {
            for (ResourceKind kind : KINDS) {
              Expectation e = expectation(presence, whenMissing, protect);
              Row row = new Row(source, presence, whenMissing, protect, kind, e.action(), e.reason());
              String name = String.format("%s is the source; %s %s; whenMissingInSource %s; %s -> %s (%s)",
                  source.displayName(), kind.label(), presence.phrase, whenMissing,
                  protect ? "protected" : "not protected", e.action().label(), e.reason().label());
              rows.add(Arguments.of(Named.of(name, row)));
            }
          }
        }
      }
    }
    return rows.stream();
  }

  private static Expectation expectation(Presence presence, WhenMissing whenMissing, boolean protect) {
    return EXPECTED.stream()
        .filter(e -> e.presence() == presence)
        .filter(e -> e.whenMissing() == null || e.whenMissing() == whenMissing)
        .filter(e -> e.protect() == null || e.protect() == protect)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no expectation for " + presence + " " + whenMissing + " " + protect));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decide(Row row) {
    ResourceKey key = key(row.kind());
    Snapshots source = Snapshots.of(row.source()).scope(scope());
    Snapshots target = Snapshots.of(row.source().other()).scope(scope());
    switch (row.presence()) {
      case BOTH_EQUAL -> {
        source.with(key, text(key, "one"));
        target.with(key, text(key, "one"));
      }
      case BOTH_DIFFERENT -> {
        source.with(key, text(key, "one"));
        target.with(key, text(key, "two"));
      }
      case SOURCE_ONLY -> source.with(key, text(key, "one"));
      case TARGET_ONLY -> target.with(key, text(key, "one"));
      case UNREADABLE_SOURCE -> {
        source.unreadable(key, "permission denied");
        target.with(key, text(key, "one"));
      }
      case UNREADABLE_TARGET -> {
        source.with(key, text(key, "one"));
        target.unreadable(key, "permission denied");
      }
      case INVALID_SOURCE -> {
        source.invalid(key, "line 3: mapping values are not allowed here");
        target.with(key, text(key, "one"));
      }
      case INVALID_TARGET -> {
        source.with(key, text(key, "one"));
        target.invalid(key, "line 3: mapping values are not allowed here");
      }
    }
    Policy policy = Policy.builder()
        .sourceOfTruth(row.source())
        .whenMissingInSource(row.whenMissing())
        .protectedNamespaces(row.protect() ? Set.of("system", "dev", ResourceKey.GLOBAL) : Set.of("system"))
        .guards(Guards.none())
        .build();
    Snapshot s = source.build();
    Snapshot t = target.build();
    Plan plan = Planner.plan(s, t, policy);

    assertEquals(1, plan.changes().size(), () -> "one change per key: " + plan.changes());
    Change change = plan.changes().get(0);
    assertEquals(key, change.key());
    assertEquals(row.source().other(), change.side(), "a change is written to the target side");
    assertEquals(row.action(), change.action(), () -> "action, with diagnostics " + plan.diagnostics());
    assertEquals(row.reason(), change.reason());
    // Only FAIL with something missing, and invalid input under onInvalidSyntax: FAIL (the default), stop a plan.
    boolean applyable = row.reason() != Reason.POLICY_FAIL && row.reason() != Reason.INVALID_SOURCE;
    assertEquals(applyable, plan.isApplyable(), () -> "applyable, with diagnostics " + plan.diagnostics());
    if (change.action() == Action.BLOCKED) {
      assertTrue(plan.diagnostics().stream().anyMatch(d -> d.key().map(key::equals).orElse(true)),
          () -> "a blocked change is explained by a diagnostic: " + plan.diagnostics());
    }
  }

  private static Scope scope() {
    return Scope.namespaces(List.of("dev"), false, KINDS);
  }

  private static ResourceKey key(ResourceKind kind) {
    return switch (kind) {
      case FLOW -> ResourceKey.flow("dev", "hello_world");
      case NAMESPACE_FILE -> ResourceKey.namespaceFile("dev", "scripts/main.py");
      case DASHBOARD -> ResourceKey.dashboard("overview");
      case APP -> ResourceKey.app("dev", "form");
      case TEST -> ResourceKey.test("dev", "smoke");
      case EXECUTION_FILE -> throw new IllegalArgumentException("not planned in this table");
    };
  }

  private static Content text(ResourceKey key, String variant) {
    return Content.ofText(switch (key.kind()) {
      case FLOW -> Flows.flow("dev", key.name()).log("say", variant).yaml();
      case NAMESPACE_FILE -> "print('" + variant + "')\n";
      case DASHBOARD -> "id: " + key.name() + "\ntitle: " + variant + "\ncharts: []\n";
      case APP -> "id: " + key.name() + "\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: dev\nflowId: hello_world\n"
          + "displayName: " + variant + "\n";
      case TEST -> "id: " + key.name() + "\nnamespace: dev\nflowId: hello_world\ntestCases:\n  - id: " + variant + "\n"
          + "    type: io.kestra.core.tests.flow.UnitTest\n";
      case EXECUTION_FILE -> throw new IllegalArgumentException("not planned in this table");
    });
  }
}
