package dev.driftless.git.internal.transport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes credentials from text and from exception chains before anything leaves the adapter.
 * Messages are built without credentials in the first place; this is the second line of defence
 * against a library that quotes what it was given.
 */
public final class Scrubber {

  private static final String MASK = "***";
  private static final int MIN_KEY_LINE = 16;

  private final List<String> secrets;

  private Scrubber(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A scrubber for these secret values; a multi-line value (a key) is also scrubbed line by line. */
  public static Scrubber of(List<String> values) {
    List<String> all = new ArrayList<>();
    for (String value : values) {
      if (value.isEmpty()) {
        continue;
      }
      all.add(value);
      if (value.indexOf('\n') >= 0) {
        for (String line : value.split("\\R")) {
          String trimmed = line.strip();
          if (trimmed.length() >= MIN_KEY_LINE && !trimmed.startsWith("-----")) {
            all.add(trimmed);
          }
        }
      }
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    return new Scrubber(List.copyOf(all));
  }

  public static Scrubber none() {
    return new Scrubber(List.of());
  }

  public String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, MASK);
    }
    return out;
  }

  /** A copy of the exception chain whose messages are scrubbed, keeping types (by name) and stack traces. */
  public Throwable scrub(Throwable cause) {
    return scrub(cause, 0);
  }

  private Throwable scrub(Throwable cause, int depth) {
    if (cause == null || depth > 20) {
      return null;
    }
    String message = cause.getMessage() == null ? "" : ": " + scrub(cause.getMessage());
    ScrubbedCause copy = new ScrubbedCause(cause.getClass().getName() + message, scrub(cause.getCause(), depth + 1));
    copy.setStackTrace(cause.getStackTrace());
    return copy;
  }

  /** A stand-in for an exception from a library, carrying its type name, scrubbed message and stack. */
  static final class ScrubbedCause extends RuntimeException {
    ScrubbedCause(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }
}
