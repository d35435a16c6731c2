package dev.driftless.bench.measure;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress lines on standard error, so that a long run shows where it is. */
public final class Log {

  private Log() {}

  public static void progress(String format, Object... args) {
    System.err.println("[bench " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] "
        + String.format(Locale.ROOT, format, args));
  }
}
