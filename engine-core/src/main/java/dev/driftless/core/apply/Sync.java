package dev.driftless.core.apply;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.plan.Planner;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.Clock;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads both sides, plans, and (unless it is a dry run) applies, re-reading and re-planning a
 * bounded number of times when the apply ends stale (a side changed underneath, a push was
 * rejected). Nothing is ever forced: a retry is a fresh plan against the fresh state.
 *
 * <pre>{@code
 * SyncRun run = Sync.between(gitReader, gitScope, kestraReader, kestraScope)
 *     .policy(policy)
 *     .writers(kestraWriter)
 *     .apply();
 * }</pre>
 */
public final class Sync {

  private final SnapshotReader git;
  private final Scope gitScope;
  private final SnapshotReader kestra;
  private final Scope kestraScope;
  private Policy policy = Policy.defaults();
  private PlanOptions options = PlanOptions.defaults();
  private List<ChangeWriter> writers = List.of();
  private Optional<PlanReviewer> reviewer = Optional.empty();
  private Clock clock = Clock.system();
  private int maxAttempts = 3;

  private Sync(SnapshotReader git, Scope gitScope, SnapshotReader kestra, Scope kestraScope) {
    if (git.side() != Side.GIT || kestra.side() != Side.KESTRA) {
      throw new IllegalArgumentException("Sync.between takes the Git reader first, then the Kestra reader");
    }
    this.git = git;
    this.gitScope = Objects.requireNonNull(gitScope, "gitScope");
    this.kestra = kestra;
    this.kestraScope = Objects.requireNonNull(kestraScope, "kestraScope");
  }

  public static Sync between(SnapshotReader git, Scope gitScope, SnapshotReader kestra, Scope kestraScope) {
    return new Sync(git, gitScope, kestra, kestraScope);
  }

  public Sync policy(Policy value) {
    this.policy = Objects.requireNonNull(value, "policy");
    return this;
  }

  public Sync options(PlanOptions value) {
    this.options = Objects.requireNonNull(value, "options");
    return this;
  }

  public Sync writers(ChangeWriter... value) {
    this.writers = List.of(value);
    return this;
  }

  /** The target's review of each plan before it is applied (Kestra's: {@code KestraSide.reviewer()}). */
  public Sync reviewer(PlanReviewer value) {
    this.reviewer = Optional.of(value);
    return this;
  }

  public Sync clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** How many times to plan and apply at most, 1 for no retry. */
  public Sync maxAttempts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxAttempts >= 1, got " + value);
    }
    this.maxAttempts = value;
    return this;
  }

  /**
   * Reads both sides (Git first, so that Kestra also looks into the namespaces Git holds) and plans,
   * with the reviewer's review when there is one; writes nothing.
   */
  public Plan plan() {
    Snapshot gitSnapshot = git.read(gitScope);
    Snapshot kestraSnapshot = kestra.read(kestraScope, Planner.kestraNamespacesOf(gitSnapshot, policy));
    return reviewer.map(r -> Planner.plan(gitSnapshot, kestraSnapshot, policy, options, r))
        .orElseGet(() -> Planner.plan(gitSnapshot, kestraSnapshot, policy, options));
  }

  /**
   * Plans and applies; when the apply ends stale, plans again from fresh snapshots and applies
   * that, up to {@link #maxAttempts}. Stops at a plan that cannot be applied or has nothing to write.
   */
  public SyncRun apply() {
    Applier applier = Applier.to(writers).withClock(clock);
    List<SyncRun.Attempt> attempts = new ArrayList<>();
    for (int i = 0; i < maxAttempts; i++) {
      Plan plan = plan();
      if (!plan.isApplyable() || !plan.hasWrites()) {
        attempts.add(new SyncRun.Attempt(plan, Optional.empty()));
        break;
      }
      ApplyResult result = applier.apply(plan);
      attempts.add(new SyncRun.Attempt(plan, Optional.of(result)));
      if (!result.isStale()) {
        break;
      }
    }
    return new SyncRun(attempts);
  }
}
