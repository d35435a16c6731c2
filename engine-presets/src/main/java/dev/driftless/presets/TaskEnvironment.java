package dev.driftless.presets;

import dev.driftless.kestra.KestraAuth;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What a task file's surroundings give it outside Kestra, where Kestra would give it inside: the
 * secrets {@code {{ secret('NAME') }}} looks up, the tenant ({@code {{ flow.tenantId }}}, and the
 * {@code tenantId} of tasks that set none), and the Kestra server and credentials of tasks that set
 * no {@code kestraUrl} or {@code auth} (inside Kestra, the server's {@code kestra.url} and the
 * plugin's {@code auth.auto}). A file that sets them keeps its own.
 *
 * @param secrets looks a secret's value up by name
 * @param tenantId the tenant the file runs for, when it was given
 * @param kestraUrl the Kestra server of tasks without {@code kestraUrl}, when it was given
 * @param kestraAuth the credentials of tasks without {@code auth}, asked for only when a task
 *     has none (it may fail, naming what is missing)
 * @param urls where a Git {@code url} or a {@code kestraUrl} that the file names is reached
 *     instead (the identity unless the caller redirects, as git's {@code url.<base>.insteadOf})
 */
public record TaskEnvironment(Function<String, Optional<String>> secrets, Optional<String> tenantId,
    Optional<String> kestraUrl, Supplier<Optional<KestraAuth>> kestraAuth, UnaryOperator<String> urls) {

  /** The tenant of {@code {{ flow.tenantId }}} when none is given, as on open-source Kestra. */
  public static final String DEFAULT_TENANT = "main";

  public TaskEnvironment {
    Objects.requireNonNull(secrets, "secrets");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(kestraUrl, "kestraUrl");
    Objects.requireNonNull(kestraAuth, "kestraAuth");
    Objects.requireNonNull(urls, "urls");
  }

  /** No redirection of the file's URLs. */
  public TaskEnvironment(Function<String, Optional<String>> secrets, Optional<String> tenantId,
      Optional<String> kestraUrl, Supplier<Optional<KestraAuth>> kestraAuth) {
    this(secrets, tenantId, kestraUrl, kestraAuth, UnaryOperator.identity());
  }

  /** Only secrets: no tenant, and tasks without {@code kestraUrl} or {@code auth} keep the plugin's defaults. */
  public static TaskEnvironment of(Function<String, Optional<String>> secrets) {
    return new TaskEnvironment(secrets, Optional.empty(), Optional.empty(), Optional::empty);
  }

  public TaskEnvironment withTenantId(String value) {
    return new TaskEnvironment(secrets, Optional.of(value), kestraUrl, kestraAuth, urls);
  }

  public TaskEnvironment withKestraUrl(String value) {
    return new TaskEnvironment(secrets, tenantId, Optional.of(value), kestraAuth, urls);
  }

  public TaskEnvironment withKestraAuth(Supplier<Optional<KestraAuth>> value) {
    return new TaskEnvironment(secrets, tenantId, kestraUrl, value, urls);
  }

  /**
   * Reaches every Git {@code url} and {@code kestraUrl} the file names (and {@link #kestraUrl()})
   * where {@code value} says instead: a CI job or a container reaching a mirror, or a test its
   * servers on loopback, with the file unchanged.
   */
  public TaskEnvironment withUrls(UnaryOperator<String> value) {
    return new TaskEnvironment(secrets, tenantId, kestraUrl, kestraAuth, value);
  }

  /** {@code {{ flow.tenantId }}}: the tenant given, else {@value #DEFAULT_TENANT}. */
  public String flowTenantId() {
    return tenantId.orElse(DEFAULT_TENANT);
  }
}
