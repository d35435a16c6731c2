package dev.driftless.cli;

import dev.driftless.credential.Secret;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.presets.KestraConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kestra server of {@code --kestra} and {@code --tenant} with the credentials the environment
 * holds, as the presets' connection properties: the CLI reaches Kestra by the same
 * {@link KestraConnection#kestraSettings} and the same rules as a task file's {@code kestraUrl},
 * {@code tenantId} and {@code auth}. Credentials come only from the environment or the files it
 * names, never from arguments.
 */
record CliKestraConnection(String kestraUrl, Optional<KestraAuth> auth, Optional<String> tenantId)
    implements KestraConnection {

  CliKestraConnection {
    Objects.requireNonNull(kestraUrl, "kestraUrl");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(tenantId, "tenantId");
  }

  /**
   * The server at {@code url}, signed in with {@code KESTRA_API_TOKEN}, or {@code KESTRA_USERNAME}
   * and {@code KESTRA_PASSWORD} (or the file {@code KESTRA_PASSWORD_FILE} names); anonymous when
   * none is set.
   *
   * @throws UserError when only half the user and password are set, or the password file cannot be read
   */
  static CliKestraConnection of(String url, Optional<String> tenant, Map<String, String> env) {
    return new CliKestraConnection(url, auth(env), tenant);
  }

  /**
   * The credentials the environment holds, as {@link #of} reads them; none when none is set. Also
   * the credentials of {@code run}'s tasks that set no {@code auth}.
   *
   * @throws UserError when only half the user and password are set, or the password file cannot be read
   */
  static Optional<KestraAuth> auth(Map<String, String> env) {
    String token = env.get("KESTRA_API_TOKEN");
    if (token != null && !token.isEmpty()) {
      return Optional.of(new KestraAuth.ApiToken(Secret.of(token, "environment KESTRA_API_TOKEN")));
    }
    Optional<String> user = Optional.ofNullable(env.get("KESTRA_USERNAME"));
    Optional<Secret> password = Optional.ofNullable(env.get("KESTRA_PASSWORD"))
        .map(p -> Secret.of(p, "environment KESTRA_PASSWORD"))
        .or(() -> Secrets.fromFileIn(env, "KESTRA_PASSWORD_FILE", true));
    if (user.isPresent() && password.isPresent()) {
      return Optional.of(new KestraAuth.Basic(user.get(), password.get()));
    }
    if (user.isPresent() || password.isPresent()) {
      throw new UserError("set both KESTRA_USERNAME and KESTRA_PASSWORD, or KESTRA_API_TOKEN");
    }
    return Optional.empty();
  }
}
