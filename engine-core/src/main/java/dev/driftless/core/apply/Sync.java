package dev.driftless.core.apply;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.plan.Planner;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.port.BaselineStore;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.Clock;
import dev.driftless.port.PendingRead;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The one read → plan → apply loop: reads both sides, plans, and applies, re-reading and
 * re-planning a bounded number of times when the apply ends stale (a side changed underneath, a
 * push was rejected). Nothing is ever forced: a retry is a fresh plan against the fresh state, and
 * it is approved again before it is applied. The library, the command line's {@code plan} and
 * {@code apply}, and every preset run through it. Immutable: each {@code with} method returns a new
 * sync.
 *
 * <pre>{@code
 * SyncResult run = Sync.between(gitReader, gitScope, kestraReader, kestraScope)
 *     .withPolicy(policy)
 *     .withWriters(kestraWriter)
 *     .apply();
 * }</pre>
 */
public final class Sync {

  private final Parts parts;

  private Sync(Parts parts) {
    this.parts = parts;
  }

  /**
   * A sync of these scopes with the default policy, no writers (a plan that writes cannot be
   * applied until writers are given), no review, no focus, and three attempts.
   */
  public static Sync between(SnapshotReader git, Scope gitScope, SnapshotReader kestra, Scope kestraScope) {
    if (git.side() != Side.GIT || kestra.side() != Side.KESTRA) {
      throw new IllegalArgumentException("Sync.between takes the Git reader first, then the Kestra reader");
    }
    Parts parts = new Parts();
    parts.git = git;
    parts.gitScope = Objects.requireNonNull(gitScope, "gitScope");
    parts.kestra = kestra;
    parts.kestraScope = Objects.requireNonNull(kestraScope, "kestraScope");
    return new Sync(parts);
  }

  public Sync withPolicy(Policy value) {
    Objects.requireNonNull(value, "policy");
    return with(p -> p.policy = value);
  }

  public Sync withOptions(PlanOptions value) {
    Objects.requireNonNull(value, "options");
    return with(p -> p.options = value);
  }

  /** The writers of the sides a plan writes to. */
  public Sync withWriters(ChangeWriter... value) {
    List<ChangeWriter> writers = List.of(value);
    return with(p -> p.writers = writers);
  }

  /**
   * Where a two-way sync's baseline is kept (the Git side's {@code GitSide.baselines()}): read before
   * either side, planned against, and moved by the writer that keeps it, with its commit. A two-way
   * policy needs it; a one-way sync ignores it.
   */
  public Sync withBaseline(BaselineStore value) {
    Optional<BaselineStore> store = Optional.of(value);
    return with(p -> p.baselines = store);
  }

  /** The target's review of each plan before it is applied (Kestra's: {@code KestraSide.reviewer()}). */
  public Sync withReviewer(PlanReviewer value) {
    Optional<PlanReviewer> reviewer = Optional.of(value);
    return with(p -> p.reviewer = reviewer);
  }

  public Sync withClock(Clock value) {
    Objects.requireNonNull(value, "clock");
    return with(p -> p.clock = value);
  }

  /** Hears each read, plan and apply, and each change's outcome. */
  public Sync withListener(SyncListener value) {
    Objects.requireNonNull(value, "listener");
    return with(p -> p.listener = value);
  }

  /**
   * Narrows what each attempt plans from, after both sides are read and before planning: a task
   * that syncs one file keeps that file and selects what it holds. It may refuse the input by
   * throwing (a file that does not exist), which ends the sync before anything is written.
   */
  public Sync withFocus(UnaryOperator<PlanInput> value) {
    Objects.requireNonNull(value, "focus");
    return with(p -> p.focus = value);
  }

  /**
   * Asks before each plan that writes is applied (a person at a terminal, say); a plan not approved
   * ends the sync unapplied. Without it every plan that can be applied is.
   */
  public Sync withApproval(Predicate<Plan> value) {
    Objects.requireNonNull(value, "approval");
    return with(p -> p.approval = value);
  }

