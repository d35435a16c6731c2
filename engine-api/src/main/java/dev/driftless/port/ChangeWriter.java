package dev.driftless.port;

import dev.driftless.resource.Side;

/**
 * Writes to one side what the applier tells it, and nothing else. It does not decide: the plan
 * did.
 */
public interface ChangeWriter {

  Side side();

  /**
   * Opens a session that writes the given keys, reading their current state first (in bulk) so
   * that the applier can compare and swap. The caller closes the session.
   */
  WriteSession begin(WriteIntent intent);
}
