package dev.driftless.kestra;

import dev.driftless.credential.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How the adapter authenticates to Kestra: not at all, with HTTP Basic (a user and a password, as
 * Kestra OSS checks them), or with an Enterprise API token sent as a Bearer credential.
 *
 * <p>Credentials live in {@link Secret}s: {@code toString()} of every variant shows the user name at
 * most, never the password or the token.
 */
public sealed interface KestraAuth permits KestraAuth.None, KestraAuth.Basic, KestraAuth.ApiToken {

  /** No credentials: for servers without authentication (Kestra OSS before 0.24 without Basic auth). */
  static KestraAuth none() {
    return None.INSTANCE;
  }

  /** HTTP Basic with a user (usually an e-mail address) and a password. */
  static KestraAuth basic(String username, String password) {
    return new Basic(username, Secret.of(Objects.requireNonNull(password, "password")));
  }

  /** A Kestra Enterprise API token, sent as {@code Authorization: Bearer <token>}. */
  static KestraAuth apiToken(String token) {
    return new ApiToken(Secret.of(Objects.requireNonNull(token, "token")));
  }

  /** Who is asking, for messages: {@code user admin@example.com}, {@code an API token}, {@code no credentials}. */
  String principal();

  /**
   * The value of the {@code Authorization} header, empty without credentials. It carries the
   * credential: hand it to the transport and nowhere else.
   */
  Optional<String> authorizationHeader();

  /** No credentials. */
  enum None implements KestraAuth {
    INSTANCE;

    @Override
    public String principal() {
      return "no credentials";
    }

    @Override
    public Optional<String> authorizationHeader() {
      return Optional.empty();
    }

    @Override
    public String toString() {
      return "None";
    }
  }

  /**
   * HTTP Basic credentials.
   *
   * @param username the user, shown in messages; must not contain {@code :} or control characters
   * @param password the password, never shown
   */
  record Basic(String username, Secret password) implements KestraAuth {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty()) {
        throw new IllegalArgumentException("the Basic auth username must not be empty");
      }
      if (username.indexOf(':') >= 0) {
        throw new IllegalArgumentException("the Basic auth username must not contain ':'");
      }
      for (int i = 0; i < username.length(); i++) {
        if (Character.isISOControl(username.charAt(i))) {
          throw new IllegalArgumentException("the Basic auth username must not contain control characters");
        }
      }
    }

    @Override
    public String principal() {
      return "user " + username;
    }

    @Override
    public Optional<String> authorizationHeader() {
      String pair = username + ":" + password.reveal();
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * An Enterprise API token.
   *
   * @param token the token, never shown
   */
  record ApiToken(Secret token) implements KestraAuth {
    public ApiToken {
      Objects.requireNonNull(token, "token");
      if (token.reveal().isBlank()) {
        throw new IllegalArgumentException("the API token must not be blank");
      }
    }

    @Override
    public String principal() {
      return "an API token";
    }

    @Override
    public Optional<String> authorizationHeader() {
      return Optional.of("Bearer " + token.reveal().trim());
    }
  }
}
