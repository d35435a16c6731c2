package dev.driftless.core.apply;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.internal.apply.ApplyRun;
import dev.driftless.plan.Plan;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.Clock;
import dev.driftless.resource.Side;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a plan: exactly its writes, never a re-diff.
 *
 * <p>Each write checks the target still holds what the plan saw (compare-and-swap) and ends
 * {@code APPLIED}, {@code FAILED}, {@code STALE} or {@code SKIPPED}; deletions run only after every
 * create and update succeeded; what was written is read back. The result is partial by design:
 * re-planning afterwards plans just what is left. {@link ApplyResult#orThrow()} is the throwing
 * convenience.
 *
 * @see dev.driftless.core.internal.apply.ApplyRun for the order of operations
 */
public final class Applier {

  private final Map<Side, ChangeWriter> writers;
  private final Clock clock;
  private final ApplyListener listener;

  private Applier(Map<Side, ChangeWriter> writers, Clock clock, ApplyListener listener) {
    this.writers = writers;
    this.clock = clock;
    this.listener = listener;
  }

  /** An applier writing through these writers, at most one per side. */
  public static Applier to(ChangeWriter... writers) {
    return to(List.of(writers));
  }

  public static Applier to(List<ChangeWriter> writers) {
    Map<Side, ChangeWriter> bySide = new EnumMap<>(Side.class);
    for (ChangeWriter writer : writers) {
      if (bySide.put(writer.side(), writer) != null) {
        throw new IllegalArgumentException("two " + writer.side().displayName() + " writers given; one per side");
      }
    }
    return new Applier(Map.copyOf(bySide), Clock.system(), ApplyListener.NONE);
  }

  /** The clock the result's timestamps come from. */
  public Applier withClock(Clock otherClock) {
    return new Applier(writers, Objects.requireNonNull(otherClock, "clock"), listener);
  }

  /** Told about each change as its outcome is known, for progress reports. */
  public Applier withListener(ApplyListener otherListener) {
    return new Applier(writers, clock, Objects.requireNonNull(otherListener, "listener"));
  }

  /**
   * Applies the plan.
   *
   * @throws IllegalStateException when the plan has errors or carries no content (read from JSON)
   * @throws IllegalArgumentException when the plan writes to a side no writer was given for
   */
  public ApplyResult apply(Plan plan) {
    return ApplyRun.apply(plan, writers, clock, listener);
  }
}
