package dev.driftless.plan;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
@Value.Immutable
@ValueStyle
public abstract class Plan {

  /**
   * The format of plan files this version writes: 4 since the guard has a minimum population and
   * an allowance (3 named a scope's children {@code include_child_namespaces}, as the policy's; 2
   * sealed plan files with a digest; both are still read).
   */
  public static final int FORMAT_VERSION = 4;

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

  /** The content each create and update writes, by target key. Not part of equality or JSON. */
  @Value.Auxiliary
  public abstract Map<ResourceKey, Content> payloads();

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

  /** Whether every create and update carries its content, as plans made in memory do. */
  public boolean isExecutable() {
    return writes().stream().filter(c -> c.action().isUpsert()).allMatch(c -> payloads().containsKey(c.key()));
  }

  public Optional<Content> payload(ResourceKey key) {
    return Optional.ofNullable(payloads().get(key));
  }

  /** The changes by target key; a key has at most one change. */
  @Value.Lazy
  public Map<ResourceKey, Change> byKey() {
    Map<ResourceKey, Change> index = new java.util.HashMap<>();
    for (Change change : changes()) {
      index.put(change.key(), change);
    }
    return java.util.Collections.unmodifiableMap(index);
  }

  public Optional<Change> change(ResourceKey key) {
    return Optional.ofNullable(byKey().get(key));
  }

  @Value.Check
  protected void check() {
    if (git().side() != Side.GIT || kestra().side() != Side.KESTRA) {
      throw new IllegalArgumentException("a plan's snapshots are one Git and one Kestra snapshot");
    }
    Map<ResourceKey, Change> index = new java.util.HashMap<>();
    for (Change change : changes()) {
      if (index.put(change.key(), change) != null) {
        throw new IllegalArgumentException("a plan has one change per key; " + change.key() + " has two");
      }
    }
    for (ResourceKey key : payloads().keySet()) {
      Optional<Change> change = Optional.ofNullable(index.get(key));
      if (change.isEmpty() || !change.get().action().isUpsert()) {
        throw new IllegalArgumentException("payload for " + key + " has no create or update");
      }
      if (!change.get().after().orElseThrow().equals(payloads().get(key).fingerprint())) {
        throw new IllegalArgumentException("payload for " + key + " does not match the planned fingerprint");
      }
    }
  }

  @Override
  public String toString() {
    return "Plan " + id() + ": " + summary().line();
  }
}
