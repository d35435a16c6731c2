package dev.driftless.resource;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A content hash, {@code sha256:<64 hex digits>}. Two contents are byte-for-byte equal exactly
 * when their fingerprints are equal; compare-and-swap and the plan's before/after states use it.
 */
public record Fingerprint(String value) implements Comparable<Fingerprint> {

  private static final String PREFIX = "sha256:";
  private static final int LENGTH = PREFIX.length() + 64;
  /** Cloned for each digest: cheaper than looking the algorithm up among the providers every time. */
  private static final MessageDigest PROTOTYPE = lookUp();

  public Fingerprint {
    Objects.requireNonNull(value, "value");
    if (!wellFormed(value)) {
      throw new IllegalArgumentException("not a fingerprint (expected sha256:<64 hex digits>): '" + value + "'");
    }
  }

  /** The fingerprint of the given bytes. */
  public static Fingerprint of(byte[] bytes) {
    return new Fingerprint(PREFIX + HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  /** Parses the textual form written by {@link #toString()}. */
  public static Fingerprint parse(String value) {
    return new Fingerprint(value);
  }

  /** The first twelve hex digits, enough to tell versions apart in human output. */
  public String shortForm() {
    return value.substring(PREFIX.length(), PREFIX.length() + 12);
  }

  /** Whether the text is {@code sha256:} and 64 lower-case hex digits. */
  private static boolean wellFormed(String value) {
    if (value.length() != LENGTH || !value.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  static MessageDigest sha256() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return lookUp();
    }
  }

  private static MessageDigest lookUp() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public int compareTo(Fingerprint other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
