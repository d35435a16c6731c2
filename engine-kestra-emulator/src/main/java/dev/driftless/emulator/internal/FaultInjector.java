package dev.driftless.emulator.internal;

import dev.driftless.emulator.Fault;
import dev.driftless.emulator.Faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/** The {@link Faults} of one emulator: rules and one seeded random sequence behind a lock. */
public final class FaultInjector implements Faults {

  /** What the rules decided for one request. */
  public record Decision(Duration latency, Optional<Fault> outcome) {
  }

  private final List<Fault> rules = new ArrayList<>();
  private Random random;

  public FaultInjector(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public synchronized Faults add(Fault fault) {
    rules.add(Objects.requireNonNull(fault, "fault"));
    return this;
  }

  @Override
  public synchronized Faults seed(long seed) {
    random = new Random(seed);
    return this;
  }

  @Override
  public synchronized List<Fault> rules() {
    return List.copyOf(rules);
  }

  @Override
  public synchronized void clear() {
    rules.clear();
  }

  /** Draws once per matching rule, in order; see {@link Faults} for the semantics. */
  public synchronized Decision decide(String method, String path) {
    long latencyMillis = 0;
    Optional<Fault> outcome = Optional.empty();
    for (Fault rule : rules) {
      if (!rule.matches(method, path)) {
        continue;
      }
      boolean fires = random.nextDouble() < rule.probability();
      if (!fires) {
        continue;
      }
      if (rule.effect() == Fault.Effect.LATENCY) {
        latencyMillis += rule.latency().toMillis();
      } else if (outcome.isEmpty()) {
        outcome = Optional.of(rule);
      }
    }
    return new Decision(Duration.ofMillis(latencyMillis), outcome);
  }
}
