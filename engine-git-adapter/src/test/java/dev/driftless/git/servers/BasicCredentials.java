package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A user and a token for HTTP Basic auth. {@link #toString()} shows the user only.
 *
 * @param user  the user name
 * @param token the secret
 */
public record BasicCredentials(String user, String token) {

  public BasicCredentials {
    if (user == null || user.isEmpty() || user.contains(":")) {
      throw new IllegalArgumentException("user must be non-empty and contain no ':'");
    }
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("token is empty");
    }
  }

  /** The user {@code driftless} with a fresh random token. */
  public static BasicCredentials random() {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    return new BasicCredentials("driftless", "tok_" + HexFormat.of().formatHex(secret));
  }

  /** The same user with a different token: what a client with a wrong token sends. */
  public BasicCredentials withWrongToken() {
    return new BasicCredentials(user, token + "-wrong");
  }

  /** For JGit's {@code setCredentialsProvider}. */
  public CredentialsProvider provider() {
    return new UsernamePasswordCredentialsProvider(user, token);
  }

  /** Whether an {@code Authorization} header value carries exactly these credentials. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    byte[] expected = (user + ":" + token).getBytes(UTF_8);
    return MessageDigest.isEqual(given, expected);
  }

  static String challenge(String realm) {
    return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
  }

  @Override
  public String toString() {
    return "BasicCredentials[user=" + user + ", token=***]";
  }
}
