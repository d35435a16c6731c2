package dev.driftless.cli;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.PlanInput;
import dev.driftless.core.apply.SyncResult;
import dev.driftless.core.codec.PlanJson;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code driftless apply [plan.json]}: applies a saved plan (refused when either side changed since
 * it was made, or when the file no longer shows what planning again gives), or plans and applies
 * with the same options as {@code plan}.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Apply a saved plan, or plan and apply.",
        "A saved plan is applied only if neither side changed since it was made.",
        "Without a plan file, the plan is shown and confirmed first (unless --auto-approve).", ""})
final class ApplyCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN_FILE", description = "A plan saved with 'plan --out'.")
  Path planFile;

  @Mixin
  SideOptions sides;

  @Mixin
  GuardOptions guards;

  @Mixin
  OutputOptions output;

  @Option(names = "--auto-approve", description = "Apply without asking.")
  boolean autoApprove;

  @Option(names = "--approve", paramLabel = "PLAN_ID",
      description = "Approve this exact plan despite a mass-deletion guard (the id the guard names).")
  String approve;

  @Override
  public Integer call() {
    Console console = main.console();
    Plan saved = null;
    SideOptions options = sides;
    Policy policy;
    if (planFile != null) {
      if (sides.git != null || sides.kestra != null || guards.isSet()) {
        throw new UserError("give either a plan file or the options to plan with, not both (a saved plan keeps "
            + "the guard it was made with; --approve its id to let it through)");
      }
      saved = PlanFiles.read(planFile);
      options = SideOptions.from(saved);
      policy = saved.policy();
    } else {
      sides.validate();
      policy = guards.applyTo(sides.policy());
    }
    PlanOptions.Builder planOptions = options.planOptions();
    if (approve != null) {
      planOptions.approvedPlanId(approve);
    }
    try (Session session = Session.open(options, main.env, policy, console, true)) {
      if (saved != null) {
        return applySaved(session, saved, options, planOptions.build());
      }
      SyncResult run = session.sync(planOptions.build(), plan -> output.print(console, plan),
              (plan, result) -> console.out().print(Session.describe(plan, result)))
          .withApproval(plan -> autoApprove || confirm(console, plan))
          .apply();
      if (!run.plan().isApplyable()) {
        console.note("This plan cannot be applied: see the errors above.");
        return 1;
      }
      if (!run.plan().hasWork()) {
        return nothingToApply(console, run.plan());
      }
      if (run.isHeldBack()) {
        console.note("Apply cancelled.");
        return 1;
      }
      return run.isComplete() ? conflictsLeft(console, run.plan()) : 1;
    }
  }

  /**
   * A plan with nothing to write and no baseline to move: 0, unless it leaves two-way conflicts, which
   * only a person (or {@code --on-conflict}) can settle.
   */
  private static int nothingToApply(Console console, Plan plan) {
    if (Conflicts.count(plan) == 0) {
      console.note("No changes to apply.");
      return 0;
    }
    return conflictsLeft(console, plan);
  }

  /** 1 with a note when the plan leaves two-way conflicts unsettled ({@code --on-conflict fail}), else 0. */
  private static int conflictsLeft(Console console, Plan plan) {
    if (Conflicts.count(plan) == 0) {
      return 0;
    }
    console.note(Conflicts.note(plan));
    return 1;
  }

  /**
   * Applies a saved plan, exactly: both sides are read once and planned again as the plan was made;
   * it is applied only if that gives the same plan, and never planned again if the apply ends stale.
   */
  private int applySaved(Session session, Plan saved, SideOptions options, PlanOptions approved) {
    Console console = main.console();
    PlanInput read = session.sync(options.planOptions().build()).read();
    Plan again = session.sync(options.planOptions().build()).plan(read);
    requireSame(saved, again);
    Plan plan = approve == null ? again : session.sync(approved).plan(read);
    if (!plan.isApplyable()) {
      output.print(console, plan);
      console.note("This plan cannot be applied: see the errors above.");
      return 1;
    }
    if (!plan.hasWork()) {
      return nothingToApply(console, plan);
    }
    ApplyResult result = session.apply(plan);
    console.out().print(Session.describe(plan, result));
    return result.isComplete() ? conflictsLeft(console, plan) : 1;
  }

  private boolean confirm(Console console, Plan plan) {
    if (!console.interactive()) {
      throw new UserError("not asking for confirmation on a non-interactive terminal: pass --auto-approve to apply "
          + "plan " + plan.id());
    }
    console.err().print("\nApply plan " + plan.id() + "? " + plan.summary().line()
        + "\n  Only 'yes' will be accepted: ");
    console.err().flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8)).readLine();
      return "yes".equals(answer == null ? "" : answer.strip());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Refuses a saved plan unless planning again, as it was made (without an approval), gives the same
   * plan: the same id (neither side changed) and the same plan in every field shown (diffs, reasons,
   * diagnostics), so that what was reviewed is what is applied even if the file was forged with a
   * matching digest. An approval given now is applied afterwards, to the same snapshots.
   */
  private static void requireSame(Plan saved, Plan again) {
    if (!again.id().equals(saved.id())) {
      throw new UserError("the saved plan " + saved.id() + " is stale: " + whatMoved(saved, again)
          + "; nothing was applied. Plan again.");
    }
    PlanJson.difference(saved, again).ifPresent(field -> {
      throw new UserError("the saved plan " + saved.id() + " does not show what applying it would do: planning"
          + " again from the same states gives another " + field + "; nothing was applied. Plan again.");
    });
  }

  private static String whatMoved(Plan saved, Plan now) {
    StringBuilder out = new StringBuilder();
    if (!saved.git().identity().equals(now.git().identity())) {
      out.append("Git moved from ").append(saved.git().identity()).append(" to ").append(now.git().identity());
    }
    if (!saved.kestra().identity().equals(now.kestra().identity())) {
      out.append(out.length() == 0 ? "" : ", and ").append("Kestra changed (")
          .append(saved.kestra().identity()).append(" is now ").append(now.kestra().identity()).append(')');
    }
    if (!saved.baseline().equals(now.baseline())) {
      out.append(out.length() == 0 ? "" : ", and ").append("the two-way baseline moved (another run synced since)");
    }
    if (out.length() == 0) {
      out.append("planning again gives plan ").append(now.id());
    }
    return out.toString();
  }
}
