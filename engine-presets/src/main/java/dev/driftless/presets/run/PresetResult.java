package dev.driftless.presets.run;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.codec.DiffRows;
import dev.driftless.presets.TaskType;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What running a task did: the plugin's outputs (diff rows, {@code commitId}, {@code commitURL})
 * together with the full plan and the apply outcomes.
 *
 * @param type the task
 * @param plan the last plan made (after retries)
 * @param result the apply of that plan; empty for a dry run, a plan that cannot be applied, or one
 *     with nothing to write
 * @param rows the diff rows in the task's row shape, the plugin's or Driftless's detailed ones
 * @param commitId the Git commit made, if any
 * @param commitUrl where to see it: the forge's commit page, or {@code <web address>/commit/<id>} on other hosts
 * @param attempts how many plans were made (more than one when an apply ended stale)
 * @param dryRun whether the task only planned
 */
public record PresetResult(TaskType type, Plan plan, Optional<ApplyResult> result, List<Map<String, Object>> rows,
    Optional<String> commitId, Optional<String> commitUrl, int attempts, boolean dryRun) {

  public PresetResult {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(result, "result");
    rows = List.copyOf(rows);
    Objects.requireNonNull(commitId, "commitId");
    Objects.requireNonNull(commitUrl, "commitUrl");
  }

  /** The rows as an Ion file, one struct per line, as Kestra stores task outputs. */
  public byte[] ion() {
    return DiffRows.toIon(rows);
  }

  /**
   * Whether the run did what it set out to do: a real run applied everything; a dry run made a plan
   * that can be applied, or one only the mass-deletion guard holds back ({@link #isHeldBack}), since
   * showing that, with the plan id to approve, is what a dry run is for.
   */
  public boolean isSuccess() {
    if (dryRun) {
      return plan.isApplyable() || plan.isHeldOnlyByGuards();
    }
    return plan.isApplyable() && result.map(ApplyResult::isComplete).orElse(true);
  }

  /** Whether the mass-deletion guard holds deletions back: a real run of this plan would fail. */
  public boolean isHeldBack() {
    return plan.changes().stream().anyMatch(c -> c.reason() == Reason.GUARD_MASS_DELETE) && !plan.isApplyable();
  }

  /** The warning a held-back plan gets: what is held, and the id to approve. */
  public String heldBackWarning() {
    long held = plan.changes().stream().filter(c -> c.reason() == Reason.GUARD_MASS_DELETE).count();
    return "The mass-deletion guard holds back " + held + (held == 1 ? " deletion" : " deletions") + " (BLOCKED, "
        + Reason.GUARD_MASS_DELETE.label() + "): a real run of plan " + plan.id() + " fails and writes nothing. "
        + "See the error above for how to let it through.";
  }
}
