package dev.driftless.emulator.internal;

import java.util.Objects;

/**
 * One constraint violation: a property path in Kestra's notation ({@code tasks[0].type}) and a
 * message. Legacy errors show the path as is; RFC 9457 errors as a JSON pointer.
 */
public record ConstraintViolation(String path, String message) {

  public ConstraintViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** The path as a JSON pointer: {@code tasks[0].type} becomes {@code /tasks/0/type}. */
  public String pointer() {
    if (path.isEmpty()) {
      return "";
    }
    StringBuilder pointer = new StringBuilder();
    for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
      if (!part.isEmpty()) {
        pointer.append('/').append(part.replace("~", "~0").replace("/", "~1"));
      }
    }
    return pointer.toString();
  }
}
