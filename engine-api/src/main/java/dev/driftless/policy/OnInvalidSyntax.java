package dev.driftless.policy;

/**
 * What a document that does not parse does to the plan. In every case it is not written, and it
 * never turns into a deletion of the other side's copy.
 */
public enum OnInvalidSyntax {
  /** The plan carries an error and cannot be applied. */
  FAIL,
  /** The document is left alone with a warning; the rest of the plan goes ahead. */
  WARN,
  /** The document is left alone with a note; the rest of the plan goes ahead. */
  SKIP
}
