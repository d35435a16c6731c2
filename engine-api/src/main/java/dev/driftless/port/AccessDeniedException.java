package dev.driftless.port;

/** A side refused the credentials or the host could not be verified. Not retried. */
public class AccessDeniedException extends DriftlessException {

  public AccessDeniedException(String message) {
    super(message);
  }

  public AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
