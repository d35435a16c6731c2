package dev.driftless.kestra.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), new Random(1));

  @Test
  void backoff_doublesWithEachAttempt_withEqualJitter_upToTheCap() {
    for (int attempt = 1; attempt <= 8; attempt++) {
      long full = Math.min(100L << (attempt - 1), 1000);
      for (int draw = 0; draw < 50; draw++) {
        long delay = policy.delayAfter(attempt, Optional.empty()).orElseThrow().toMillis();
        assertTrue(delay >= full / 2 && delay <= full, "attempt " + attempt + ": " + delay + " outside ["
            + full / 2 + ", " + full + "]");
      }
    }
  }

  @Test
  void theSameSeed_givesTheSameDelays() {
    RetryPolicy a = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), new Random(42));
    RetryPolicy b = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), new Random(42));
    for (int attempt = 1; attempt < 5; attempt++) {
      assertEquals(a.delayAfter(attempt, Optional.empty()), b.delayAfter(attempt, Optional.empty()));
    }
  }

  @Test
  void retryAfter_isWaitedAtLeast_orGivesUpWhenLongerThanTheCap() {
    assertEquals(Duration.ofMillis(800), policy.delayAfter(1, Optional.of(Duration.ofMillis(800))).orElseThrow());
    assertEquals(Optional.empty(), policy.delayAfter(1, Optional.of(Duration.ofSeconds(3))));
    assertTrue(policy.allowsAnotherAfter(4));
    assertTrue(!policy.allowsAnotherAfter(5));
  }

  @Test
  void retryAfter_isReadInSecondsOrAsAnHttpDate() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    assertEquals(Optional.of(Duration.ofSeconds(2)), RetryPolicy.parseRetryAfter(Optional.of("2"), now));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        RetryPolicy.parseRetryAfter(Optional.of("Wed, 01 Jan 2025 00:00:30 GMT"), now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(Optional.of("soon"), now));
    assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter(Optional.empty(), now));
  }
}
