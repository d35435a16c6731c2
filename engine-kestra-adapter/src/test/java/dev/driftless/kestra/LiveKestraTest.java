package dev.driftless.kestra;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The adapter contract against a real Kestra, when {@code KESTRA_URL}, {@code KESTRA_USERNAME} and
 * {@code KESTRA_PASSWORD} (and optionally {@code KESTRA_TENANT}) are set; skipped otherwise. Every
 * test works in a namespace {@code driftless.it.t<random>} of its own and removes what it wrote
 * (dashboards: one with a random id, removed at the end of its test).
 *
 * <pre>{@code
 * KESTRA_URL=http://localhost:8080 KESTRA_USERNAME=admin@kestra.io KESTRA_PASSWORD=... \
 *   ./mvnw -pl engine-kestra-adapter verify -Dtest=LiveKestraTest
 * }</pre>
 */
@EnabledIfEnvironmentVariable(named = "KESTRA_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "KESTRA_USERNAME", matches = ".+")
@EnabledIfEnvironmentVariable(named = "KESTRA_PASSWORD", matches = ".+")
class LiveKestraTest extends AdapterContract {

  @Override
  protected KestraSettings settings() {
    KestraSettings.Builder builder = KestraSettings.builder();
    builder.url(System.getenv("KESTRA_URL"))
        .auth(KestraAuth.basic(System.getenv("KESTRA_USERNAME"), secret()))
        .requestTimeout(Duration.ofSeconds(30));
    Optional.ofNullable(System.getenv("KESTRA_TENANT")).filter(t -> !t.isBlank()).ifPresent(builder::tenant);
    return builder.build();
  }

  @Override
  protected KestraSettings refusedSettings() {
    return settings().withAuth(KestraAuth.basic(System.getenv("KESTRA_USERNAME"), "Not-" + secret()));
  }

  @Override
  protected String secret() {
    return System.getenv("KESTRA_PASSWORD");
  }
}
