package dev.driftless.cli;

import dev.driftless.credential.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets from the environment: {@code {{ secret('NAME') }}} as Kestra's environment-variable
 * secrets resolve it ({@code SECRET_NAME} holds the value base64-encoded; a plain {@code NAME} is
 * accepted too), and the files variables such as {@code KESTRA_PASSWORD_FILE} name.
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

  /**
   * The secret held by the file the environment variable names ({@code GIT_SSH_KEY_FILE}), if it
   * names one; {@code strip} for a password, whose file may end with a line break.
   *
   * @throws UserError when the file cannot be read or is empty
   */
  static Optional<Secret> fromFileIn(Map<String, String> env, String variable, boolean strip) {
    String file = env.get(variable);
    if (file == null) {
      return Optional.empty();
    }
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | InvalidPathException e) {
      throw new UserError("cannot read " + variable + " " + file + ": " + reason(e), e);
    }
    String value = strip ? text.strip() : text;
    if (value.isBlank()) {
      throw new UserError(variable + " " + file + " is empty");
    }
    return Optional.of(Secret.of(value, variable + " " + file));
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? "it is not a readable file" : e.getMessage();
  }
}
