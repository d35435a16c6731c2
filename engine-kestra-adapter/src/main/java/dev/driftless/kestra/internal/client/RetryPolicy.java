package dev.driftless.kestra.internal.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * When to try a call again: exponential backoff from a base delay, capped, with "equal jitter" (a
 * wait between half and all of the backoff) drawn from a seedable source, and never shorter than
 * what a {@code Retry-After} asked for. A {@code Retry-After} longer than the cap is not waited for:
 * the call gives up instead of hanging.
 */
public final class RetryPolicy {

  /** The statuses worth another attempt: rate limiting and server-side outages. */
  public static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);

  private final int maxAttempts;
  private final Duration base;
  private final Duration max;
  private final Random random;

  public RetryPolicy(int maxAttempts, Duration base, Duration max, Random random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts >= 1, got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.base = base;
    this.max = max;
    this.random = random;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration maxDelay() {
    return max;
  }

  /** Whether another attempt may follow the given one (counted from 1). */
  public boolean allowsAnotherAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * How long to wait after the given failed attempt (counted from 1) before the next one; empty when
   * Kestra asked to wait longer than the cap.
   */
  public Optional<Duration> delayAfter(int attempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent() && retryAfter.get().compareTo(max) > 0) {
      return Optional.empty();
    }
    long baseMillis = base.toMillis();
    long exponential = baseMillis << Math.min(Math.max(attempt - 1, 0), 30);
    long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, max.toMillis());
    long half = capped / 2;
    long jittered = half + (long) (random.nextDouble() * (capped - half));
    Duration wait = Duration.ofMillis(jittered);
    if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
      wait = retryAfter.get();
    }
    return Optional.of(wait);
  }

  /** A {@code Retry-After} value: seconds, or an HTTP date. */
  public static Optional<Duration> parseRetryAfter(Optional<String> header, Instant now) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration until = Duration.between(now, at);
        return Optional.of(until.isNegative() ? Duration.ZERO : until);
      } catch (DateTimeParseException ignored) {
        return Optional.empty();
      }
    }
  }
}
