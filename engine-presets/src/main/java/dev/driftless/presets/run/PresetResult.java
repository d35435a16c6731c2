package dev.driftless.presets.run;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.codec.DiffRows;
import dev.driftless.core.render.VisibleText;
import dev.driftless.presets.TaskType;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.resource.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What running a task did: the plugin's outputs (diff rows, {@code commitId}, {@code commitURL})
 * together with the full plan and the apply outcomes.
 *
 * @param type the task
 * @param plan the last plan made (after retries)
 * @param result the apply of that plan; empty for a dry run, a plan that cannot be applied, or one
 *     with nothing to do (no write, and for a two-way sync no baseline to move: a plan that only
 *     moves the baseline is applied)
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
   * Whether the run did what it set out to do: a real run applied everything and left no two-way
   * conflict ({@link #conflicts}); a dry run made a plan that can be applied, or one only the
   * mass-deletion guard holds back ({@link #isHeldBack}), since showing that, with the plan id to
   * approve, is what a dry run is for. A dry run showing conflicts succeeds for the same reason.
   */
  public boolean isSuccess() {
    if (dryRun) {
      return plan.isApplyable() || plan.isHeldOnlyByGuards();
    }
    return plan.isApplyable() && result.map(ApplyResult::isComplete).orElse(true) && conflicts().isEmpty();
  }

  /**
   * The resources of a two-way sync changed on both sides in ways that could not be merged, and that
   * {@code onConflict: FAIL} leaves as they are on both sides (the first sync's differences too), in
   * plan order. A real run applies the rest and fails with {@link #conflictMessage()}.
   */
  public List<ResourceKey> conflicts() {
    return plan.changes().stream().filter(c -> c.action() == Action.BLOCKED && c.reason().isConflict())
        .map(Change::key).distinct().toList();
  }

  /** What a run with conflicts says: which, why, that nothing of them was written, and what to do. */
  public String conflictMessage() {
    List<ResourceKey> keys = conflicts();
    boolean one = keys.size() == 1;
    boolean firstSync = plan.changes().stream().anyMatch(c -> c.action() == Action.BLOCKED
        && c.reason() == Reason.NO_BASELINE);
    String listed = keys.stream().limit(10).map(k -> VisibleText.of(k.address())).collect(Collectors.joining(", "))
        + (keys.size() > 10 ? " and " + (keys.size() - 10) + " more" : "");
    return keys.size() + (one ? " conflict: " : " conflicts: ") + listed + (firstSync
        ? ". This is the first two-way sync: no baseline says which side changed"
        : ". " + (one ? "It was" : "Each was") + " changed in Git and in Kestra since the last sync, and the changes "
            + "cannot be merged")
        + ". Nothing of " + (one ? "it" : "them") + (dryRun ? " would be written, and a real run fails once the rest "
        + "is applied" : " was written; the rest was applied") + ". The plan shows both sides' changes: make both "
        + "sides equal, or set onConflict: GIT or KESTRA to keep one side's copy.";
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
