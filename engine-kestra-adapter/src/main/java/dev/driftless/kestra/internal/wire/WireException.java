package dev.driftless.kestra.internal.wire;

import dev.driftless.port.DriftlessException;

/** Kestra answered with a body the adapter cannot read: not JSON, or not the shape expected. */
public final class WireException extends DriftlessException {

  public WireException(String message) {
    super(message);
  }
}
