package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kestra's five-field cron and its next fire time, case by case; {@link CronPropertyTest} for the law. */
class CronTest {

  private static final ZoneId UTC = ZoneOffset.UTC;

  static Stream<Arguments> nextFireTimes() {
    return Stream.of(
        // name, cron, zone, after, next
        Arguments.of("every 5 minutes", "*/5 * * * *", "UTC", "2024-05-10T10:02:30Z", "2024-05-10T10:05:00Z"),
        Arguments.of("strictly after a fire time", "*/5 * * * *", "UTC", "2024-05-10T10:05:00Z", "2024-05-10T10:10:00Z"),
        Arguments.of("every minute", "* * * * *", "UTC", "2024-05-10T10:05:59.999Z", "2024-05-10T10:06:00Z"),
        Arguments.of("the hour rolls over", "*/20 * * * *", "UTC", "2024-05-10T10:41:00Z", "2024-05-10T11:00:00Z"),
        Arguments.of("the year rolls over", "0 0 1 1 *", "UTC", "2024-12-31T23:59:00Z", "2025-01-01T00:00:00Z"),
        Arguments.of("the last minute of the year", "59 23 31 12 *", "UTC", "2024-01-01T00:00:00Z",
            "2024-12-31T23:59:00Z"),
        Arguments.of("the 31st skips short months", "0 0 31 * *", "UTC", "2024-03-31T00:00:00Z", "2024-05-31T00:00:00Z"),
        Arguments.of("the 30th skips February", "0 0 30 * *", "UTC", "2024-01-30T00:00:00Z", "2024-03-30T00:00:00Z"),
        Arguments.of("29 February in a leap year", "0 0 29 2 *", "UTC", "2023-03-01T00:00:00Z", "2024-02-29T00:00:00Z"),
        Arguments.of("2100 is not a leap year", "0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z"),
        Arguments.of("day of week 0 is Sunday", "0 0 * * 0", "UTC", "2024-05-10T00:00:00Z", "2024-05-12T00:00:00Z"),
        Arguments.of("day of week 7 is Sunday", "0 0 * * 7", "UTC", "2024-05-10T00:00:00Z", "2024-05-12T00:00:00Z"),
        Arguments.of("SUN is Sunday", "0 0 * * sun", "UTC", "2024-05-10T00:00:00Z", "2024-05-12T00:00:00Z"),
        Arguments.of("a range up to 7 takes Sunday", "0 0 * * 6-7", "UTC", "2024-05-11T00:00:00Z", "2024-05-12T00:00:00Z"),
        Arguments.of("weekdays skip the weekend", "0 12 * * MON-FRI", "UTC", "2024-05-10T13:00:00Z",
            "2024-05-13T12:00:00Z"),
        Arguments.of("day of month or day of week, both given: the Monday", "0 9 1 * MON", "UTC", "2024-01-02T00:00:00Z",
            "2024-01-08T09:00:00Z"),
        Arguments.of("day of month or day of week, both given: the 1st", "0 9 1 * MON", "UTC", "2024-01-29T10:00:00Z",
            "2024-02-01T09:00:00Z"),
        Arguments.of("a stepped day of month with a day of week is still either", "0 0 */10 * 3", "UTC",
            "2024-05-02T00:00:00Z", "2024-05-08T00:00:00Z"),
        Arguments.of("a stepped range", "1-30/10 * * * *", "UTC", "2024-05-10T10:12:00Z", "2024-05-10T10:21:00Z"),
        Arguments.of("a step from a start", "10/20 * * * *", "UTC", "2024-05-10T10:31:00Z", "2024-05-10T10:50:00Z"),
        Arguments.of("a step from a start wraps to the next hour", "10/20 * * * *", "UTC", "2024-05-10T10:51:00Z",
            "2024-05-10T11:10:00Z"),
        Arguments.of("a list", "5,35 9,17 * * *", "UTC", "2024-05-10T09:36:00Z", "2024-05-10T17:05:00Z"),
        Arguments.of("named months", "0 0 1 JUN-AUG *", "UTC", "2024-08-02T00:00:00Z", "2025-06-01T00:00:00Z"),
        Arguments.of("@hourly", "@hourly", "UTC", "2024-05-10T10:00:00Z", "2024-05-10T11:00:00Z"),
        Arguments.of("@daily", "@daily", "UTC", "2024-05-10T10:00:00Z", "2024-05-11T00:00:00Z"),
        Arguments.of("@midnight", "@midnight", "UTC", "2024-05-10T10:00:00Z", "2024-05-11T00:00:00Z"),
        Arguments.of("@weekly is Sunday midnight", "@weekly", "UTC", "2024-05-10T10:00:00Z", "2024-05-12T00:00:00Z"),
        Arguments.of("@monthly", "@monthly", "UTC", "2024-05-10T10:00:00Z", "2024-06-01T00:00:00Z"),
        Arguments.of("@yearly", "@yearly", "UTC", "2024-05-10T10:00:00Z", "2025-01-01T00:00:00Z"),
        Arguments.of("@annually", "@annually", "UTC", "2024-05-10T10:00:00Z", "2025-01-01T00:00:00Z"),
        Arguments.of("a time zone in winter", "0 9 * * *", "Europe/Paris", "2024-01-10T00:00:00Z", "2024-01-10T08:00:00Z"),
        Arguments.of("a time zone in summer", "0 9 * * *", "Europe/Paris", "2024-07-10T00:00:00Z", "2024-07-10T07:00:00Z"),
        Arguments.of("a time zone 45 minutes off the hour", "0 0 * * *", "Asia/Kathmandu", "2024-07-10T00:00:00Z",
            "2024-07-10T18:15:00Z"),
        Arguments.of("a wall-clock time the spring change skips does not fire that day", "30 2 * * *", "Europe/Paris",
            "2024-03-30T02:00:00Z", "2024-04-01T00:30:00Z"),
        Arguments.of("a time zone's day of week is its own", "0 1 * * MON", "Pacific/Auckland", "2024-05-10T00:00:00Z",
            "2024-05-12T13:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nextFireTimes")
  void next_isTheFirstFireTimeStrictlyAfter(String name, String cron, String zone, String after, String next) {
    assertEquals(Instant.parse(next), Cron.parse(cron).next(Instant.parse(after), ZoneId.of(zone)), name);
  }

  @Test
  void aWallClockTimeTheAutumnChangeRepeats_firesAtBothInstants() {
    Cron cron = Cron.parse("30 2 * * *");
    ZoneId paris = ZoneId.of("Europe/Paris");
    List<Instant> fires = new ArrayList<>();
    Instant t = Instant.parse("2024-10-26T12:00:00Z");
    for (int i = 0; i < 3; i++) {
      t = cron.next(t, paris);
      fires.add(t);
    }
    assertEquals(List.of(Instant.parse("2024-10-27T00:30:00Z"), Instant.parse("2024-10-27T01:30:00Z"),
        Instant.parse("2024-10-28T01:30:00Z")), fires);
  }

  @Test
  void everyMinute_overADay_firesExactlyOnceAMinute() {
    Cron cron = Cron.parse("* * * * *");
    Instant t = Instant.parse("2024-02-28T23:00:00Z");
    for (int i = 1; i <= 24 * 60; i++) {
      Instant next = cron.next(t, UTC);
      assertEquals(t.plusSeconds(60), next);
      t = next;
    }
  }

  @Test
  void matches_readsTheWallClock() {
    Cron weekdays = Cron.parse("0 9-17 * * 1-5");
    assertTrue(weekdays.matches(LocalDateTime.parse("2024-05-10T09:00:00")));
    assertFalse(weekdays.matches(LocalDateTime.parse("2024-05-11T09:00:00")), "a Saturday");
    assertFalse(weekdays.matches(LocalDateTime.parse("2024-05-10T18:00:00")));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("", "is empty"),
        Arguments.of("* * * *", "has 4 fields where Kestra's cron has 5: minute hour day-of-month month day-of-week"),
        Arguments.of("0 * * * * *", "has 6 fields where Kestra's cron has 5: minute hour day-of-month month day-of-week"
            + " (six fields, with seconds, need withSeconds, which driftless watch does not run)"),
        Arguments.of("60 * * * *", "the minute field's 60 is out of range 0-59"),
        Arguments.of("* 24 * * *", "the hour field's 24 is out of range 0-23"),
        Arguments.of("* * 0 * *", "the day of month field's 0 is out of range 1-31"),
        Arguments.of("* * * 13 *", "the month field's 13 is out of range 1-12"),
        Arguments.of("* * * * 8", "the day of week field's 8 is out of range 0-7 (0 and 7 are Sunday)"),
        Arguments.of("5-1 * * * *", "the minute field's range '5-1' goes backwards"),
        Arguments.of("*/0 * * * *", "the minute field's step '0' in '*/0' must be a number from 1 to 59"),
        Arguments.of("*/ * * * *", "the minute field's step '' in '*/' must be a number from 1 to 59"),
        Arguments.of("1,,2 * * * *", "the minute field has an empty item in a list"),
        Arguments.of("* * L * *", "the day of month field's 'L' is not a number: Quartz's ? L W # are not part of"
            + " Kestra's cron"),
        Arguments.of("* * * * ?", "the day of week field's '?' is not a number or a name (MON...): Quartz's ? L W #"
            + " are not part of Kestra's cron"),
        Arguments.of("* * * FOO *", "the month field's 'FOO' is not a number or a name (JAN...)"),
        Arguments.of("@reboot", "'@reboot' is not a nickname Kestra knows: use @yearly, @annually, @monthly, @weekly,"
            + " @daily, @midnight or @hourly"),
        Arguments.of("0 0 30 2 *", "never fires: no month it names (February) has a day 30"),
        Arguments.of("0 0 31 4,6 *", "never fires: no month it names (April, June) has a day 31"));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("refusals")
  void aCronKestraWouldNotRun_isRefusedInWords(String cron, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cron.parse(cron));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void aDayThatExistsInOnlySomeNamedMonths_isAccepted() {
    assertEquals(Instant.parse("2024-03-31T00:00:00Z"), Cron.parse("0 0 31 2,3 *").next(Instant.parse(
        "2024-01-01T00:00:00Z"), UTC));
    assertEquals(Instant.parse("2024-02-05T00:00:00Z"), Cron.parse("0 0 30 2 MON").next(Instant.parse(
        "2024-02-01T00:00:00Z"), UTC), "with a day of week too, the day of week alone is enough");
  }
}
