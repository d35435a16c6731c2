package dev.driftless.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * How much of the machine other processes used while the benchmarks ran: the CPU time the whole
 * system spent busy ({@code /proc/stat}), less what this process and the children it waited for
 * spent ({@code /proc/self/stat}: git, child JVMs), over all the CPU time there was. The load
 * average cannot tell the two apart: the benchmarks load the machine themselves.
 */
public final class CpuShare {

  private final long[] start;

  private CpuShare(long[] start) {
    this.start = start;
  }

  /** Starts counting; empty readings where {@code /proc} is not there. */
  public static CpuShare start() {
    return new CpuShare(sample());
  }

  /** The share (0 to 1) of all CPU time that other processes used since {@link #start()}. */
  public OptionalDouble othersSinceStart() {
    long[] end = sample();
    if (start == null || end == null) {
      return OptionalDouble.empty();
    }
    long total = end[0] - start[0];
    long busy = end[1] - start[1];
    long own = end[2] - start[2];
    if (total <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(0, busy - own) / (double) total);
  }

  /** {total ticks of all CPUs, busy ticks of all CPUs, this process's ticks with its reaped children}. */
  private static long[] sample() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
      String self = Files.readString(Path.of("/proc/self/stat"));
      String[] s = self.substring(self.lastIndexOf(')') + 2).split("\\s+");
      // Fields after the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17); s[0] is field 3.
      long own = Long.parseLong(s[11]) + Long.parseLong(s[12]) + Long.parseLong(s[13]) + Long.parseLong(s[14]);
      return new long[] {total, total - idle, own};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
