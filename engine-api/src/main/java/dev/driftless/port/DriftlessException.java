package dev.driftless.port;

/**
 * An unexpected failure of the infrastructure around the engine: a side that cannot be reached, a
 * location that does not exist, credentials refused. Messages say what, where and what to do, and
 * never contain credentials.
 */
public class DriftlessException extends RuntimeException {

  public DriftlessException(String message) {
    super(message);
  }

  public DriftlessException(String message, Throwable cause) {
    super(message, cause);
  }
}
