package dev.driftless.cli;

import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Policy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code driftless plan}: what would change, and why. Writes nothing anywhere. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Show what would change between Git and Kestra, and why. Writes nothing.", ""},
    footer = {"", "Exit codes: 0 success (with --detailed-exitcode: no changes), 1 an error or",
        "a plan that cannot be applied, 2 changes present (with --detailed-exitcode): something to",
        "write, a two-way baseline to record, or a two-way conflict left as it is.",
        "A plan only the mass-deletion guard holds back is a plan made: 0 (2 with --detailed-exitcode),",
        "with a warning; applying it fails until it is approved (--approve ID)."})
final class PlanCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Mixin
  SideOptions sides;

  @Mixin
  GuardOptions guards;

  @Mixin
  OutputOptions output;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the plan as JSON, for 'driftless apply FILE'.")
  Path out;

  @Option(names = "--detailed-exitcode",
      description = "Exit 0 when applying would do nothing, 2 when it would (or a two-way conflict is left), 1 on error.")
  boolean detailedExitCode;

  @Override
  public Integer call() {
    sides.validate();
    Policy policy = guards.applyTo(sides.policy());
    Console console = main.console();
    try (Session session = Session.open(sides, main.env, policy, console, true)) {
      Plan plan = session.plan(sides.planOptions().build());
      output.print(console, plan);
      console.timings().step("print the plan");
      console.timings().print(console.err());
      if (out != null) {
        PlanFiles.write(out, plan);
        console.note("Saved the plan to " + out + "; apply exactly this plan with: driftless apply " + out);
      }
      if (plan.isHeldOnlyByGuards()) {
        // A plan shows what the guard holds back and the id to approve: that is a plan made.
        console.note(heldBack(plan));
        return detailedExitCode ? 2 : 0;
      }
      if (!plan.isApplyable()) {
        return 1;
      }
      if (Conflicts.count(plan) > 0) {
        console.note(Conflicts.note(plan));
      }
      return detailedExitCode && (plan.hasWork() || Conflicts.count(plan) > 0) ? 2 : 0;
    }
  }

  /** The warning of a plan only the guard holds back. */
  static String heldBack(Plan plan) {
    long held = plan.changes().stream().filter(c -> c.reason() == Reason.GUARD_MASS_DELETE).count();
    return "Warning: the mass-deletion guard holds back " + held + (held == 1 ? " deletion" : " deletions")
        + " (BLOCKED): applying plan " + plan.id() + " fails and writes nothing until it is approved with --approve "
        + plan.id() + " (see the error above for the other ways through).";
  }
}
