package dev.driftless.core.apply;

import dev.driftless.apply.ApplyResult;
import dev.driftless.plan.Plan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a {@link Sync} did: every attempt, the last one deciding. */
public record SyncResult(List<Attempt> attempts) {

  /** What one plan was made from, the plan, and its apply when it was applied. */
  public record Attempt(PlanInput input, Plan plan, Optional<ApplyResult> result) {
    public Attempt {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(result, "result");
    }
  }

  public SyncResult {
    attempts = List.copyOf(attempts);
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("a sync result has at least one attempt");
    }
  }

  public Attempt last() {
    return attempts.get(attempts.size() - 1);
  }

  public Plan plan() {
    return last().plan();
  }

  public Optional<ApplyResult> result() {
    return last().result();
  }

  /**
   * Whether the last plan could be applied and had work (writes, or a baseline to move), but was
   * not (a dry run, or not approved).
   */
  public boolean isHeldBack() {
    return plan().isApplyable() && plan().hasWork() && result().isEmpty();
  }

  /** Whether the last plan was applied in full, or had nothing to do. */
  public boolean isComplete() {
    return plan().isApplyable() && result().map(ApplyResult::isComplete).orElse(!plan().hasWork());
  }
}
