package dev.driftless.plan;

import dev.driftless.style.ValueStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** Settings of one planning run that are not policy: approvals and how diffs are drawn. */
@Value.Immutable
@ValueStyle
public abstract class PlanOptions {

  /**
   * The id of a plan the caller has reviewed and approves despite a guard. Only a plan with exactly
   * this id passes the guards; any other plan is held back as usual.
   */
  public abstract Optional<String> approvedPlanId();

  /** Lines of context around each hunk of a diff. */
  @Value.Default
  public int diffContextLines() {
    return 3;
  }

  /** The longest diff kept per change; longer ones are cut with a note. */
  @Value.Default
  public int maxDiffLines() {
    return 400;
  }

  @Value.Default
  public boolean includeDiffs() {
    return true;
  }

  /**
   * Labels recorded in the plan (where the snapshots came from, the command line) so that a saved
   * plan can be re-checked later. Never credentials.
   */
  public abstract Map<String, String> metadata();

  /**
   * Writes the target side said it cannot take as they are ({@link dev.driftless.port.PlanReviewer}),
   * by the key written, each with the side's reason: each such write is planned as
   * {@link Action#BLOCKED} with {@link Reason#TARGET_REFUSES} and a warning carrying the reason. The
   * rest of the plan goes ahead.
   */
  public abstract Map<dev.driftless.resource.ResourceKey, String> refusedWrites();

  /** Diagnostics a side's review adds to the plan (notes on writes it accepts). */
  public abstract java.util.List<dev.driftless.diagnostic.Diagnostic> reviewNotes();

  /** These options with a side's review added (its refusals and notes join any already here). */
  public PlanOptions withReview(Map<dev.driftless.resource.ResourceKey, String> refusals,
      java.util.List<dev.driftless.diagnostic.Diagnostic> notes) {
    Map<dev.driftless.resource.ResourceKey, String> allRefusals = new java.util.LinkedHashMap<>(refusedWrites());
    allRefusals.putAll(refusals);
    java.util.List<dev.driftless.diagnostic.Diagnostic> allNotes = new java.util.ArrayList<>(reviewNotes());
    allNotes.addAll(notes);
    Builder copy = builder();
    approvedPlanId().ifPresent(copy::approvedPlanId);
    return copy.diffContextLines(diffContextLines()).maxDiffLines(maxDiffLines()).includeDiffs(includeDiffs())
        .putAllMetadata(metadata()).putAllRefusedWrites(allRefusals).addAllReviewNotes(allNotes).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static PlanOptions defaults() {
    return builder().build();
  }

  public static class Builder extends ImmutablePlanOptions.Builder {}

  @Value.Check
  protected void check() {
    if (diffContextLines() < 0 || maxDiffLines() < 1) {
      throw new IllegalArgumentException("diffContextLines >= 0 and maxDiffLines >= 1");
    }
  }
}
