package dev.driftless.core.yaml;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why a YAML text is not a valid document of its kind, with the 1-based line and column where the
 * parser stopped when known. The message quotes no content beyond key names.
 */
public record YamlProblem(String message, OptionalInt line, OptionalInt column) implements ParsedYaml {

  public YamlProblem {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(column, "column");
  }

  public static YamlProblem of(String message) {
    return new YamlProblem(message, OptionalInt.empty(), OptionalInt.empty());
  }

  @Override
  public Optional<YamlDocument> document() {
    return Optional.empty();
  }

  @Override
  public Optional<YamlProblem> problem() {
    return Optional.of(this);
  }

  /** {@code line 3, column 5: mapping values are not allowed here}. */
  public String describe() {
    if (line.isEmpty()) {
      return message;
    }
    return "line " + line.getAsInt() + (column.isPresent() ? ", column " + column.getAsInt() : "") + ": " + message;
  }

  @Override
  public String toString() {
    return describe();
  }
}
