package dev.driftless.port;

/**
 * The location to read does not exist: a branch, a directory, a namespace. Never read as an empty
 * source, because an empty source would plan the deletion of everything.
 */
public class SourceNotFoundException extends DriftlessException {

  public SourceNotFoundException(String message) {
    super(message);
  }
}
