package dev.driftless.emulator.internal;

/**
 * The kinds of error the emulator answers, with their status, their RFC 9457 type and title (2.x)
 * and the reason Kestra's legacy {@code JsonError} messages start with (0.x to 1.x).
 */
public enum ProblemType {
  BAD_REQUEST(400, "bad-request", "Bad request", "Bad Request"),
  UNAUTHENTICATED(401, "unauthenticated", "Unauthenticated", "Unauthorized"),
  FORBIDDEN(403, "forbidden", "Forbidden", "Forbidden"),
  NOT_FOUND(404, "not-found", "Resource not found", "Not Found"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed", "Method Not Allowed"),
  NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable", "Not Acceptable"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type", "Unsupported Media Type"),
  ALREADY_EXISTS(409, "entity-already-exists", "Entity already exists", "Conflict"),
  CONFLICT(409, "conflict", "Conflict", "Illegal state"),
  VALIDATION_FAILED(422, "validation-failed", "Validation failed", "Invalid entity"),
  INVALID_ENTITY(422, "invalid-entity", "Invalid entity", "Illegal argument"),
  TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests", "Too Many Requests"),
  INTERNAL_ERROR(500, "internal-error", "Internal server error", "Internal server error"),
  SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable", "Service Unavailable"),
  GATEWAY_TIMEOUT(504, "gateway-timeout", "Gateway timeout", "Gateway Timeout");

  /** Where the problem type URIs live. */
  public static final String TYPE_BASE = "https://kestra.io/problems/";

  private final int status;
  private final String slug;
  private final String title;
  private final String legacyReason;

  ProblemType(int status, String slug, String title, String legacyReason) {
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.legacyReason = legacyReason;
  }

  public int status() {
    return status;
  }

  public String type() {
    return TYPE_BASE + slug;
  }

  public String title() {
    return title;
  }

  public String legacyReason() {
    return legacyReason;
  }

  /** The problem an injected fault status stands for. */
  public static ProblemType forStatus(int status) {
    for (ProblemType p : values()) {
      if (p.status == status) {
        return p;
      }
    }
    throw new IllegalArgumentException("no problem kind for status " + status);
  }
}
