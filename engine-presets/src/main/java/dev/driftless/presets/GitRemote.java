package dev.driftless.presets;

import dev.driftless.credential.Secret;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a task reaches its Git remote: the plugin's connection properties, plus host key settings
 * (the plugin never verifies SSH host keys; Driftless does by default).
 */
public interface GitRemote {

  /** The remote: a local path, {@code file://}, {@code https://}, {@code ssh://} or {@code git@host:org/repo}. */
  Optional<String> url();

  Optional<String> username();

  /** The password or personal access token for HTTPS. */
  Optional<Secret> password();

  /** An SSH private key (PEM or OpenSSH format), as content. */
  Optional<Secret> privateKey();

  Optional<Secret> passphrase();

  /** A PEM file with the CA certificates to trust for this remote only. */
  Optional<String> trustedCaPemPath();

  @Value.Default
  default boolean noProxy() {
    return false;
  }

  /** Milliseconds. */
  @Value.Default
  default int connectTimeout() {
    return 10_000;
  }

  /** Milliseconds. */
  @Value.Default
  default int readTimeout() {
    return 60_000;
  }

  /** Git configuration applied to the local clone ({@code core.autocrlf: false}). */
  Map<String, String> gitConfig();

  /** A known_hosts file to verify SSH host keys against. */
  Optional<String> knownHostsPath();

  /** A pinned SSH host key, as a known_hosts line ({@code [host]:port ssh-ed25519 AAAA...}). */
  Optional<String> hostKey();

  /** Verify SSH host keys (default); turning it off is explicit and reported. */
  @Value.Default
  default boolean strictHostKeyChecking() {
    return true;
  }
}
