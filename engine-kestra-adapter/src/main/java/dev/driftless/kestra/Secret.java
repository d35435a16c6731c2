package dev.driftless.kestra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (a password, an API token) held so that it cannot leak by accident:
 * {@link #toString()} is {@code ***}, so settings, messages and exceptions that print it show
 * nothing. Only {@link #reveal()} gives the value, for the one place that builds the
 * {@code Authorization} header.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * A secret holding the given value.
   *
   * @throws IllegalArgumentException when it is empty: an empty credential is a mistake, not a secret
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The value itself. Never put it into a message, a log or a {@code toString()}. */
  public String reveal() {
    return value;
  }

  /** Constant-time comparison, so that equality does not leak the value through timing. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  /** The same for every secret: a hash would tell secrets apart. */
  @Override
  public int hashCode() {
    return 0x5ec7e7;
  }

  @Override
  public String toString() {
    return "***";
  }
}
