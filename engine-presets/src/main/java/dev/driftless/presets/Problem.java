package dev.driftless.presets;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One thing wrong with a task: which property, where in the file, and what to do.
 *
 * @param property the property path ({@code targetNamespace}, {@code auth.password})
 * @param message what is wrong
 * @param file the task file, when read from one
 * @param line the 1-based line in that file
 */
public record Problem(String property, String message, Optional<String> file, OptionalInt line) {

  public Problem {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(line, "line");
  }

  public static Problem of(String property, String message) {
    return new Problem(property, message, Optional.empty(), OptionalInt.empty());
  }

  public Problem at(String path, int lineNumber) {
    return new Problem(property, message, Optional.of(path), lineNumber > 0 ? OptionalInt.of(lineNumber) : line);
  }

  /** {@code task.yaml:7: targetNamespace: is required}. */
  public String render() {
    StringBuilder out = new StringBuilder();
    file.ifPresent(f -> {
      out.append(f);
      line.ifPresent(l -> out.append(':').append(l));
      out.append(": ");
    });
    if (!property.isEmpty()) {
      out.append(property).append(": ");
    }
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
