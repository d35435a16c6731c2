package dev.driftless.diagnostic;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One problem, with where it is.
 *
 * @param severity how serious it is
 * @param message what is wrong and, where it helps, what to do about it
 * @param side the side it was found on
 * @param key the resource it concerns
 * @param file the file (a Git path, a task file) it was found in
 * @param line the 1-based line in that file
 * @param field the key or property it concerns ({@code tasks[0].type}, {@code targetNamespace})
 */
public record Diagnostic(
    Severity severity,
    String message,
    Optional<Side> side,
    Optional<ResourceKey> key,
    Optional<String> file,
    OptionalInt line,
    Optional<String> field) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(field, "field");
    if (line.isPresent() && line.getAsInt() < 1) {
      throw new IllegalArgumentException("line numbers start at 1, got " + line.getAsInt());
    }
  }

  public static Diagnostic of(Severity severity, String message) {
    return new Diagnostic(severity, message, Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalInt.empty(), Optional.empty());
  }

  public static Diagnostic error(String message) {
    return of(Severity.ERROR, message);
  }

  public static Diagnostic warning(String message) {
    return of(Severity.WARNING, message);
  }

  public static Diagnostic info(String message) {
    return of(Severity.INFO, message);
  }

  public Diagnostic onSide(Side where) {
    return new Diagnostic(severity, message, Optional.of(where), key, file, line, field);
  }

  public Diagnostic forKey(ResourceKey what) {
    return new Diagnostic(severity, message, side, Optional.of(what), file, line, field);
  }

  public Diagnostic inFile(String path) {
    return new Diagnostic(severity, message, side, key, Optional.of(path), line, field);
  }

  public Diagnostic atLine(int lineNumber) {
    return new Diagnostic(severity, message, side, key, file, OptionalInt.of(lineNumber), field);
  }

  public Diagnostic atField(String name) {
    return new Diagnostic(severity, message, side, key, file, line, Optional.of(name));
  }

  public Diagnostic withSeverity(Severity other) {
    return new Diagnostic(other, message, side, key, file, line, field);
  }

  /**
   * One line for people: {@code error: [Git] flows/a.yml:3: flow dev/a: field 'id': must not be empty}.
   */
  public String render() {
    StringBuilder out = new StringBuilder(severity.label()).append(": ");
    side.ifPresent(s -> out.append('[').append(s.displayName()).append("] "));
    file.ifPresent(f -> {
      out.append(f);
      line.ifPresent(l -> out.append(':').append(l));
      out.append(": ");
    });
    key.ifPresent(k -> out.append(k.address()).append(": "));
    field.ifPresent(f -> out.append("field '").append(f).append("': "));
    return out.append(message).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
