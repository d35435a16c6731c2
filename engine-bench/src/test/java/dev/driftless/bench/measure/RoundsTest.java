package dev.driftless.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundsTest {

  @Test
  void run_rotatesTheOrderAndRecordsOnlyMeasuredRounds() {
    List<String> order = new ArrayList<>();
    Map<String, Samples> samples = new Rounds("test", 1, 2)
        .add("a", () -> order.add("a"))
        .add("b", () -> order.add("b"))
        .add("c", () -> order.add("c"))
        .run();

    assertEquals(List.of("a", "b", "c", "b", "c", "a", "c", "a", "b"), order);
    assertEquals(2, samples.get("a").size());
    assertEquals(List.of("a", "b", "c"), List.copyOf(samples.keySet()));
  }

  @Test
  void samples_medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    Samples s = new Samples("x");
    for (long nanos : new long[] {4_000_000, 1_000_000, 3_000_000, 2_000_000}) {
      s.add(nanos);
    }

    assertEquals(2.5, s.medianMillis());
    assertEquals(1.0, s.minMillis());
    assertEquals(4.0, s.maxMillis());
  }
}
