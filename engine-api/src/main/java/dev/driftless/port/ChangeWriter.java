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

  /**
   * Whether this writer keeps a two-way sync's baseline: its sessions read the stored baseline when
   * they begin ({@link WriteSession#baseline()}) and record the next one with their commit
   * ({@link WriteSession#stageBaseline}). A two-way plan is applied only with such a writer.
   */
  default boolean keepsBaseline() {
    return false;
  }
}
