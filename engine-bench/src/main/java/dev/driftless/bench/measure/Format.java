package dev.driftless.bench.measure;

import java.util.Locale;

/** How figures are written in the report: milliseconds with sensible precision, ratios with one decimal. */
public final class Format {

  private Format() {}

  /** {@code 0.42}, {@code 12.3}, {@code 1,234}. */
  public static String number(double value) {
    if (value < 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    if (value < 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  public static String millis(double value) {
    return number(value) + " ms";
  }

  /** {@code 3.4×}. */
  public static String ratio(double value) {
    return (value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value)) + "×";
  }

  /** Mebibytes, written MB as tools do: {@code 290 MB}, {@code 4.2 MB}. */
  public static String megabytes(long bytes) {
    double mb = bytes / (1024.0 * 1024.0);
    return mb < 10 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%,.0f MB", mb);
  }
}
