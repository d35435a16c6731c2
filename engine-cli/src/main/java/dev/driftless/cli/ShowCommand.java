package dev.driftless.cli;

import dev.driftless.plan.Plan;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code driftless show plan.json}: renders a saved plan. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a saved plan.")
final class ShowCommand implements Runnable {

  @ParentCommand
  Main main;

  @Parameters(index = "0", paramLabel = "PLAN_FILE", description = "A plan saved with 'plan --out'.")
  Path planFile;

  @Mixin
  OutputOptions output;

  @Override
  public void run() {
    Plan plan = PlanFiles.read(planFile);
    output.print(main.console(), plan);
  }
}
