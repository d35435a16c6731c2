package dev.driftless.plugin;

/** A sync that planned but could not apply, or applied only in part; its message says why, for people. */
public class SyncFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  public SyncFailedException(String message) {
    super(message);
  }
}
