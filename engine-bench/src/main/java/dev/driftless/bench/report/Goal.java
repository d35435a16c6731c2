package dev.driftless.bench.report;

import java.util.Objects;

/**
 * One goal of the benchmarks and how this run did against it.
 *
 * @param scenario which scenario, for the summary table
 * @param goal the goal as stated
 * @param measured the figure that decides it
 * @param status how it came out
 */
public record Goal(String scenario, String goal, String measured, Status status) {

  /** How a goal came out in a run. */
  public enum Status {
    MET("met"),
    NOT_MET("**not met**"),
    /** The run did not measure what decides it (a quick run at small sizes). */
    NOT_MEASURED("not measured"),
    /** Figures to report, with no target to meet. */
    REPORTED("reported");

    private final String verdict;

    Status(String verdict) {
      this.verdict = verdict;
    }

    public static Status of(boolean met) {
      return met ? MET : NOT_MET;
    }
  }

  public Goal {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(status, "status");
  }

  public Goal(String scenario, String goal, String measured, boolean met) {
    this(scenario, goal, measured, Status.of(met));
  }

  public String verdict() {
    return status.verdict;
  }
}
