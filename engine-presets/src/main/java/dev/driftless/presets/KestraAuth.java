package dev.driftless.presets;

import dev.driftless.credential.Secret;
import java.util.Objects;
import java.util.Optional;

/** The plugin's {@code auth: {username, password, apiToken}} for reaching Kestra's API. */
public record KestraAuth(Optional<String> username, Optional<Secret> password, Optional<Secret> apiToken) {

  public KestraAuth {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(apiToken, "apiToken");
  }

  public static KestraAuth basic(String username, Secret password) {
    return new KestraAuth(Optional.of(username), Optional.of(password), Optional.empty());
  }

  public static KestraAuth token(Secret apiToken) {
    return new KestraAuth(Optional.empty(), Optional.empty(), Optional.of(apiToken));
  }
}
