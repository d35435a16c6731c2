package dev.driftless.presets.run;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.codec.DiffRows;
import dev.driftless.presets.TaskType;
import dev.driftless.plan.Plan;
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
 */
public record PresetResult(TaskType type, Plan plan, Optional<ApplyResult> result, List<Map<String, Object>> rows,
    Optional<String> commitId, Optional<String> commitUrl, int attempts) {

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

  /** Whether the run did what it set out to do: a dry run planned, a real run applied everything. */
  public boolean isSuccess() {
    return plan.isApplyable() && result.map(ApplyResult::isComplete).orElse(true);
  }
}