  /** How many times to plan and apply at most, 1 for no retry. */
  public Sync withMaxAttempts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxAttempts >= 1, got " + value);
    }
    return with(p -> p.maxAttempts = value);
  }

  /**
   * Reads both sides, and narrows what was read by the focus. Kestra's read is started first and
   * runs while Git is read (where its reader reads in the background): it also looks into the
   * namespaces Git holds (a server may not list those holding only files), and waits for Git's read
   * only when it needs them, after reading what it lists. The listener hears Git's read, then
   * Kestra's, as if one followed the other. A failure of either read is thrown as it was: Git's
   * first (Kestra's read is then cancelled and waited for), then Kestra's.
   *
   * <p>A two-way sync reads its baseline before either side: a side is never measured against a
   * baseline newer than what was read of it (a baseline older than a side only makes the plan see
   * more edits, which the sides' compare-and-swap then settles).
   *
   * @throws IllegalStateException when the policy is two-way and no baseline store was given
   */
  public PlanInput read() {
    Optional<Baseline> baseline = Optional.empty();
    if (parts.policy.twoWay()) {
      BaselineStore store = parts.baselines.orElseThrow(() -> new IllegalStateException("a two-way sync (source of "
          + "truth BOTH) needs the store of its baseline: give it with withBaseline"));
      baseline = Optional.of(store.read());
    }
    CompletableFuture<Set<String>> gitNamespaces = new CompletableFuture<>();
    PendingRead pending = parts.kestra.start(parts.kestraScope, gitNamespaces::join);
    Snapshot git;
    try {
      parts.listener.reading(Side.GIT);
      git = parts.git.read(parts.gitScope);
      gitNamespaces.complete(Planner.kestraNamespacesOf(git, parts.policy));
      parts.listener.read(git);
    } catch (RuntimeException | Error e) {
      gitNamespaces.completeExceptionally(new IllegalStateException("the Git side's read failed", e));
      pending.cancel();
      throw e;
    }
    parts.listener.reading(Side.KESTRA);
    Snapshot kestra = pending.await();
    parts.listener.read(kestra);
    return parts.focus.apply(new PlanInput(git, kestra, parts.policy, baseline));
  }

  /** Plans from what was read, with the reviewer's review when there is one; writes nothing. */
  public Plan plan(PlanInput input) {
    Plan plan = input.baseline()
        .map(base -> parts.reviewer
            .map(r -> Planner.plan(input.git(), input.kestra(), base, input.policy(), parts.options, r))
            .orElseGet(() -> Planner.plan(input.git(), input.kestra(), base, input.policy(), parts.options)))
        .orElseGet(() -> parts.reviewer
            .map(r -> Planner.plan(input.git(), input.kestra(), input.policy(), parts.options, r))
            .orElseGet(() -> Planner.plan(input.git(), input.kestra(), input.policy(), parts.options)));
    parts.listener.planned(plan);
    return plan;
  }

  /** Reads both sides and plans; writes nothing. */
  public Plan plan() {
    return plan(read());
  }

  /** Reads and plans once, as {@link #apply()} would first, and applies nothing. */
  public SyncResult dryRun() {
    PlanInput input = read();
    return new SyncResult(List.of(new SyncResult.Attempt(input, plan(input), Optional.empty())));
  }

  /**
   * Applies exactly this plan, once, through the writers (a plan that was shown and accepted).
   *
   * @throws IllegalArgumentException when the plan cannot be applied
   */
  public ApplyResult apply(Plan plan) {
    parts.listener.applying(plan);
    ApplyResult result = Applier.to(parts.writers).withClock(parts.clock).withListener(parts.listener).apply(plan);
    parts.listener.applied(plan, result);
    return result;
  }

  /**
   * Reads, plans and applies; when the apply ends stale, reads and plans again from fresh snapshots
   * and applies that, up to the most attempts. Stops at a plan that cannot be applied, has nothing
   * to do (no write, no baseline to move), or is not approved.
   */
  public SyncResult apply() {
    List<SyncResult.Attempt> attempts = new ArrayList<>();
    for (int i = 0; i < parts.maxAttempts; i++) {
      PlanInput input = read();
      Plan plan = plan(input);
      if (!plan.isApplyable() || !plan.hasWork() || !parts.approval.test(plan)) {
        attempts.add(new SyncResult.Attempt(input, plan, Optional.empty()));
        break;
      }
      ApplyResult result = apply(plan);
      attempts.add(new SyncResult.Attempt(input, plan, Optional.of(result)));
      if (!result.isStale()) {
        break;
      }
    }
    return new SyncResult(attempts);
  }

  private Sync with(Consumer<Parts> change) {
    Parts next = parts.copy();
    change.accept(next);
    return new Sync(next);
  }

  /** A sync's settings; each sync owns its copy and never changes it after construction. */
  private static final class Parts {
    SnapshotReader git;
    Scope gitScope;
    SnapshotReader kestra;
    Scope kestraScope;
    Policy policy = Policy.defaults();
    PlanOptions options = PlanOptions.defaults();
    List<ChangeWriter> writers = List.of();
    Optional<BaselineStore> baselines = Optional.empty();
    Optional<PlanReviewer> reviewer = Optional.empty();
    Clock clock = Clock.system();
    SyncListener listener = SyncListener.NONE;
    UnaryOperator<PlanInput> focus = UnaryOperator.identity();
    Predicate<Plan> approval = plan -> true;
    int maxAttempts = 3;

    Parts copy() {
      Parts copy = new Parts();
      copy.git = git;
      copy.gitScope = gitScope;
      copy.kestra = kestra;
      copy.kestraScope = kestraScope;
      copy.policy = policy;
      copy.options = options;
      copy.writers = writers;
      copy.baselines = baselines;
      copy.reviewer = reviewer;
      copy.clock = clock;
      copy.listener = listener;
      copy.focus = focus;
      copy.approval = approval;
      copy.maxAttempts = maxAttempts;
      return copy;
    }
  }
}
