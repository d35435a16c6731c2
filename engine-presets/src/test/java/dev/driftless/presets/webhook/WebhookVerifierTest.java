package dev.driftless.presets.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.driftless.git.Forge;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

  private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

  @Test
  void github_acceptsTheDocumentedExampleSignature() {
    // GitHub's documentation example: secret "It's a Secret to Everybody", payload "Hello, World!".
    WebhookVerifier verifier = WebhookVerifier.github("It's a Secret to Everybody");
    Map<String, String> headers = Map.of("X-Hub-Signature-256",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    assertEquals(WebhookVerifier.Verdict.ACCEPTED, verifier.verify(headers, BODY));
  }

  @Test
  void github_refusesATamperedBodyOrAMissingSignature() {
    WebhookVerifier verifier = WebhookVerifier.github("s3cret");
    String signature = verifier.githubSignature(BODY);
    assertEquals(WebhookVerifier.Verdict.BAD_SIGNATURE,
        verifier.verify(Map.of("x-hub-signature-256", signature), "Hello, World?".getBytes(StandardCharsets.UTF_8)));
    assertEquals(WebhookVerifier.Verdict.MISSING_SIGNATURE, verifier.verify(Map.of(), BODY));
  }

  @Test
  void gitlab_comparesTheToken() {
    WebhookVerifier verifier = WebhookVerifier.gitlab("t0ken");
    assertEquals(WebhookVerifier.Verdict.ACCEPTED, verifier.verify(Map.of("X-Gitlab-Token", "t0ken"), BODY));
    assertEquals(WebhookVerifier.Verdict.BAD_SIGNATURE, verifier.verify(Map.of("X-Gitlab-Token", "wrong"), BODY));
    assertFalse(verifier.toString().contains("t0ken"));
  }

  @Test
  void forge_isTheForgeTheGitSideNames() {
    assertEquals(Forge.GITHUB, WebhookVerifier.github("s3cret").forge());
    assertEquals(Forge.GITLAB, WebhookVerifier.gitlab("t0ken").forge());
  }
}
