package dev.driftless.plan;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What would change, why, and from which states: inert data.
 *
 * <p>The id is a hash of the plan's canonical form (the snapshots' identities, the policy and
 * every decision before guards), so the same inputs in any order give the same id, and approving
 * an id approves exactly one state of both sides.
 *
 * <p>A plan made in memory carries the content to write ({@link #payload}); a plan read back from
 * JSON does not ({@link #isExecutable()} is false): to apply a saved plan, plan again from fresh
 * snapshots and check the ids match, and that the new plan shows exactly what the saved one showed
 * (the same diffs, reasons and diagnostics: the id covers the decisions, not their rendering).
 *
 * <p>A two-way plan ({@link Policy#twoWay()}) names the {@link #baseline() baseline} it was made from
 * and has one {@link Reconciliation} per resource it looked at: what each side did since the baseline
 * and what the baseline becomes ({@link #nextBaseline}). It may write both sides of one resource (a
 * merge), so it has one change per side and key rather than per key; every other plan writes each
 * key on one side only.
 */
@Value.Immutable
@ValueStyle
public abstract class Plan {

  /**
   * The format of plan files this version writes: 5 since the guard has a minimum population and
   * an allowance (4 added a two-way plan's baseline and the policy's {@code two_way} and
   * {@code on_conflict}; 3 named a scope's children {@code include_child_namespaces}, as the
   * policy's; 2 sealed plan files with a digest; all are still read).
   */
  public static final int FORMAT_VERSION = 5;

  /** Only the generated implementation extends it. */
  Plan() {}

  public abstract String id();

  public abstract SnapshotRef git();

  public abstract SnapshotRef kestra();

  public abstract Policy policy();

  /** Every decision, in apply order: creates and updates, then deletes, then the rest by key. */
  public abstract List<Change> changes();

  public abstract List<Diagnostic> diagnostics();

  /** Labels recorded by the caller (see {@link PlanOptions#metadata()}). */
  public abstract Map<String, String> metadata();

  /**
   * The content each create and update writes, by target key. Not part of equality or JSON. A
   * two-way plan writing both sides of a key writes the same content to both.
   */
  @Value.Auxiliary
  public abstract Map<ResourceKey, Content> payloads();

  /**
   * The identity of the baseline a two-way plan was made from ({@link Baseline#identity()},
   * {@code none} on a first sync); empty for a one-way plan.
   */
  public abstract Optional<String> baseline();

  /** Per resource of a two-way kind, in key order: what each side did and what the baseline becomes. */
  public abstract List<Reconciliation> reconciliations();

  /**
   * The content of each reconciliation's {@code next} that the baseline does not hold yet, by key.
   * Not part of equality or JSON: a plan read back cannot move a baseline.
   */
  @Value.Auxiliary
  public abstract Map<ResourceKey, Content> agreed();

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutablePlan.Builder {
    Builder() {}
  }

  public SnapshotRef snapshot(Side side) {
    return switch (side) {
      case GIT -> git();
      case KESTRA -> kestra();
    };
  }

  @Value.Lazy
  public Summary summary() {
    return Summary.of(changes());
  }

  /** The changes that write, in apply order. */
  @Value.Lazy
  public List<Change> writes() {
    return changes().stream().filter(c -> c.action().isWrite()).toList();
  }

  public boolean hasWrites() {
    return !writes().isEmpty();
  }

  /** Whether the plan may be applied: it has no error. */
  public boolean isApplyable() {
    return diagnostics().stream().noneMatch(d -> d.severity().blocksApply());
  }

  /**
   * Whether the plan cannot be applied only because the mass-deletion guard holds deletions back
   * (its errors are all the guard's, {@link Guards#FIELD}): approving this
   * plan's id, or a wider guard, would make it applyable. A dry run of such a plan has done its job:
   * it shows what is held back and the id to approve.
   */
  public boolean isHeldOnlyByGuards() {
    List<Diagnostic> errors = errors();
    return !errors.isEmpty() && errors.stream().allMatch(d -> d.field().filter(Guards.FIELD::equals)
        .isPresent());
  }

  public List<Diagnostic> errors() {
    return diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }

  /**
   * Whether every create and update carries its content, and every resource a two-way plan settles
   * to something new carries what the baseline becomes, as plans made in memory do.
   */
  public boolean isExecutable() {
    return writes().stream().filter(c -> c.action().isUpsert()).allMatch(c -> payloads().containsKey(c.key()))
        && reconciliations().stream().filter(r -> r.settled() && r.next().isPresent() && !r.next().equals(r.base()))
            .allMatch(r -> agreed().containsKey(r.key()));
  }

  public Optional<Content> payload(ResourceKey key) {
    return Optional.ofNullable(payloads().get(key));
  }

  /**
   * The changes by target key. A one-way plan has at most one change per key; of a key a two-way plan
   * writes on both sides, this holds the first in plan order ({@link #change(Side, ResourceKey)} finds
   * either).
   */
  @Value.Lazy
  public Map<ResourceKey, Change> byKey() {
    Map<ResourceKey, Change> index = new java.util.HashMap<>();
    for (Change change : changes()) {
      index.putIfAbsent(change.key(), change);
    }
    return java.util.Collections.unmodifiableMap(index);
  }

  public Optional<Change> change(ResourceKey key) {
    return Optional.ofNullable(byKey().get(key));
  }

  /** The change targeting this side at this key. */
  public Optional<Change> change(Side side, ResourceKey key) {
    return changes().stream().filter(c -> c.side() == side && c.key().equals(key)).findFirst();
  }

  /** Whether this plan syncs both ways from a baseline. */
  public boolean isTwoWay() {
    return baseline().isPresent();
  }

  /**
   * Whether applying this plan moves the baseline even where it writes nothing (both sides made the
   * same change, or a first sync found them equal): a two-way plan with a resource settled to
   * something new, or a first sync that settles everything (its baseline is then recorded, even
   * empty). A plan that only moves the baseline is still applied, to record it.
   */
  @Value.Lazy
  public boolean movesBaseline() {
    if (!isTwoWay()) {
      return false;
    }
    if (baseline().get().equals(Baseline.none().identity())) {
      return reconciliations().stream().allMatch(Reconciliation::settled);
    }
    return reconciliations().stream().anyMatch(r -> r.settled() && !r.next().equals(r.base()));
  }

  /** Whether applying this plan does anything: it writes, or it moves the baseline. */
  public boolean hasWork() {
    return hasWrites() || movesBaseline();
  }

  public Optional<Reconciliation> reconciliation(ResourceKey key) {
    return reconciliations().stream().filter(r -> r.key().equals(key)).findFirst();
  }

  /**
   * The baseline once this plan is applied and every write succeeds: {@code planned} with each
   * resource of the plan settled to its {@link Reconciliation#next()}. See
   * {@link #nextBaseline(Baseline, Set)} for an apply that did not write everything.
   */
  public Baseline nextBaseline(Baseline planned) {
    return nextBaseline(planned, Set.of());
  }

  /**
   * The baseline once this plan is applied, when the writes of the keys {@code unsettled} did not all
   * succeed: those keep what {@code planned} holds for them (their edits are seen again next time),
   * every other resource of the plan settles to its {@link Reconciliation#next()}, and resources the
   * plan did not look at keep theirs.
   *
   * <p>From no baseline (a first sync) the result is a recorded baseline only when every resource
   * settled; otherwise it stays {@link Baseline#none()}, so that a difference no baseline could
   * explain is never taken, next time, for a change of one side.
   *
   * @throws IllegalArgumentException when {@code planned} is not the baseline this plan was made from
   * @throws IllegalStateException when the plan is one-way, or was read back and holds no contents
   */
  public Baseline nextBaseline(Baseline planned, Set<ResourceKey> unsettled) {
    if (!isTwoWay()) {
      throw new IllegalStateException("plan " + id() + " is one-way: it has no baseline to move");
    }
    if (!planned.identity().equals(baseline().get())) {
      throw new IllegalArgumentException("plan " + id() + " was made from baseline " + baseline().get()
          + ", not from " + planned.identity());
    }
    Map<ResourceKey, Content> next = new java.util.TreeMap<>(planned.entries());
    boolean allSettled = true;
    for (Reconciliation r : reconciliations()) {
      if (unsettled.contains(r.key()) || !r.settled()) {
        allSettled = false;
        continue;
      }
      if (r.next().equals(r.base())) {
        continue;
      }
      if (r.next().isEmpty()) {
        next.remove(r.key());
      } else {
        Content content = agreed().get(r.key());
        if (content == null) {
          throw new IllegalStateException("plan " + id() + " carries no contents (it was read from JSON): plan again"
              + " from fresh snapshots to move the baseline");
        }
        next.put(r.key(), content);
      }
    }
    return planned.isRecorded() || allSettled ? Baseline.of(next) : Baseline.none();
  }

  @Value.Check
  protected void check() {
    if (git().side() != Side.GIT || kestra().side() != Side.KESTRA) {
      throw new IllegalArgumentException("a plan's snapshots are one Git and one Kestra snapshot");
    }
    Map<ResourceKey, List<Change>> index = new java.util.HashMap<>();
    for (Change change : changes()) {
      List<Change> same = index.computeIfAbsent(change.key(), k -> new java.util.ArrayList<>(1));
      if (same.stream().anyMatch(c -> c.side() == change.side())) {
        throw new IllegalArgumentException("a plan has one change per side and key; " + change.key() + " has two in "
            + change.side().displayName());
      }
      if (!same.isEmpty() && !isTwoWay()) {
        throw new IllegalArgumentException("a one-way plan has one change per key; " + change.key() + " has two");
      }
      same.add(change);
    }
    for (ResourceKey key : payloads().keySet()) {
      List<Change> upserts = index.getOrDefault(key, List.of()).stream().filter(c -> c.action().isUpsert()).toList();
      if (upserts.isEmpty()) {
        throw new IllegalArgumentException("payload for " + key + " has no create or update");
      }
      if (upserts.stream().anyMatch(c -> !c.after().orElseThrow().equals(payloads().get(key).fingerprint()))) {
        throw new IllegalArgumentException("payload for " + key + " does not match the planned fingerprint");
      }
    }
    if (!isTwoWay() && !reconciliations().isEmpty()) {
      throw new IllegalArgumentException("a one-way plan has no reconciliations");
    }
    Map<ResourceKey, Reconciliation> rows = new java.util.HashMap<>();
    for (Reconciliation r : reconciliations()) {
      if (rows.put(r.key(), r) != null) {
        throw new IllegalArgumentException("a plan has one reconciliation per key; " + r.key() + " has two");
      }
    }
    for (Map.Entry<ResourceKey, Content> e : agreed().entrySet()) {
      Reconciliation r = rows.get(e.getKey());
      if (r == null || !r.next().equals(Optional.of(e.getValue().fingerprint()))) {
        throw new IllegalArgumentException("agreed content for " + e.getKey() + " does not match its next baseline");
      }
    }
  }

  @Override
  public String toString() {
    return "Plan " + id() + ": " + summary().line();
  }
}
