package dev.driftless.emulator.internal;

import java.util.List;
import java.util.regex.Pattern;

/** Kestra's query filter operations ({@code filters[field][OP]=value}), as its searches apply them. */
final class QueryFilters {

  /** A filter parameter's name: {@code filters[namespace][PREFIX]}, optionally with {@code [0]}. */
  static final Pattern FILTER = Pattern.compile("filters\\[([^\\]]+)\\]\\[([^\\]]+)\\](?:\\[\\d*\\])?");

  private QueryFilters() {
  }

  /**
   * Whether a field's value passes one filter operation.
   *
   * @throws ApiException 400 for an operation Kestra does not have
   */
  static boolean matches(String actual, String op, String value) {
    return switch (op) {
      case "EQUALS" -> actual.equals(value);
      case "NOT_EQUALS" -> !actual.equals(value);
      case "PREFIX" -> actual.equals(value) || actual.startsWith(value + ".");
      case "STARTS_WITH" -> actual.startsWith(value);
      case "ENDS_WITH" -> actual.endsWith(value);
      case "CONTAINS" -> actual.contains(value);
      case "IN" -> List.of(value.split(",")).contains(actual);
      case "NOT_IN" -> !List.of(value.split(",")).contains(actual);
      case "REGEX" -> Pattern.compile(value).matcher(actual).find();
      default -> throw ApiException.badRequest("Invalid query filters: unknown operation " + op);
    };
  }
}
