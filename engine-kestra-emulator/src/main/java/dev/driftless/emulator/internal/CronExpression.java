package dev.driftless.emulator.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The cron expressions a Schedule trigger accepts, as Kestra 0.20 defines them: five fields
 * (minute, hour, day of month, month, day of week), six with {@code withSeconds: true} (seconds
 * first), each a list of {@code *}, {@code n}, {@code a-b}, with an optional {@code /step}; month
 * and day names (JAN, MON...); and the nicknames {@code @yearly @annually @monthly @weekly @daily
 * @midnight @hourly}. Quartz's {@code L W # ?} are not part of it.
 *
 * <p>The messages follow the cron library Kestra uses, as a real 0.20.7 server writes them, so
 * that a refusal reads the same; a few rare shapes are worded differently.
 */
final class CronExpression {

  private static final Set<String> NICKNAMES = Set.of(
      "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final List<String> MONTHS = List.of(
      "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  /** One field: its bounds and whether it takes names (months: JAN = 1; days: MON = 1, SUN = 7). */
  private record Field(int min, int max, List<String> names) {

    int valueOf(String token) {
      int index = names.indexOf(token);
      return index >= 0 ? index + 1 : Integer.parseInt(token);
    }
  }

  private static final java.util.regex.Pattern SUNDAY_SEVEN = java.util.regex.Pattern.compile("(?<!\\d)7(?!\\d)");
  private static final Field SECOND = new Field(0, 59, List.of());
  private static final Field MINUTE = new Field(0, 59, List.of());
  private static final Field HOUR = new Field(0, 23, List.of());
  private static final Field DAY_OF_MONTH = new Field(1, 31, List.of());
  private static final Field MONTH = new Field(1, 12, MONTHS);
  private static final Field DAY_OF_WEEK = new Field(0, 7, DAYS);

  private CronExpression() {
  }

  /**
   * Why Kestra refuses this expression, in its words; empty when it accepts it.
   *
   * @param withSeconds the trigger's {@code withSeconds}: six fields instead of five
   */
  static Optional<String> problem(String expression, boolean withSeconds) {
    String trimmed = expression.trim();
    if (trimmed.isEmpty()) {
      return Optional.of("Empty expression!");
    }
    String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    int expected = withSeconds ? 6 : 5;
    if (parts.length == 1 && parts[0].startsWith("@")) {
      return NICKNAMES.contains(parts[0]) ? Optional.empty()
          : Optional.of("Nickname " + parts[0] + " not supported!");
    }
    if (parts.length != expected) {
      return Optional.of("Cron expression contains " + parts.length + " parts but we expect one of [" + expected + "]");
    }
    List<Field> fields = withSeconds
        ? List.of(SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK)
        : List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);
    for (String part : parts) {
      if (part.contains("?") || part.contains("#")) {
        return Optional.of("Failed to parse cron expression. Invalid expression: " + part.toUpperCase(Locale.ROOT));
      }
    }
    for (int i = 0; i < parts.length; i++) {
      Optional<String> problem = fieldProblem(parts[i].toUpperCase(Locale.ROOT), fields.get(i));
      if (problem.isPresent()) {
        return Optional.of("Failed to parse cron expression. " + problem.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fieldProblem(String text, Field field) {
    String rest = text;
    for (String name : field.names()) {
      rest = rest.replace(name, "");
    }
    StringBuilder invalid = new StringBuilder();
    for (char c : rest.toCharArray()) {
      if (!Character.isDigit(c) && ",-/*?#".indexOf(c) < 0) {
        invalid.append(c);
      }
    }
    if (!invalid.isEmpty()) {
      // Kestra's cron library shows day 7 of a week as 0 there
      String shown = field == DAY_OF_WEEK ? SUNDAY_SEVEN.matcher(text).replaceAll("0") : text;
      return Optional.of("Invalid chars in expression! Expression: " + shown + " Invalid chars: " + invalid);
    }
    for (String item : text.split(",", -1)) {
      Optional<String> problem = itemProblem(item, field);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> itemProblem(String item, Field field) {
    String base = item;
    int slash = item.indexOf('/');
    if (slash >= 0) {
      base = item.substring(0, slash);
      String step = item.substring(slash + 1);
      if (step.isEmpty()) {
        return Optional.of("Missing steps for expression: " + item);
      }
      if (!step.chars().allMatch(Character::isDigit)) {
        return Optional.of("Invalid expression: " + item);
      }
      int period = Integer.parseInt(step);
      if (period < 1 || period > field.max()) {
        return Optional.of("Period " + period + " not in range [" + field.min() + ", " + field.max() + "]");
      }
    }
    if (base.equals("*")) {
      return Optional.empty();
    }
    if (base.startsWith("-")) {
      return Optional.of(base.length() > 1
          ? "Invalid expression! Expression: " + base + " does not describe a range. Negative numbers are not allowed."
          : "Missing values for range: " + base);
    }
    int dash = base.indexOf('-');
    if (dash >= 0) {
      String from = base.substring(0, dash);
      String to = base.substring(dash + 1);
      if (from.isEmpty() || to.isEmpty()) {
        return Optional.of("Missing values for range: " + base);
      }
      Optional<String> problem = valueProblem(from, field).or(() -> valueProblem(to, field));
      if (problem.isPresent()) {
        return problem;
      }
      int a = field.valueOf(from);
      int b = field.valueOf(to);
      return a > b ? Optional.of("Invalid range! [" + a + "," + b + "]") : Optional.empty();
    }
    return valueProblem(base, field);
  }

  private static Optional<String> valueProblem(String token, Field field) {
    if (token.isEmpty() || (!field.names().contains(token) && !token.chars().allMatch(Character::isDigit))) {
      return Optional.of("Invalid expression: " + token);
    }
    int value = field.valueOf(token);
    if (value < field.min() || value > field.max()) {
      return Optional.of("Value " + value + " not in range [" + field.min() + ", " + field.max() + "]");
    }
    return Optional.empty();
  }
}
