package dev.driftless.core.architecture;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Never used at run time: a compiled sample of every way core must not read the clock or
 * randomness, so {@link CoreDoesNoIoTest} can prove its detector sees each of them.
 */
final class ReadsTheClock {

  private ReadsTheClock() {}

  static Object instantNow() {
    return Instant.now();
  }

  static Object localDateTimeNow() {
    return LocalDateTime.now();
  }

  static Object localDateNow() {
    return LocalDate.now();
  }

  static Object zonedDateTimeNow() {
    return ZonedDateTime.now();
  }

  static long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  static long nanoTime() {
    return System.nanoTime();
  }

  static Supplier<Instant> instantNowAsReference() {
    return Instant::now;
  }

  static int random() {
    return new Random().nextInt();
  }

  static Object randomUuid() {
    return UUID.randomUUID();
  }

  static double mathRandom() {
    return Math.random();
  }
}
