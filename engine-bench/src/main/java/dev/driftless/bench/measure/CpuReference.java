package dev.driftless.bench.measure;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed piece of work on one thread — sorting 2 million numbers and hashing 16 MiB with SHA-256 —
 * timed just before and after each scenario, so that the report shows how fast the machine itself
 * ran while the scenario did: on a shared virtual machine the same code can run a third slower from
 * one quarter of an hour to the next, while nothing else runs on the machine as far as it can see.
 */
public final class CpuReference {

  private static final int NUMBERS = 2_000_000;
  private static final byte[] BYTES = new byte[16 << 20];
  private static final int[] UNSORTED = new SplittableRandom(17).ints(NUMBERS).toArray();

  static {
    new SplittableRandom(42).nextBytes(BYTES);
  }

  private CpuReference() {}

  /** The fastest of five runs of the work, in milliseconds. */
  public static double millis() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      work();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best / 1e6;
  }

  private static void work() {
    int[] numbers = UNSORTED.clone();
    Arrays.sort(numbers);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(BYTES);
      if (numbers[0] > numbers[NUMBERS - 1] || digest.length != 32) {
        throw new IllegalStateException("the reference work went wrong");
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
