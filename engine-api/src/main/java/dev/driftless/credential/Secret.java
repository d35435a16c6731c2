package dev.driftless.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential (a password, a token, a private key, a passphrase) held so that it cannot leak by
 * accident: {@link #toString()} never shows the value, only where it came from when that is known
 * ({@code secret('GITHUB_TOKEN')}). Only {@link #reveal()} gives the value, for the one place that
 * sends it.
 */
public final class Secret {

  private final String value;
  private final Optional<String> source;

  private Secret(String value, Optional<String> source) {
    Objects.requireNonNull(value, "secret value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    this.value = value;
    this.source = source;
  }

  /**
   * A secret holding the given value.
   *
   * @throws IllegalArgumentException when it is empty: an empty credential is a mistake, not a secret
   */
  public static Secret of(String value) {
    return new Secret(value, Optional.empty());
  }

  /**
   * A secret holding the given value, and where it came from for messages.
   *
   * @param source {@code secret('GITHUB_TOKEN')}, {@code environment GIT_PASSWORD}, a file name
   */
  public static Secret of(String value, String source) {
    return new Secret(value, Optional.of(source));
  }

  /** The value itself. Never put it into a message, a log or a {@code toString()}. */
  public String reveal() {
    return value;
  }

  /** Where it came from, when known. */
  public Optional<String> source() {
    return source;
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
    return source.map(s -> "***(" + s + ")").orElse("***");
  }
}
