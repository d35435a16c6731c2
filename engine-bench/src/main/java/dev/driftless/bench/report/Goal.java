package dev.driftless.bench.report;

import java.util.Objects;

/**
 * One goal of the benchmarks and how this run did against it.
 *
 * @param scenario which scenario, for the summary table
 * @param goal the goal as stated
 * @param measured the figure that decides it
 * @param met whether it was met in this run
 */
public record Goal(String scenario, String goal, String measured, boolean met) {

  public Goal {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(goal, "goal");
    Objects.requireNonNull(measured, "measured");
  }

  public String verdict() {
    return met ? "met" : "**not met**";
  }
}
