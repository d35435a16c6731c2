package dev.driftless.cli;

import dev.driftless.plan.Plan;
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
        "a plan that cannot be applied, 2 changes present (with --detailed-exitcode)."})
final class PlanCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Mixin
  SideOptions sides;

  @Mixin
  OutputOptions output;

  @Option(names = "--out", paramLabel = "FILE", description = "Save the plan as JSON, for 'driftless apply FILE'.")
  Path out;

  @Option(names = "--detailed-exitcode", description = "Exit 0 when nothing changes, 2 when something does, 1 on error.")
  boolean detailedExitCode;

  @Override
  public Integer call() {
    sides.validate();
    Policy policy = sides.policy();
    Console console = main.console();
    try (Session session = Session.open(sides, main.env, policy, console)) {
      Plan plan = session.plan(sides.planOptions().build());
      output.print(console, plan);
      if (out != null) {
        PlanFiles.write(out, plan);
        console.note("Saved the plan to " + out + "; apply exactly this plan with: driftless apply " + out);
      }
      if (!plan.isApplyable()) {
        return 1;
      }
      return detailedExitCode && plan.hasWrites() ? 2 : 0;
    }
  }
}
