package dev.driftless.cli;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.core.render.VisibleText;
import dev.driftless.git.GitSide;
import dev.driftless.kestra.KestraSide;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.presets.run.WritableKinds;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.Map;

/** Both sides opened from the command's options, for one plan and its apply. */
final class Session implements AutoCloseable {

  private final GitSide git;
  private final KestraSide kestra;
  private final Scope scope;
  private final Console console;

  private Session(GitSide git, KestraSide kestra, Scope scope, Console console) {
    this.git = git;
    this.kestra = kestra;
    this.scope = scope;
    this.console = console;
  }

  static Session open(SideOptions options, Map<String, String> env, Policy policy, Console console) {
    GitSide git = GitSide.open(options.gitSettings(env, policy));
    console.progress("Connecting to Kestra at " + options.kestra + " ...");
    KestraSide kestra = KestraSide.open(options.kestraSettings(env, policy));
    console.progress("Connected to " + kestra.server().describeShort());
    console.progressDone();
    return new Session(git, kestra, options.scope(), console);
  }

  /**
   * Reads both sides (saying what it read on standard error) and plans, with Kestra's review of what
   * the plan would write to it. Git is read first, so that Kestra also looks into the namespaces Git
   * holds (a server may not list those holding only files).
   */
  Plan plan(Policy policy, PlanOptions options) {
    return plan(read(policy), policy, options);
  }

  /** Both sides as they are now, read once for one or more plans. */
  Read read(Policy policy) {
    console.progress("Reading Git ...");
    Snapshot gitSnapshot = git.reader().read(scope);
    console.progress("Read " + gitSnapshot.entries().size() + " resources from Git; reading Kestra ...");
    WritableKinds.Narrowed writable = WritableKinds.narrow(scope, policy, kestra.server());
    Snapshot kestraSnapshot = writable.annotate(kestra.reader().read(writable.scope(),
        Planner.kestraNamespacesOf(gitSnapshot, policy)));
    return new Read(gitSnapshot, kestraSnapshot);
  }

  /** Plans from what was read, with Kestra's review. */
  Plan plan(Read read, Policy policy, PlanOptions options) {
    console.progress("Read " + read.git().entries().size() + " resources from Git and "
        + read.kestra().entries().size() + " from Kestra; planning ...");
    Plan plan = Planner.plan(read.git(), read.kestra(), policy, options, kestra.reviewer());
    console.progressDone();
    return plan;
  }

  /** What {@link #read} read of each side. */
  record Read(Snapshot git, Snapshot kestra) {}

  /** Applies, with "k of n applied" progress on standard error. */
  ApplyResult apply(Plan plan) {
    ApplyResult result = Applier.to(git.writer(), kestra.writer())
        .withListener((r, done, total) -> console.progress(done + " of " + total + " applied (" + describe(r) + ")"))
        .apply(plan);
    console.progressDone();
    return result;
  }

  private static String describe(ChangeResult r) {
    return r.outcome() == Outcome.APPLIED ? r.change().key().address()
        : r.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + r.change().key().address();
  }

  /**
   * The result for people, one line per change that did not land. Names and the sides' words are
   * folded onto their line and shown with every character a terminal would act on escaped.
   */
  static String describe(ApplyResult result) {
    StringBuilder out = new StringBuilder();
    if (result.isComplete()) {
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
    kestra.close();
  }
}
