package dev.driftless.bench.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The wall times of one variant of a scenario, in the order they were taken. */
public final class Samples {

  private final String name;
  private final List<Long> nanos = new ArrayList<>();

  public Samples(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public void add(long elapsedNanos) {
    nanos.add(elapsedNanos);
  }

  public int size() {
    return nanos.size();
  }

  public double medianMillis() {
    List<Long> sorted = sorted();
    int n = sorted.size();
    long middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return middle / 1e6;
  }

  public double minMillis() {
    return sorted().get(0) / 1e6;
  }

  public double maxMillis() {
    List<Long> sorted = sorted();
    return sorted.get(sorted.size() - 1) / 1e6;
  }

  /** {@code 123 ms (min 110, max 140; 7 runs)}. */
  public String describe() {
    return String.format(Locale.ROOT, "%s (min %s, max %s; %d runs)", Format.millis(medianMillis()),
        Format.number(minMillis()), Format.number(maxMillis()), size());
  }

  private List<Long> sorted() {
    if (nanos.isEmpty()) {
      throw new IllegalStateException(name + " has no samples");
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted;
  }
}
