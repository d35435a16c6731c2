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
