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
 * rejected). Nothing is ever forced: a retry is a fresh plan against the fresh state. Immutable:
 * each {@code with} method returns a new sync.
 *
 * <pre>{@code
 * SyncRun run = Sync.between(gitReader, gitScope, kestraReader, kestraScope)
 *     .withPolicy(policy)
 *     .withWriters(kestraWriter)
 *     .apply();
 * }</pre>
 */
public final class Sync {

  private final SnapshotReader git;
  private final Scope gitScope;
  private final SnapshotReader kestra;
  private final Scope kestraScope;
  private final Policy policy;
  private final PlanOptions options;
  private final List<ChangeWriter> writers;
  private final Optional<PlanReviewer> reviewer;
  private final Clock clock;
  private final int maxAttempts;

  private Sync(SnapshotReader git, Scope gitScope, SnapshotReader kestra, Scope kestraScope, Policy policy,
      PlanOptions options, List<ChangeWriter> writers, Optional<PlanReviewer> reviewer, Clock clock, int maxAttempts) {
    this.git = git;
    this.gitScope = gitScope;
    this.kestra = kestra;
    this.kestraScope = kestraScope;
    this.policy = policy;
    this.options = options;
    this.writers = writers;
    this.reviewer = reviewer;
    this.clock = clock;
    this.maxAttempts = maxAttempts;
  }

  /** A sync of these scopes with the default policy, no writers (plans only), and three attempts. */
  public static Sync between(SnapshotReader git, Scope gitScope, SnapshotReader kestra, Scope kestraScope) {
    if (git.side() != Side.GIT || kestra.side() != Side.KESTRA) {
      throw new IllegalArgumentException("Sync.between takes the Git reader first, then the Kestra reader");
    }
    return new Sync(git, Objects.requireNonNull(gitScope, "gitScope"), kestra,
        Objects.requireNonNull(kestraScope, "kestraScope"), Policy.defaults(), PlanOptions.defaults(), List.of(),
        Optional.empty(), Clock.system(), 3);
  }

  public Sync withPolicy(Policy value) {
    return new Sync(git, gitScope, kestra, kestraScope, Objects.requireNonNull(value, "policy"), options, writers,
        reviewer, clock, maxAttempts);
  }

  public Sync withOptions(PlanOptions value) {
    return new Sync(git, gitScope, kestra, kestraScope, policy, Objects.requireNonNull(value, "options"), writers,
        reviewer, clock, maxAttempts);
  }

  /** The writers of the sides a plan writes to. */
  public Sync withWriters(ChangeWriter... value) {
    return new Sync(git, gitScope, kestra, kestraScope, policy, options, List.of(value), reviewer, clock, maxAttempts);
  }

  /** The target's review of each plan before it is applied (Kestra's: {@code KestraSide.reviewer()}). */
  public Sync withReviewer(PlanReviewer value) {
    return new Sync(git, gitScope, kestra, kestraScope, policy, options, writers,
        Optional.of(Objects.requireNonNull(value, "reviewer")), clock, maxAttempts);
  }

  public Sync withClock(Clock value) {
    return new Sync(git, gitScope, kestra, kestraScope, policy, options, writers, reviewer,
        Objects.requireNonNull(value, "clock"), maxAttempts);
  }

  /** How many times to plan and apply at most, 1 for no retry. */
  public Sync withMaxAttempts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxAttempts >= 1, got " + value);
    }
    return new Sync(git, gitScope, kestra, kestraScope, policy, options, writers, reviewer, clock, value);
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
