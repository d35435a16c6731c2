package dev.driftless.kestra;

import dev.driftless.port.DriftlessException;
import java.util.Objects;

/**
 * Kestra answered a call with an error that is neither a refused credential (that is an
 * {@link dev.driftless.port.AccessDeniedException}) nor a passing outage (a
 * {@link dev.driftless.port.SideUnavailableException}). The decoded answer is in {@link #error()}.
 */
public class KestraApiException extends DriftlessException {

  private final ApiError error;

  public KestraApiException(String message, ApiError error) {
    super(message);
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The answer as Kestra gave it: status, problem type, message and field paths. */
  public ApiError error() {
    return error;
  }
}
