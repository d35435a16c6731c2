package dev.driftless.git;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the SSH host key of a remote is verified. Verification is on unless
 * {@link #acceptAnyHostKeyInsecurely()} is chosen by name: a host whose key is not known, or
 * whose key changed, is refused with a message saying which key it offered.
 *
 * <pre>{@code
 * HostKeys.knownHosts(Path.of("/etc/driftless/known_hosts"))
 * HostKeys.knownHostsText("github.com ssh-rsa AAAA...")
 * HostKeys.pinned("SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")
 * }</pre>
 *
 * <p>The default ({@link #userKnownHosts()}) reads {@code ~/.ssh/known_hosts} of the user running
 * the JVM, as OpenSSH does with {@code StrictHostKeyChecking yes}; nothing else from that user's SSH
 * setup (config, agent, keys) is ever used.
 */
public final class HostKeys {

  /** Where the trusted keys come from. */
  public enum Source {
    /** A {@code known_hosts} file. */
    KNOWN_HOSTS_FILE,
    /** {@code known_hosts} lines given as text. */
    KNOWN_HOSTS_TEXT,
    /** One key, as {@code <type> <base64>} or as an OpenSSH {@code SHA256:} fingerprint. */
    PINNED,
    /** No verification at all. */
    ACCEPT_ANY_INSECURE
  }

  private static final Pattern KEY_LINE = Pattern.compile("(^|\\s)(ssh-|ecdsa-|sk-)[A-Za-z0-9@._-]+\\s+[A-Za-z0-9+/=]+");

  private final Source source;
  private final String value;

  private HostKeys(Source source, String value) {
    this.source = source;
    this.value = value;
  }

  /** Keys from a {@code known_hosts} file (plain or hashed host names, {@code [host]:port} patterns). */
  public static HostKeys knownHosts(Path file) {
    return new HostKeys(Source.KNOWN_HOSTS_FILE, Objects.requireNonNull(file, "file").toString());
  }

  /** Keys from {@code known_hosts} lines, e.g. a secret or a setting holding them. */
  public static HostKeys knownHostsText(String lines) {
    return new HostKeys(Source.KNOWN_HOSTS_TEXT, Objects.requireNonNull(lines, "lines"));
  }

  /**
   * Exactly one key, whatever the host: {@code ecdsa-sha2-nistp256 AAAA...} (a {@code .pub} line,
   * or a whole {@code known_hosts} line, whose host part is then ignored; a trailing comment is
   * allowed) or {@code SHA256:...} as {@code ssh-keygen -lf} prints it.
   */
  public static HostKeys pinned(String key) {
    return new HostKeys(Source.PINNED, Objects.requireNonNull(key, "key").strip());
  }

  /** {@code ~/.ssh/known_hosts} of the user running the JVM; the default. */
  public static HostKeys userKnownHosts() {
    return knownHosts(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
  }

  /**
   * Accepts whatever key the host offers: anyone between here and the host can read and change
   * what is fetched and pushed. Only for throw-away test setups.
   */
  public static HostKeys acceptAnyHostKeyInsecurely() {
    return new HostKeys(Source.ACCEPT_ANY_INSECURE, "");
  }

  public Source source() {
    return source;
  }

  /** The file path, the text, or the pinned key; empty when verification is off. */
  public String value() {
    return value;
  }

  public boolean verifies() {
    return source != Source.ACCEPT_ANY_INSECURE;
  }

  /**
   * What is wrong with these settings, worded to follow their name, or empty when they are usable (a
   * pinned key's form, not the file's existence).
   */
  String problem() {
    return switch (source) {
      case KNOWN_HOSTS_FILE -> value.isBlank() ? "names an empty known_hosts path" : "";
      case KNOWN_HOSTS_TEXT -> value.isBlank() ? "holds empty known_hosts text; every host would be refused" : "";
      case PINNED -> value.startsWith("SHA256:") || KEY_LINE.matcher(value).find() ? ""
          : "pins a key that is neither '<type> <base64>' (optionally after a known_hosts host pattern) nor "
              + "'SHA256:<fingerprint>'";
      case ACCEPT_ANY_INSECURE -> "";
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HostKeys that && source == that.source && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, value);
  }

  @Override
  public String toString() {
    return switch (source) {
      case KNOWN_HOSTS_FILE -> "HostKeys[known_hosts file " + value + "]";
      case KNOWN_HOSTS_TEXT -> "HostKeys[known_hosts text, " + value.lines().count() + " lines]";
      case PINNED -> "HostKeys[pinned " + value + "]";
      case ACCEPT_ANY_INSECURE -> "HostKeys[ACCEPT ANY HOST KEY, INSECURE]";
    };
  }
}
