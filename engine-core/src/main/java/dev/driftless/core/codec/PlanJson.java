package dev.driftless.core.codec;

import dev.driftless.core.internal.codec.PlanJsonCodec;
import dev.driftless.plan.Plan;
import java.util.Optional;

/**
 * The plan as JSON, {@code "format_version": 4}: snapshots (identity and scope), policy, summary,
 * every change with its {@code actions} array, reason, before and after fingerprints and diff, the
 * diagnostics and the metadata, sealed with a {@code digest} of all of it. The content to write is
 * not part of it; a plan read back is equal to the plan written but not executable (see
 * {@link Plan#isExecutable()}). Plans saved in format 2 are still read.
 *
 * <p>What a saved plan shows is what applying it does: reading refuses a file changed after it was
 * made (in anything it would show: a diff, a reason, a name, a warning, the summary), and whoever
 * applies a saved plan plans again and requires {@link #difference} to find nothing. The digest is
 * not a signature; it catches edits, and planning again catches a forged digest.
 */
public final class PlanJson {

  private PlanJson() {}

  /** Pretty-printed JSON, stable field order, ending with a newline. */
  public static String write(Plan plan) {
    return PlanJsonCodec.write(plan);
  }

  /**
   * Reads a plan written by {@link #write}.
   *
   * @throws IllegalArgumentException naming the field when the text is not a plan of a known format,
   *     or saying so when it was changed after it was written
   */
  public static Plan read(String json) {
    return PlanJsonCodec.read(json, "the text");
  }

  /**
   * Reads a plan written by {@link #write}, with messages that begin with {@code origin}: the plan
   * file {@code plan.json} "was changed after it was made: ...".
   *
   * @throws IllegalArgumentException as {@link #read(String)}
   */
  public static Plan read(String json, String origin) {
    return PlanJsonCodec.read(json, origin);
  }

  /** The digest a plan's file is sealed with ({@code sha256:} and 64 hex digits). */
  public static String digest(Plan plan) {
    return PlanJsonCodec.digest(plan);
  }

  /**
   * The first field in which two plans differ, named for people ({@code 'diff' of the change to flow
   * dev/a}, {@code 'diagnostics[2].message'}), or empty when they would be written and drawn alike.
   */
  public static Optional<String> difference(Plan expected, Plan actual) {
    return PlanJsonCodec.difference(expected, actual);
  }
}
