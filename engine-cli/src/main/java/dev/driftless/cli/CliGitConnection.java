package dev.driftless.cli;

import dev.driftless.credential.Secret;
import dev.driftless.presets.GitConnection;
import dev.driftless.style.ValueStyle;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The repository of {@code --git} with the credentials the environment holds, as the presets'
 * connection properties: the CLI reaches Git by the same {@link GitConnection#remote()} and the
 * same rules as a task file's {@code url}, {@code username}, {@code password}. Credentials come
 * only from the environment or the files it names, never from arguments.
 */
@Value.Immutable
@ValueStyle
abstract class CliGitConnection implements GitConnection {

  /**
   * The repository at {@code url} (none when {@code --git} is not given), with {@code GIT_USERNAME} and {@code GIT_PASSWORD} for HTTPS,
   * {@code GIT_SSH_KEY_FILE} and {@code GIT_SSH_PASSPHRASE} for SSH, host keys from
   * {@code GIT_KNOWN_HOSTS} (when it is not set, {@code GIT_STRICT_HOST_KEY_CHECKING=no} turns
   * their check off), and {@code GIT_SSL_CA_FILE} for a private CA.
   *
   * @throws UserError when the key file cannot be read
   */
  static CliGitConnection of(Optional<String> url, Map<String, String> env) {
    Builder connection = new Builder().url(url);
    Optional.ofNullable(env.get("GIT_USERNAME")).ifPresent(connection::username);
    Optional.ofNullable(env.get("GIT_PASSWORD")).filter(v -> !v.isEmpty())
        .ifPresent(v -> connection.password(Secret.of(v, "environment GIT_PASSWORD")));
    Secrets.fromFileIn(env, "GIT_SSH_KEY_FILE", false).ifPresent(connection::privateKey);
    Optional.ofNullable(env.get("GIT_SSH_PASSPHRASE")).filter(v -> !v.isEmpty())
        .ifPresent(v -> connection.passphrase(Secret.of(v, "environment GIT_SSH_PASSPHRASE")));
    Optional.ofNullable(env.get("GIT_SSL_CA_FILE")).ifPresent(connection::trustedCaPemPath);
    if (env.containsKey("GIT_KNOWN_HOSTS")) {
      connection.knownHostsPath(env.get("GIT_KNOWN_HOSTS"));
    } else if ("no".equals(env.get("GIT_STRICT_HOST_KEY_CHECKING"))) {
      connection.strictHostKeyChecking(false);
    }
    return connection.build();
  }

  static final class Builder extends ImmutableCliGitConnection.Builder {}
}
