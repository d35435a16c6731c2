package dev.driftless.cli;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.Sync;
import dev.driftless.core.apply.SyncListener;
import dev.driftless.core.render.VisibleText;
import dev.driftless.git.GitSide;
import dev.driftless.kestra.KestraSide;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.port.SnapshotReader;
import dev.driftless.presets.run.WritableKinds;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Both sides opened from the command's options, and the engine's one read → plan → apply loop
 * ({@link Sync}) over them, saying on standard error what it reads and applies. A two-way sync
 * keeps its baseline in the Git repository ({@link GitSide#baselines()}).
 */
final class Session implements AutoCloseable {

  /** Said before applying a two-way plan that writes nothing but moves the baseline. */
  static final String RECORDING_THE_BASELINE = "Nothing to write; recording the baseline (what both sides now hold "
      + "alike) in the Git repository.";

  private final KestraSide kestra;
  private final Optional<EarlyRead> early;
  private final Sync sync;
  private final Console console;

  private Session(KestraSide kestra, Optional<EarlyRead> early, Sync sync, Console console) {
    this.kestra = kestra;
    this.early = early;
    this.sync = sync;
    this.console = console;
  }

  static Session open(SideOptions options, Map<String, String> env, Policy policy, Console console) {
    return open(options, env, policy, console, false);
  }

  /**
   * Both sides, and the loop over them. With {@code readGitFirst}, for a command whose first step is
   * reading both sides, Git's branch is fetched and read while Kestra is connected to (not for a
   * two-way sync, whose baseline is read before either side).
   */
  static Session open(SideOptions options, Map<String, String> env, Policy policy, Console console,
      boolean readGitFirst) {
    GitSide git = GitSide.open(options.gitSettings(env, policy));
    Scope scope = options.scope();
    Optional<EarlyRead> early = readGitFirst && !policy.twoWay()
        ? Optional.of(EarlyRead.start(git.reader(), scope)) : Optional.empty();
    console.progress("Connecting to Kestra at " + options.kestra + " ...");
    KestraSide kestra;
    try {
      kestra = KestraSide.open(options.kestraSettings(env, policy));
    } catch (RuntimeException | Error e) {
      early.ifPresent(EarlyRead::close);
      throw e;
    }
    console.progress("Connected to " + kestra.server().describeShort());
    console.timings().step("connect to Kestra");
    console.progressDone();
    SnapshotReader gitReader = early.<SnapshotReader>map(r -> r).orElse(git.reader());
    Sync sync = Sync.between(gitReader, scope, WritableKinds.reader(kestra.reader(), policy, kestra.server()), scope)
        .withPolicy(policy)
        .withReviewer(kestra.reviewer())
        .withWriters(git.writer(), kestra.writer());
    if (policy.twoWay()) {
      // The baseline lives in the Git repository, beside the branch; read before either side.
      sync = sync.withBaseline(git.baselines());
    }
    return new Session(kestra, early, sync.withListener(new Progress(console, plan -> { }, (plan, result) -> { })),
        console);
  }

  /** The loop with these plan options, saying what it does on standard error. */
  Sync sync(PlanOptions options) {
    return sync.withOptions(options);
  }

  /**
   * The loop with these plan options, which also hands each plan, before it is applied, and each
   * apply's result to the command to show.
   */
  Sync sync(PlanOptions options, Consumer<Plan> planned, BiConsumer<Plan, ApplyResult> applied) {
    return sync.withOptions(options).withListener(new Progress(console, planned, applied));
  }

  /**
   * Reads both sides (saying what it read on standard error) and plans, with Kestra's review of what
   * the plan would write to it.
   */
  Plan plan(PlanOptions options) {
    return sync(options).plan();
  }

  /** Applies exactly this plan, with "k of n applied" progress on standard error. */
  ApplyResult apply(Plan plan) {
    return sync.apply(plan);
  }

  /** Says on standard error what the loop reads and applies, and hands plans and results on. */
  private static final class Progress implements SyncListener {
    private final Console console;
    private final Consumer<Plan> planned;
    private final BiConsumer<Plan, ApplyResult> applied;
    private int gitEntries;

    Progress(Console console, Consumer<Plan> planned, BiConsumer<Plan, ApplyResult> applied) {
      this.console = console;
      this.planned = planned;
      this.applied = applied;
    }

    @Override
    public void reading(Side side) {
      if (side == Side.GIT) {
        console.progress("Reading Git ...");
      }
    }

    @Override
    public void read(Snapshot snapshot) {
      console.timings().step(snapshot.side() == Side.GIT ? "read Git (Kestra meanwhile)" : "then Kestra");
      if (snapshot.side() == Side.GIT) {
        gitEntries = snapshot.entries().size();
        console.progress("Read " + gitEntries + " resources from Git; reading Kestra ...");
      } else {
        console.progress("Read " + gitEntries + " resources from Git and " + snapshot.entries().size()
            + " from Kestra; planning ...");
      }
    }

    @Override
    public void planned(Plan plan) {
      console.timings().step("plan");
      console.progressDone();
      planned.accept(plan);
    }

    @Override
    public void applying(Plan plan) {
      if (!plan.hasWrites() && plan.movesBaseline()) {
        console.note(RECORDING_THE_BASELINE);
      }
    }

    @Override
    public void changed(ChangeResult r, int done, int total) {
      console.progress(done + " of " + total + " applied (" + describe(r) + ")");
    }

    @Override
    public void applied(Plan plan, ApplyResult result) {
      console.progressDone();
      applied.accept(plan, result);
    }
  }

  private static String describe(ChangeResult r) {
    return r.outcome() == Outcome.APPLIED ? r.change().key().address()
        : r.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.change().key().address();
  }

  /**
   * The result for people, one line per change that did not land. Names and the sides' words are
   * folded onto their line and shown with every character a terminal would act on escaped. A
   * two-way plan that wrote nothing but moved the baseline says so.
   */
  static String describe(Plan plan, ApplyResult result) {
    StringBuilder out = new StringBuilder();
    if (result.isComplete() && result.results().isEmpty() && plan.movesBaseline()) {
      out.append("Apply complete! Nothing written; the baseline is recorded");
    } else if (result.isComplete()) {
      int n = result.results().size();
      out.append("Apply complete! ").append(n).append(n == 1 ? " change applied" : " changes applied");
    } else {
      out.append("Apply incomplete. ").append(result.line());
    }
    result.commits().values().forEach(c -> out.append("; commit ").append(ErrorLines.oneLine(c.id()))
        .append(c.url().map(u -> " (" + ErrorLines.oneLine(u) + ")").orElse("")));
    out.append('\n');
    for (ChangeResult r : result.results()) {
      if (!r.outcome().isSuccess()) {
        out.append("  ").append(r.outcome().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
            .append(VisibleText.of(r.change().key().address())).append(": ")
            .append(r.cause().map(ErrorLines::oneLine).orElse("")).append('\n');
      }
    }
    result.diagnostics().forEach(d -> out.append("  ").append(ErrorLines.oneLine(d.render())).append('\n'));
    return out.toString();
  }

  @Override
  public void close() {
    early.ifPresent(EarlyRead::close);
    kestra.close();
  }
}
