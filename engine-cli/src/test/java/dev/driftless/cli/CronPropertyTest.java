package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The law of {@link Cron#next}: for any expression, zone and instant, the next fire time is after
 * the instant, is a time the expression names, and no minute between the two is one: checked
 * against a reference that reads the generated fields on its own, by stepping minute by minute
 * (up to a bounded horizon). Seeded; the seed is printed on failure ({@code -Ddriftless.seed=}).
 */
class CronPropertyTest {

  private static final Duration HORIZON = Duration.ofDays(3);
  private static final List<ZoneId> ZONES = List.of("UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe",
      "Asia/Kathmandu", "America/Sao_Paulo", "Pacific/Apia", "Pacific/Chatham").stream().map(ZoneId::of).toList();
  private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
      "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  /** One item of a field: {@code *}, {@code n}, {@code a-b}, each with an optional step, or {@code a/n}. */
  record Item(int kind, int a, int b, int step, boolean named) {

    /** The values it stands for, by the definition of cron, not by {@link Cron}'s code. */
    Set<Integer> values(int min, int max) {
      Set<Integer> out = new TreeSet<>();
      int from = switch (kind) {
        case 0, 3 -> min;
        default -> a;
      };
      int to = switch (kind) {
        case 0, 3, 5 -> max;
        case 1 -> a;
        default -> b;
      };
      int by = kind >= 3 ? step : 1;
      for (int v = from; v <= to; v += by) {
        out.add(v);
      }
      return out;
    }

    String text(List<String> names, int firstName) {
      return switch (kind) {
        case 0 -> "*";
        case 1 -> show(a, names, firstName);
        case 2 -> show(a, names, firstName) + "-" + show(b, names, firstName);
        case 3 -> "*/" + step;
        case 4 -> show(a, names, firstName) + "-" + show(b, names, firstName) + "/" + step;
        default -> a + "/" + step;
      };
    }

    private String show(int value, List<String> names, int firstName) {
      int index = value - firstName;
      return named && index >= 0 && index < names.size() ? names.get(index) : String.valueOf(value);
    }
  }

  /** A field: its items, and what it renders as. */
  record Field(List<Item> items, int min, int max, List<String> names, int firstName) {

    Set<Integer> values() {
      return items.stream().flatMap(i -> i.values(min, max).stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    String text() {
      return items.stream().map(i -> i.text(names, firstName)).collect(Collectors.joining(","));
    }

    boolean isStar() {
      return text().equals("*");
    }
  }

  /** A generated expression and the reference reading of it. */
  record Expression(Field minute, Field hour, Field dayOfMonth, Field month, Field dayOfWeek) {

    String text() {
      return String.join(" ", minute.text(), hour.text(), dayOfMonth.text(), month.text(), dayOfWeek.text());
    }

    /** The fire times by the reference reading: the fields' values computed once. */
    Predicate<LocalDateTime> fireTimes() {
      Set<Integer> minutes = minute.values();
      Set<Integer> hours = hour.values();
      Set<Integer> days = dayOfMonth.values();
      Set<Integer> months = month.values();
      Set<Integer> week = dayOfWeek.values().stream().map(d -> d % 7).collect(Collectors.toSet());
      boolean either = !dayOfMonth.isStar() && !dayOfWeek.isStar();
      return t -> {
        boolean dom = days.contains(t.getDayOfMonth());
        boolean dow = week.contains(t.getDayOfWeek().getValue() % 7);
        return t.getSecond() == 0 && t.getNano() == 0 && minutes.contains(t.getMinute()) && hours.contains(t.getHour())
            && months.contains(t.getMonthValue()) && (either ? dom || dow : dom && dow);
      };
    }

    /** Whether no month named has the first day of month named, with no day of week to fall back on. */
    boolean neverFires() {
      if (dayOfMonth.isStar() || !dayOfWeek.isStar()) {
        return false;
      }
      int first = dayOfMonth.values().iterator().next();
      return month.values().stream().allMatch(m -> Month.of(m).maxLength() < first);
    }

    @Override
    public String toString() {
      return "\"" + text() + "\"";
    }
  }

  private static Gen<Item> items(int min, int max) {
    Gen<Integer> values = integers().between(min, max);
    Gen<Integer> kinds = integers().between(0, 9).map(k -> k <= 3 ? 0 : k - 3 > 5 ? 1 : k - 3);
    return kinds.zip(values, values, integers().between(1, max), booleans().all(), (kind, x, y, step, named) ->
        new Item(kind, Math.min(x, y), Math.max(x, y), step, named));
  }

  private static Gen<Field> field(int min, int max, List<String> names, int firstName) {
    Gen<List<Item>> one = items(min, max).map(item -> List.of(item));
    Gen<List<Item>> several = lists().of(items(min, max)).ofSizeBetween(2, 3);
    return one.mix(several, 25).map(items -> new Field(items, min, max, names, firstName));
  }

  private static Gen<Expression> expressions() {
    return field(0, 59, List.of(), 0).zip(field(0, 23, List.of(), 0), field(1, 31, List.of(), 0),
        field(1, 12, MONTHS, 1), field(0, 7, DAYS, 1), Expression::new);
  }

  @Test
  void next_isAfter_isAFireTime_andNoEarlierMinuteIsOne() {
    Gen<Instant> instants = longs().between(Instant.parse("1995-01-01T00:00:00Z").getEpochSecond(),
        Instant.parse("2060-01-01T00:00:00Z").getEpochSecond()).map(seconds -> Instant.ofEpochSecond(seconds));
    check(seed -> qt().withFixedSeed(seed).withExamples(600)
        .forAll(expressions(), Generate.pick(ZONES), instants)
        .checkAssert((expression, zone, after) -> {
          Cron cron;
          try {
            cron = Cron.parse(expression.text());
          } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("never fires") && expression.neverFires(),
                expression + " refused: " + e.getMessage());
            return;
          }
          assertFalse(expression.neverFires(), expression + " never fires, yet was accepted");
          Predicate<LocalDateTime> fires = expression.fireTimes();
          Instant next = cron.next(after, zone);
          assertTrue(next.isAfter(after), expression + " in " + zone + " after " + after + ": " + next);
          assertTrue(fires.test(local(next, zone)), expression + " in " + zone + " after " + after
              + ": " + next + " (" + local(next, zone) + ") is not a fire time");
          Instant end = after.plus(HORIZON).isBefore(next) ? after.plus(HORIZON) : next;
          for (Instant t = after.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60); t.isBefore(end); t = t.plusSeconds(60)) {
            Instant minute = t;
            assertFalse(fires.test(local(t, zone)), () -> expression + " in " + zone + " after " + after
                + ": " + minute + " (" + local(minute, zone) + ") fires before " + next);
          }
        }));
  }

  private static LocalDateTime local(Instant t, ZoneId zone) {
    return LocalDateTime.ofInstant(t, zone);
  }

  private static void check(java.util.function.LongConsumer property) {
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    try {
      property.accept(seed);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("cron property failed with seed " + seed + "; reproduce with -Ddriftless.seed=" + seed
          + "\n" + e.getMessage(), e);
    }
  }
}
