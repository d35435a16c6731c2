package dev.driftless.presets.webhook;

import dev.driftless.git.Forge;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook delivery comes from the forge that knows the shared secret: GitHub signs
 * the body ({@code X-Hub-Signature-256: sha256=<HMAC-SHA256 hex>}), GitLab sends the token itself
 * ({@code X-Gitlab-Token}). Comparisons take constant time; the secret never appears in results.
 */
public final class WebhookVerifier {

  /** Why a delivery was refused, or that it was accepted. */
  public enum Verdict {
    ACCEPTED,
    MISSING_SIGNATURE,
    BAD_SIGNATURE;

    public boolean isAccepted() {
      return this == ACCEPTED;
    }
  }

  private final Forge forge;
  private final byte[] secret;

  private WebhookVerifier(Forge forge, byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("a webhook secret must not be empty");
    }
    this.forge = forge;
    this.secret = secret.clone();
  }

  public static WebhookVerifier github(String secret) {
    return new WebhookVerifier(Forge.GITHUB, secret.getBytes(StandardCharsets.UTF_8));
  }

  public static WebhookVerifier gitlab(String token) {
    return new WebhookVerifier(Forge.GITLAB, token.getBytes(StandardCharsets.UTF_8));
  }

  /** The forge whose deliveries this verifies: {@link Forge#GITHUB} or {@link Forge#GITLAB}. */
  public Forge forge() {
    return forge;
  }

  /**
   * @param headers the request headers (names in any case)
   * @param body the raw request body, exactly as received
   */
  public Verdict verify(Map<String, String> headers, byte[] body) {
    return switch (forge) {
      case GITHUB -> header(headers, "X-Hub-Signature-256")
          .map(h -> matches(h.strip(), "sha256=" + HexFormat.of().formatHex(hmac(body))))
          .orElse(Verdict.MISSING_SIGNATURE);
      case GITLAB -> header(headers, "X-Gitlab-Token")
          .map(h -> matches(h, new String(secret, StandardCharsets.UTF_8)))
          .orElse(Verdict.MISSING_SIGNATURE);
      case BITBUCKET, AZURE_DEVOPS, GITEA -> throw new IllegalStateException("no verifier for " + forge);
    };
  }

  /** The signature GitHub would send for this body; for tests and tools that deliver webhooks. */
  public String githubSignature(byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(body));
  }

  private static Verdict matches(String given, String expected) {
    boolean same = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    return same ? Verdict.ACCEPTED : Verdict.BAD_SIGNATURE;
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
    }
  }

  private static Optional<String> header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.ofNullable(e.getValue());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "WebhookVerifier[" + forge + "]";
  }
}
