package dev.driftless.presets;

/**
 * How much a task's diff rows say: exactly what the Git plugin's task outputs (the default, so that
 * flows reading the plugin's rows read Driftless's unchanged), or Driftless's detailed rows.
 */
public enum RowDetail {
  /**
   * The plugin's rows, field for field and value for value, per task ({@link RowStyle}): a row only
   * for what was (or, in a dry run, would be) written, and for the unchanged resources where the
   * plugin's task lists them. What the plugin cannot say has no row: a resource kept, protected or
   * held back by the mass-deletion guard is left alone, as the plugin leaves resources it does not
   * touch; a change that failed did not land (and the run fails, as the plugin's task does).
   */
  PLUGIN,
  /**
   * Driftless's rows: the plugin's field names for the task, plus {@code action}, {@code side},
   * {@code namespace}, and one row per change of the plan, with the states the plugin hides
   * ({@code KEPT}, {@code PROTECTED}, {@code BLOCKED}, and after an apply {@code FAILED},
   * {@code STALE}, {@code SKIPPED}).
   */
  DETAILED
}
