package dev.driftless.plan;

import dev.driftless.style.ValueStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Settings of one planning run that are not policy: approvals, how diffs are drawn, and the size
 * limit every resource is held to.
 *
 * <p>Planning is bounded whatever the inputs. A resource larger than {@link #maxResourceBytes()}
 * on either side is blocked, never written, overwritten or deleted. A diff is drawn only for
 * contents up to {@link #maxDiffBytes()} with lines up to {@link #MAX_DIFF_LINE_CHARS} characters
 * and at most {@link #maxDiffChangedLines()} changed lines; past these the change keeps its action
 * and its diff is one line saying why it is not shown.
 */
@Value.Immutable
@ValueStyle
public abstract class PlanOptions {

  /** Only the generated implementation extends it. */
  PlanOptions() {}

  /**
   * The default size limit of one resource, for the planner and for both sides' reads, so that
   * whatever one side holds the other can hold too.
   */
  public static final long DEFAULT_MAX_RESOURCE_BYTES = 10L * 1024 * 1024;

  /** The default largest content a diff is drawn for. */
  public static final long DEFAULT_MAX_DIFF_BYTES = 1024L * 1024;

  /** The default most changed lines a diff is computed for. */
  public static final int DEFAULT_MAX_DIFF_CHANGED_LINES = 2_000;

  /** The longest line a diff is drawn for, in characters; a longer one leaves the diff out. */
  public static final int MAX_DIFF_LINE_CHARS = 2_000;

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
   * The largest content, in bytes, a diff is drawn for (either side). A larger one's change says
   * "diff not shown" with both sizes; the text is never decoded or compared line by line.
   */
  @Value.Default
  public long maxDiffBytes() {
    return DEFAULT_MAX_DIFF_BYTES;
  }

  /**
   * The most changed lines (removed plus added) a diff is computed for. Computing a diff takes time
   * in proportion to the lines times the changes; past this the change says "diff not shown" and
   * how many lines changed at least.
   */
  @Value.Default
  public int maxDiffChangedLines() {
    return DEFAULT_MAX_DIFF_CHANGED_LINES;
  }

  /**
   * The size limit of one resource, in bytes, on both sides. A source resource over it is blocked
   * (reason {@link Reason#TOO_LARGE}) and never written; a target resource over it is never
   * overwritten or deleted. Set the adapters' read limits to the same value (the CLI's
   * {@code --max-file-size} sets all three), so that nothing is written that the other side would
   * then refuse to read on every later run.
   */
  @Value.Default
  public long maxResourceBytes() {
    return DEFAULT_MAX_RESOURCE_BYTES;
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

  public static class Builder extends ImmutablePlanOptions.Builder {
    Builder() {}
  }

  @Value.Check
  protected void check() {
    if (diffContextLines() < 0 || maxDiffLines() < 1) {
      throw new IllegalArgumentException("diffContextLines >= 0 and maxDiffLines >= 1");
    }
    if (maxDiffBytes() < 1 || maxDiffChangedLines() < 1) {
      throw new IllegalArgumentException("maxDiffBytes >= 1 and maxDiffChangedLines >= 1, got " + maxDiffBytes()
          + " and " + maxDiffChangedLines());
    }
    if (maxResourceBytes() < 1) {
      throw new IllegalArgumentException("maxResourceBytes must be at least 1 byte, got " + maxResourceBytes());
    }
  }
}
