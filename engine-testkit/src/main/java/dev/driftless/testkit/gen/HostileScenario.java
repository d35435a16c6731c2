package dev.driftless.testkit.gen;

import java.util.Objects;

/** A starting state of both sides, and a read of one of them that goes wrong. */
public record HostileScenario(Scenario scenario, HostileRead read) {

  public HostileScenario {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(read, "read");
  }

  @Override
  public String toString() {
    return "hostile read: " + read + "\n" + scenario;
  }
}
