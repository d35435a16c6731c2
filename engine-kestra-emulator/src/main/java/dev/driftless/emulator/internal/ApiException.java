package dev.driftless.emulator.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An error answer decided by a handler. Handlers throw it; the server renders it in the format of
 * the emulated version ({@link ErrorReplies}). Carries no stack trace: it is an answer, not a bug.
 */
public final class ApiException extends RuntimeException {

  private final ProblemType problem;
  private final String detail;
  private final List<ConstraintViolation> errors;
  private final Map<String, String> headers;

  public ApiException(ProblemType problem, String detail, List<ConstraintViolation> errors, Map<String, String> headers) {
    super(problem + ": " + detail, null, false, false);
    this.problem = Objects.requireNonNull(problem, "problem");
    this.detail = Objects.requireNonNull(detail, "detail");
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public ApiException(ProblemType problem, String detail) {
    this(problem, detail, List.of(), Map.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(ProblemType.NOT_FOUND, detail);
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(ProblemType.BAD_REQUEST, detail);
  }

  /** Kestra's {@code IllegalArgumentException}: 422. */
  public static ApiException illegalArgument(String detail) {
    return new ApiException(ProblemType.INVALID_ENTITY, detail);
  }

  /** Kestra's {@code IllegalStateException}: 409. */
  public static ApiException illegalState(String detail) {
    return new ApiException(ProblemType.CONFLICT, detail);
  }

  public static ApiException internal(String detail) {
    return new ApiException(ProblemType.INTERNAL_ERROR, detail);
  }

  /** Constraint violations: 422 with one entry per violation. */
  public static ApiException violations(List<ConstraintViolation> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("violations need at least one error");
    }
    // Kestra ends each violation with a line break, the last one too ("tasks: must not be empty\n").
    String detail = errors.stream()
        .map(e -> (e.path().isEmpty() ? e.message() : e.path() + ": " + e.message()) + "\n")
        .collect(Collectors.joining());
    return new ApiException(ProblemType.VALIDATION_FAILED, detail, errors, Map.of());
  }

  public static ApiException violation(String path, String message) {
    return violations(List.of(new ConstraintViolation(path, message)));
  }

  /**
   * An entity that already exists: a constraint violation (422) up to 1.x, a 409
   * {@code entity-already-exists} problem from 2.0.
   */
  public static ApiException alreadyExists(KestraVersion version, String path, String message, String detail) {
    if (version.duplicateIsConflict()) {
      return new ApiException(ProblemType.ALREADY_EXISTS, detail, List.of(new ConstraintViolation(path, message)), Map.of());
    }
    return violation(path, message);
  }

  public ApiException withHeader(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(headers);
    next.put(name, value);
    return new ApiException(problem, detail, errors, next);
  }

  public ProblemType problem() {
    return problem;
  }

  public String detail() {
    return detail;
  }

  public List<ConstraintViolation> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
