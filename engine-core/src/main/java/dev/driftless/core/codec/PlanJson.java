package dev.driftless.core.codec;

import dev.driftless.core.internal.codec.PlanJsonCodec;
import dev.driftless.plan.Plan;

/**
 * The plan as JSON, {@code "format_version": 1}: snapshots (identity and scope), policy, summary,
 * every change with its {@code actions} array, reason, before and after fingerprints and diff, the
 * diagnostics and the metadata. The content to write is not part of it; a plan read back is equal
 * to the plan written but not executable (see {@link Plan#isExecutable()}).
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
   * @throws IllegalArgumentException naming the field when the text is not a plan of a known format
   */
  public static Plan read(String json) {
    return PlanJsonCodec.read(json);
  }
}
