package dev.driftless.core.preset;

import java.util.Objects;

/**
 * A credential: a token, a password, a private key, a passphrase. It never shows its value:
 * {@link #toString()} names only where it came from ({@code secret('GITHUB_TOKEN')}).
 */
public final class Secret {

  private final String value;
  private final String source;

  private Secret(String value, String source) {
    this.value = Objects.requireNonNull(value, "value");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * @param value the credential
   * @param source where it came from, for messages: {@code secret('GITHUB_TOKEN')}, {@code environment}
   */
  public static Secret of(String value, String source) {
    return new Secret(value, source);
  }

  /** The credential itself, for the one place that sends it. */
  public String reveal() {
    return value;
  }

  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[" + source + "]";
  }
}
