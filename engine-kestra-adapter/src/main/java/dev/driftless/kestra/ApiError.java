package dev.driftless.kestra;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An error answer from Kestra, decoded from either format it uses: the legacy JSON of 0.x and 1.x
 * ({@code message} and {@code _embedded.errors[].path}) or RFC 9457 {@code application/problem+json}
 * of 2.x ({@code type}, {@code detail} and {@code errors[].pointer}). Code branches on
 * {@link #status()} and {@link #type()}, never on the message.
 *
 * @param status the HTTP status
 * @param type the RFC 9457 problem type ({@code https://kestra.io/problems/validation-failed}); empty
 *     for legacy answers
 * @param message the server's message ({@code detail}, or the legacy {@code message})
 * @param fields the per-field problems, with the field as a dotted path ({@code tasks[0].type})
 * @param edition the {@code X-Kestra-Edition} header of the answer, when present
 */
public record ApiError(int status, Optional<String> type, String message, List<FieldError> fields,
    Optional<String> edition) {

  /** One field's problem. */
  public record FieldError(String path, String message) {
    public FieldError {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(message, "message");
    }

    /** {@code tasks[0].type: must not be null}, or the message alone for a document-level problem. */
    public String describe() {
      return path.isEmpty() ? message : path + ": " + message;
    }
  }

  public ApiError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
    fields = List.copyOf(fields);
    Objects.requireNonNull(edition, "edition");
  }

  /** The last segment of the problem type, such as {@code validation-failed}; empty for legacy answers. */
  public Optional<String> typeName() {
    return type.map(t -> t.substring(t.lastIndexOf('/') + 1));
  }

  /** Whether Kestra refused the content (422) or the state it would create (409): an expected refusal. */
  public boolean isRefusal() {
    return status == 422 || status == 409 || status == 400;
  }

  /**
   * {@code 422 validation-failed: Invalid entity (tasks[0].type: must not be null; id: must match ...)}: the
   * status, the type when there is one, the message, and every field problem.
   */
  public String describe() {
    StringBuilder out = new StringBuilder().append(status);
    typeName().ifPresent(t -> out.append(' ').append(t));
    out.append(": ").append(message.isBlank() ? "(no message)" : message.strip());
    if (!fields.isEmpty()) {
      String listed = fields.stream().map(FieldError::describe).collect(Collectors.joining("; "));
      if (!message.contains(listed)) {
        out.append(" [").append(listed).append(']');
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
