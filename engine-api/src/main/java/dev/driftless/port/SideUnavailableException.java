package dev.driftless.port;

/** A side could not be reached, timed out, or failed in a way retries did not cure. */
public class SideUnavailableException extends DriftlessException {

  public SideUnavailableException(String message) {
    super(message);
  }

  public SideUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
