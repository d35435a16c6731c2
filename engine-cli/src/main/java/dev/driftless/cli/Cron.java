package dev.driftless.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Schedule trigger's {@code cron}, as Kestra reads it: a Unix cron expression of five fields
 * (minute, hour, day of month, month, day of week), or one of Kestra's nicknames ({@code @hourly},
 * {@code @daily}...). Each field is {@code *} or a comma-separated list of values ({@code 5}),
 * ranges ({@code 1-5}) and steps ({@code *}{@code /15}, {@code 1-30/5}, {@code 10/20}); months and
 * days may be named ({@code JAN}, {@code MON-FRI}); in the day of week, 0 and 7 are both Sunday.
 *
 * <p>As in Unix cron (and in the cron library Kestra uses), when both the day of month and the day
 * of week are given (neither is {@code *}), a day matches when either does: {@code 0 9 1 * MON}
 * fires on the first of the month and on every Monday.
 *
 * <p>{@link #next} fires at the wall-clock minutes the expression names in the trigger's time zone:
 * a time a daylight-saving change skips does not fire that day, and one it repeats fires at both
 * instants.
 */
final class Cron {

  private static final Map<String, String> NICKNAMES = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");

  private static final List<String> MONTH_NAMES = List.of(
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  /** One field: its name for messages, its bounds, and its names (the first name is worth {@code firstName}). */
  private record Field(String name, int min, int max, List<String> names, int firstName) {}

  private static final Field MINUTE = new Field("minute", 0, 59, List.of(), 0);
  private static final Field HOUR = new Field("hour", 0, 23, List.of(), 0);
  private static final Field DAY_OF_MONTH = new Field("day of month", 1, 31, List.of(), 0);
  private static final Field MONTH = new Field("month", 1, 12, MONTH_NAMES, 1);
  private static final Field DAY_OF_WEEK = new Field("day of week", 0, 7, DAY_NAMES, 1);

  /** No expression that can fire at all goes longer without firing (29 February, over a century's skipped leap year). */
  private static final Duration HORIZON = Duration.ofDays(9 * 366);

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  /** 0 is Sunday, as {@code DayOfWeek.getValue() % 7}. */
  private final BitSet daysOfWeek;
  private final boolean dayOfMonthGiven;
  private final boolean dayOfWeekGiven;

  private Cron(String expression, List<String> fields) {
    this.expression = expression;
    this.minutes = values(fields.get(0), MINUTE);
    this.hours = values(fields.get(1), HOUR);
    this.daysOfMonth = values(fields.get(2), DAY_OF_MONTH);
    this.months = values(fields.get(3), MONTH);
    BitSet week = values(fields.get(4), DAY_OF_WEEK);
    if (week.get(7)) {
      week.set(0);
      week.clear(7);
    }
    this.daysOfWeek = week;
    this.dayOfMonthGiven = !fields.get(2).equals("*");
    this.dayOfWeekGiven = !fields.get(4).equals("*");
    if (dayOfMonthGiven && !dayOfWeekGiven) {
      neverFiresCheck();
    }
  }

  /**
   * @throws IllegalArgumentException saying, in words, why Kestra would not read it, or that it
   *     would never fire
   */
  static Cron parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    String text = expression.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("is empty: write five fields (minute hour day-of-month month day-of-week),"
          + " such as \"*/5 * * * *\", or a nickname such as @hourly");
    }
    if (text.startsWith("@")) {
      String fields = NICKNAMES.get(text);
      if (fields == null) {
        throw new IllegalArgumentException("'" + text + "' is not a nickname Kestra knows: use @yearly, @annually,"
            + " @monthly, @weekly, @daily, @midnight or @hourly");
      }
      return new Cron(text, List.of(fields.split(" ")));
    }
    List<String> fields = List.of(text.split("\\s+"));
    if (fields.size() != 5) {
      throw new IllegalArgumentException("has " + fields.size() + (fields.size() == 1 ? " field" : " fields")
          + " where Kestra's cron has 5: minute hour day-of-month month day-of-week"
          + (fields.size() == 6 ? " (six fields, with seconds, need withSeconds, which driftless watch does not run)" : ""));
    }
    return new Cron(text, fields.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList());
  }

  /**
   * The first instant strictly after {@code after} at which this fires in {@code zone}.
   */
  Instant next(Instant after, ZoneId zone) {
    ZoneRules rules = zone.getRules();
    Instant end = after.plus(HORIZON);
    ZoneOffset offset = rules.getOffset(after);
    LocalDateTime from = LocalDateTime.ofInstant(after, offset).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    Instant segmentStart = after;
    while (segmentStart.isBefore(end)) {
      // Within a segment the offset is fixed, so wall-clock order is instant order.
      ZoneOffsetTransition transition = rules.nextTransition(segmentStart);
      Instant segmentEnd = transition == null || transition.getInstant().isAfter(end) ? end : transition.getInstant();
      Optional<LocalDateTime> match = firstMatch(from, LocalDateTime.ofInstant(segmentEnd, offset));
      if (match.isPresent()) {
        return match.get().toInstant(offset);
      }
      segmentStart = segmentEnd;
      offset = rules.getOffset(segmentEnd);
      LocalDateTime local = LocalDateTime.ofInstant(segmentEnd, offset);
      LocalDateTime minute = local.truncatedTo(ChronoUnit.MINUTES);
      from = minute.equals(local) ? minute : minute.plusMinutes(1);
    }
    throw new IllegalStateException("the cron expression " + expression + " does not fire within " + HORIZON.toDays()
        + " days of " + after);
  }

  /** Whether this fires at this wall-clock time (its seconds ignored). */
  boolean matches(LocalDateTime time) {
    return minutes.get(time.getMinute()) && hours.get(time.getHour()) && months.get(time.getMonthValue())
        && dayMatches(time.toLocalDate());
  }

  private Optional<LocalDateTime> firstMatch(LocalDateTime from, LocalDateTime limit) {
    LocalDateTime t = from;
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        int minute = minutes.nextSetBit(t.getMinute());
        t = minute < 0 ? t.truncatedTo(ChronoUnit.HOURS).plusHours(1) : t.withMinute(minute);
      } else {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate date) {
    boolean dayOfMonth = daysOfMonth.get(date.getDayOfMonth());
    boolean dayOfWeek = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
    return dayOfMonthGiven && dayOfWeekGiven ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
  }

  /** A day of month given alone must exist in one of the months given, or nothing would ever run. */
  private void neverFiresCheck() {
    int firstDay = daysOfMonth.nextSetBit(1);
    for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
      if (firstDay <= Month.of(m).maxLength()) {
        return;
      }
    }
    String monthNames = months.stream().mapToObj(m -> Month.of(m).getDisplayName(TextStyle.FULL, Locale.ENGLISH))
        .reduce((a, b) -> a + ", " + b).orElse("");
    throw new IllegalArgumentException("never fires: no month it names (" + monthNames + ") has a day "
        + firstDay + (daysOfMonth.cardinality() > 1 ? " or later" : ""));
  }

  private static BitSet values(String text, Field field) {
    BitSet set = new BitSet(field.max() + 1);
    for (String item : text.split(",", -1)) {
      addItem(item, field, set);
    }
    return set;
  }

  private static void addItem(String item, Field field, BitSet set) {
    if (item.isEmpty()) {
      throw new IllegalArgumentException("the " + field.name() + " field has an empty item in a list");
    }
    String range = item;
    int step = 1;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      range = item.substring(0, slash);
      String stepText = item.substring(slash + 1);
      if (!stepText.matches("\\d{1,3}") || Integer.parseInt(stepText) < 1 || Integer.parseInt(stepText) > field.max()) {
        throw new IllegalArgumentException("the " + field.name() + " field's step '" + stepText + "' in '" + item
            + "' must be a number from 1 to " + field.max());
      }
      step = Integer.parseInt(stepText);
    }
    int from;
    int to;
    if (range.equals("*")) {
      from = field.min();
      to = field.max();
    } else {
      int dash = range.indexOf('-', 1);
      from = value(dash < 0 ? range : range.substring(0, dash), item, field);
      to = dash < 0 ? (slash >= 0 ? field.max() : from) : value(range.substring(dash + 1), item, field);
      if (from > to) {
        throw new IllegalArgumentException("the " + field.name() + " field's range '" + range + "' goes backwards");
      }
    }
    for (int v = from; v <= to; v += step) {
      set.set(v);
    }
  }

  private static int value(String token, String item, Field field) {
    int named = field.names().indexOf(token);
    if (named >= 0) {
      return named + field.firstName();
    }
    if (!token.matches("\\d{1,4}")) {
      String known = field.names().isEmpty() ? "a number" : "a number or a name (" + field.names().get(0) + "...)";
      throw new IllegalArgumentException("the " + field.name() + " field's '" + item + "' is not " + known
          + (token.matches(".*[?LW#].*") ? ": Quartz's ? L W # are not part of Kestra's cron" : ""));
    }
    int value = Integer.parseInt(token);
    if (value < field.min() || value > field.max()) {
      throw new IllegalArgumentException("the " + field.name() + " field's " + value + " is out of range "
          + field.min() + "-" + field.max() + (field == DAY_OF_WEEK ? " (0 and 7 are Sunday)" : ""));
    }
    return value;
  }

  @Override
  public String toString() {
    return expression;
  }
}
