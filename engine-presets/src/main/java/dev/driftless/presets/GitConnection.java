package dev.driftless.presets;

import dev.driftless.credential.Secret;
import dev.driftless.git.GitRemote;
import dev.driftless.git.HostKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The plugin's properties for reaching a task's Git remote, plus host key settings (the plugin
 * never verifies SSH host keys; Driftless does by default). They stand for the Git adapter's
 * {@link GitRemote}, whose rules they are held to.
 */
public interface GitConnection {

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

  /**
   * The Git adapter's remote these properties stand for.
   *
   * @throws dev.driftless.port.InvalidSettingsException naming each setting that cannot work
   */
  default GitRemote remote() {
    GitRemote.Builder remote = GitRemote.builder();
    remote.url(url().orElse(""));
    username().ifPresent(remote::username);
    password().ifPresent(remote::password);
    privateKey().ifPresent(remote::privateKey);
    passphrase().ifPresent(remote::passphrase);
    trustedCaPemPath().map(Path::of).ifPresent(remote::trustedCaPem);
    remote.connectTimeout(Duration.ofMillis(connectTimeout()));
    remote.readTimeout(Duration.ofMillis(readTimeout()));
    remote.noProxy(noProxy());
    remote.hostKeys(hostKeys());
    return remote.build();
  }

  private HostKeys hostKeys() {
    if (!strictHostKeyChecking()) {
      return HostKeys.acceptAnyHostKeyInsecurely();
    }
    if (hostKey().isPresent()) {
      return HostKeys.pinned(hostKey().get());
    }
    return knownHostsPath().map(p -> HostKeys.knownHosts(Path.of(p))).orElseGet(HostKeys::userKnownHosts);
  }

  /** The property of these that a setting of {@link GitRemote} comes from. */
  default String propertyOf(String setting) {
    return switch (setting) {
      case "trustedCaPem" -> "trustedCaPemPath";
      case "privateKeyFile" -> "privateKey";
      case "hostKeys" -> hostKey().isPresent() ? "hostKey" : "knownHostsPath";
      default -> setting;
    };
  }
}
