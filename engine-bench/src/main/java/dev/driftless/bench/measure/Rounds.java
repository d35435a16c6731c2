package dev.driftless.bench.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the variants of a scenario side by side: in every round each variant runs once, in an order
 * that rotates from round to round, so that a slow spell of the machine (other processes, a GC)
 * falls on every variant alike. The first rounds warm up (class loading, JIT, page cache) and are
 * not recorded. Only the action is timed; each variant's preparation and clean-up run around it.
 */
public final class Rounds {

  /** Work that may throw. */
  @FunctionalInterface
  public interface Step {
    void run() throws Exception;
  }

  private record Variant(String name, Step before, Step action, Step after) {}

  private final String scenario;
  private final int warmup;
  private final int measured;
  private final List<Variant> variants = new ArrayList<>();

  public Rounds(String scenario, int warmup, int measured) {
    if (warmup < 0 || measured < 1) {
      throw new IllegalArgumentException("warm-up rounds must be >= 0 and measured rounds >= 1");
    }
    this.scenario = scenario;
    this.warmup = warmup;
    this.measured = measured;
  }

  /** A variant with nothing to prepare or clean up. */
  public Rounds add(String name, Step action) {
    return add(name, () -> {}, action, () -> {});
  }

  public Rounds add(String name, Step before, Step action, Step after) {
    variants.add(new Variant(name, before, action, after));
    return this;
  }

  /** Runs every round; the samples by variant name, in the order the variants were added. */
  public Map<String, Samples> run() {
    Map<String, Samples> out = new LinkedHashMap<>();
    variants.forEach(v -> out.put(v.name(), new Samples(v.name())));
    int rounds = warmup + measured;
    for (int round = 0; round < rounds; round++) {
      boolean recorded = round >= warmup;
      for (int k = 0; k < variants.size(); k++) {
        Variant v = variants.get((k + round) % variants.size());
        try {
          v.before().run();
          long start = System.nanoTime();
          v.action().run();
          long elapsed = System.nanoTime() - start;
          v.after().run();
          if (recorded) {
            out.get(v.name()).add(elapsed);
          }
          Log.progress("%s: %s round %d/%d%s: %s", scenario, v.name(), round + 1, rounds,
              recorded ? "" : " (warm-up)", Format.millis(elapsed / 1e6));
        } catch (Exception e) {
          throw new IllegalStateException(scenario + ": " + v.name() + " failed in round " + (round + 1) + ": " + e, e);
        }
      }
    }
    return out;
  }
}
