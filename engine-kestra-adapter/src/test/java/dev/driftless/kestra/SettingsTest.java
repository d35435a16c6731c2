package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.plan.PlanOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void defaults_suitAServerOnTheSameNetwork() {
    KestraSettings settings = KestraSettings.builder().url("http://localhost:8080/").build();
    assertEquals(URI.create("http://localhost:8080"), settings.baseUri());
    assertEquals(PathStyle.AUTO, settings.paths());
    assertEquals(KestraAuth.none(), settings.auth());
    assertEquals(8, settings.writeConcurrency());
    assertEquals(8, settings.readConcurrency());
    assertEquals(Duration.ofSeconds(10), settings.connectTimeout());
    assertEquals(Duration.ofSeconds(60), settings.requestTimeout());
    assertFalse(settings.includeDrafts());
    assertFalse(settings.allowMissingNamespaces());
    assertTrue(settings.tenant().isEmpty());
  }

  @Test
  void namespaceFileSizeLimit_isThePlannersAndTheGitSidesLimit() {
    KestraSettings settings = KestraSettings.builder().url("http://localhost:8080").build();
    assertEquals(10L * 1024 * 1024, settings.namespaceFileSizeLimit());
    assertEquals(PlanOptions.DEFAULT_MAX_RESOURCE_BYTES, settings.namespaceFileSizeLimit());
  }

  @Test
  void everyProblemIsListed_atOnce() {
    KestraSettings.Builder builder = KestraSettings.builder();
    builder.url("ftp://kestra.example.com/api/v1").tenant("no/slash").paths(PathStyle.LEGACY)
        .connectTimeout(Duration.ZERO).maxAttempts(0).writeConcurrency(0).readConcurrency(65).namespaceFileSizeLimit(0).pageSize(0)
        .retryBaseDelay(Duration.ofSeconds(5)).retryMaxDelay(Duration.ofSeconds(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    String message = e.getMessage();
    for (String expected : new String[] {"http:// or https://", "without /api/v1", "tenant 'no/slash' is not valid",
        "paths are LEGACY", "connectTimeout must be positive", "maxAttempts must be between",
        "writeConcurrency must be between",
        "readConcurrency must be between 1 and 64, got 65", "namespaceFileSizeLimit", "pageSize", "retryMaxDelay"}) {
      assertTrue(message.contains(expected), () -> "missing '" + expected + "' in:\n" + message);
    }
    assertEquals(11, message.split("\n  - ").length - 1, message);
  }

  @Test
  void credentials_neverShow_inToStringOrInProblems() {
    KestraSettings settings = KestraSettings.builder().url("https://kestra.example.com")
        .auth(KestraAuth.basic("admin@example.com", "Sup3rSecret!")).build();
    assertTrue(settings.toString().contains("admin@example.com"), settings.toString());
    assertFalse(settings.toString().contains("Sup3rSecret!"), settings.toString());
    assertFalse(KestraAuth.apiToken("tok-abc-123").toString().contains("tok-abc-123"));
    assertFalse(settings.withAuth(KestraAuth.apiToken("tok-abc-123")).toString().contains("tok-abc-123"));

    IllegalArgumentException inUrl = assertThrows(IllegalArgumentException.class,
        () -> KestraSettings.builder().url("https://admin:Sup3rSecret!@kestra.example.com").build());
    assertTrue(inUrl.getMessage().contains("must not carry credentials"), inUrl.getMessage());
    assertFalse(inUrl.getMessage().contains("Sup3rSecret!"), inUrl.getMessage());
    IllegalArgumentException noScheme = assertThrows(IllegalArgumentException.class,
        () -> KestraSettings.builder().url("admin:Sup3rSecret!@kestra").build());
    assertFalse(noScheme.getMessage().contains("Sup3rSecret!"), noScheme.getMessage());
  }

  @Test
  void auth_refusesWhatHttpBasicCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> KestraAuth.basic("a:b", "pw"));
    assertThrows(IllegalArgumentException.class, () -> KestraAuth.basic("", "pw"));
    assertThrows(IllegalArgumentException.class, () -> KestraAuth.basic("user", ""));
    assertThrows(IllegalArgumentException.class, () -> KestraAuth.apiToken(" "));
    assertEquals("user admin", KestraAuth.basic("admin", "pw").principal());
    assertEquals("Bearer tok", KestraAuth.apiToken("tok").authorizationHeader().orElseThrow());
  }

  @Test
  void secrets_compareByValue_butHashAlike() {
    assertEquals(Secret.of("a"), Secret.of("a"));
    assertFalse(Secret.of("a").equals(Secret.of("b")));
    assertEquals(Secret.of("a").hashCode(), Secret.of("b").hashCode());
    assertEquals("***", Secret.of("a").toString());
  }
}
