package dev.driftless.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@code {{ secret('NAME') }}} from the environment as Kestra's environment-variable
 * secrets do: {@code SECRET_NAME} holds the value base64-encoded; a plain {@code NAME} is accepted
 * too.
 */
final class Secrets {

  private Secrets() {}

  static Function<String, Optional<String>> fromEnvironment(Map<String, String> env) {
    return name -> {
      String encoded = env.get("SECRET_" + name);
      if (encoded != null) {
        try {
          return Optional.of(new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new UserError("SECRET_" + name + " is not base64 (Kestra's secrets in the environment are base64-encoded)");
        }
      }
      return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
    };
  }
}
