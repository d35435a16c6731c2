package dev.driftless.core.architecture;

import java.time.Instant;
import java.util.List;
import java.util.RandomAccess;

/**
 * Never used at run time: a compiled sample of what core may do with time values (parse them,
 * compare them) without reading a clock, so {@link CoreDoesNoIoTest} can prove its detector does
 * not flag it.
 */
final class ReadsNoClock {

  private ReadsNoClock() {}

  static Instant parse(String text) {
    return Instant.parse(text);
  }

  static Instant fromMillis(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  static boolean indexable(List<String> list) {
    return list instanceof RandomAccess;
  }
}
