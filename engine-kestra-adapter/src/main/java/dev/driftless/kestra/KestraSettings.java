package dev.driftless.kestra;

import dev.driftless.plan.PlanOptions;
import dev.driftless.port.InvalidSettingsException;
import dev.driftless.port.SettingProblem;
import dev.driftless.style.ValueStyle;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * How to reach one Kestra server and how to behave there. Only the {@link #url()} is required;
 * every other setting has a default that suits a server on the same network.
 *
 * <pre>{@code
 * KestraSettings settings = KestraSettings.builder()
 *     .url("https://kestra.example.com")
 *     .auth(KestraAuth.basic("admin@example.com", System.getenv("KESTRA_PASSWORD")))
 *     .build();
 * }</pre>
 *
 * <p>{@code build()} checks everything at once and lists every problem in one
 * {@link IllegalArgumentException}. {@code toString()} never shows a password or a token.
 */
@Value.Immutable
@ValueStyle
public abstract class KestraSettings {

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");
  private static final int MAX_ATTEMPTS = 20;
  /** The most {@link #readConcurrency()} may be. */
  public static final int MAX_READ_CONCURRENCY = 64;
  private static final int MAX_WRITE_CONCURRENCY = 64;
  private static final int MAX_PAGE_SIZE = 10_000;

  /** Only the generated implementation extends it. */
  KestraSettings() {}

  /** The server's address, such as {@code http://localhost:8080}, without {@code /api/v1}. */
  public abstract String url();

  /**
   * The tenant. Kestra OSS from 0.23 has exactly one, {@code main}, which is also the default on
   * Enterprise; servers before 0.23 have none. Empty means: decide from the server.
   */
  public abstract Optional<String> tenant();

  /** Tenant or legacy paths; {@link PathStyle#AUTO} decides from the server's version. */
  @Value.Default
  public PathStyle paths() {
    return PathStyle.AUTO;
  }

  @Value.Default
  public KestraAuth auth() {
    return KestraAuth.none();
  }

  /** How long to wait for a connection (the Git plugin's {@code connectTimeout}). */
  @Value.Default
  public Duration connectTimeout() {
    return Duration.ofSeconds(10);
  }

  /** How long to wait for each answer (the Git plugin's {@code readTimeout}). */
  @Value.Default
  public Duration requestTimeout() {
    return Duration.ofSeconds(60);
  }

  /**
   * How many times an idempotent call is tried at most when Kestra answers 429, 500, 502, 503 or 504
   * or the connection fails; 1 means no retry. Creates ({@code POST}) are never repeated blindly.
   */
  @Value.Default
  public int maxAttempts() {
    return 4;
  }

  /** The first retry waits about this long; each further one twice as long, up to {@link #retryMaxDelay()}. */
  @Value.Default
  public Duration retryBaseDelay() {
    return Duration.ofMillis(250);
  }

  /**
   * The longest wait between two attempts. A {@code Retry-After} longer than this is not waited
   * for: the call fails and says how long Kestra asked to wait.
   */
  @Value.Default
  public Duration retryMaxDelay() {
    return Duration.ofSeconds(10);
  }

  /** The seed of the retry jitter, for reproducible runs; random when empty. */
  public abstract OptionalLong jitterSeed();

  /** How many writes run at the same time. */
  @Value.Default
  public int writeConcurrency() {
    return 8;
  }

  /**
   * How many calls a read makes at the same time: a tenant-wide read exports the files of each
   * namespace on its own, and a long flow listing has many pages; these calls are what it waits for.
   * What was read is merged in the same order whatever the value, and the export limits hold for the
   * read as a whole. From 1 (one call after another) to {@value #MAX_READ_CONCURRENCY}.
   */
  @Value.Default
  public int readConcurrency() {
    return 8;
  }

  /** Whether flow drafts (Kestra 2.0) are read as flows. By default they are left out, as the Git plugin does. */
  @Value.Default
  public boolean includeDrafts() {
    return false;
  }

  /**
   * The largest namespace file (and flow source) read or written, in bytes; larger ones are
   * unreadable. The default is the planner's and the Git side's
   * ({@link PlanOptions#DEFAULT_MAX_RESOURCE_BYTES}, 10 MiB), so that a file Kestra hands over is
   * never one Git refuses to read back; keep them equal (the CLI's {@code --max-file-size} sets all
   * three).
   */
  @Value.Default
  public long namespaceFileSizeLimit() {
    return PlanOptions.DEFAULT_MAX_RESOURCE_BYTES;
  }

  /**
   * The most entries one export ZIP (the flows or the files of a namespace) may hold. An export with
   * more is refused whole with a clear error, never read into memory: a ZIP bomb of many entries
   * cannot exhaust the process.
   */
  @Value.Default
  public int maxExportEntries() {
    return 200_000;
  }

  /**
   * The most bytes the export ZIPs of one read may expand to, all entries of all exports together.
   * An export past it fails the read; each entry is also held to {@link #namespaceFileSizeLimit()}.
   */
  @Value.Default
  public long maxExportBytes() {
    return 256L * 1024 * 1024;
  }

  /**
   * The longest one call may take from sending it to the end of its answer's body, its retries
   * included: no attempt starts, nor pause waits, past it. A server that sends its answer too slowly
   * is cut off here, and what it sent counts for nothing.
   */
  @Value.Default
  public Duration callDeadline() {
    return Duration.ofMinutes(5);
  }

  /** How many items to ask for per page of a listing (pages start at 1). */
  @Value.Default
  public int pageSize() {
    return 1000;
  }

  /**
   * On Enterprise, where namespaces exist explicitly: whether a namespace of the scope that does
   * not exist is read as empty (and created when something is written to it) instead of failing
   * the read. Off by default, because an empty source would plan the deletion of everything.
   * On OSS, namespaces exist implicitly and an unknown one is always empty.
   */
  @Value.Default
  public boolean allowMissingNamespaces() {
    return false;
  }

  /** The {@link #url()} as a URI without a trailing slash. */
  @Value.Derived
  public URI baseUri() {
    String raw = url().trim();
    while (raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    try {
      return new URI(raw);
    } catch (URISyntaxException e) {
      // check() reports it; a placeholder keeps the derivation total.
      return URI.create("http://invalid");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds settings; {@code url} is required. */
  public static class Builder extends ImmutableKestraSettings.Builder {
    Builder() {}
  }

  public KestraSettings withAuth(KestraAuth value) {
    return ImmutableKestraSettings.copyOf(this).withAuth(value);
  }

  public KestraSettings withTenant(String value) {
    return ImmutableKestraSettings.copyOf(this).withTenant(value);
  }

  public KestraSettings withPaths(PathStyle value) {
    return ImmutableKestraSettings.copyOf(this).withPaths(value);
  }

  public KestraSettings withMaxAttempts(int value) {
    return ImmutableKestraSettings.copyOf(this).withMaxAttempts(value);
  }

  public KestraSettings withAllowMissingNamespaces(boolean value) {
    return ImmutableKestraSettings.copyOf(this).withAllowMissingNamespaces(value);
  }

  public KestraSettings withIncludeDrafts(boolean value) {
    return ImmutableKestraSettings.copyOf(this).withIncludeDrafts(value);
  }

  @Value.Check
  protected void check() {
    List<SettingProblem> problems = new ArrayList<>();
    urlProblems(problems);
    tenant().ifPresent(t -> {
      if (!TENANT.matcher(t).matches()) {
        problems.add(new SettingProblem("tenant", "'" + t + "' is not valid: use letters, digits, '_' and '-'"));
      }
      if (paths() == PathStyle.LEGACY) {
        problems.add(new SettingProblem("tenant", "'" + t + "' is set but paths are LEGACY, which have no tenant: drop one of them"));
      }
    });
    positive(problems, "connectTimeout", connectTimeout());
    positive(problems, "requestTimeout", requestTimeout());
    if (maxAttempts() < 1 || maxAttempts() > MAX_ATTEMPTS) {
      problems.add(new SettingProblem("maxAttempts", "must be between 1 and " + MAX_ATTEMPTS + ", got " + maxAttempts()));
    }
    if (retryBaseDelay().isNegative()) {
      problems.add(new SettingProblem("retryBaseDelay", "must not be negative, got " + retryBaseDelay()));
    }
    if (retryMaxDelay().compareTo(retryBaseDelay()) < 0) {
      problems.add(new SettingProblem("retryMaxDelay", "(" + retryMaxDelay() + ") must not be shorter than retryBaseDelay ("
          + retryBaseDelay() + ")"));
    }
    if (writeConcurrency() < 1 || writeConcurrency() > MAX_WRITE_CONCURRENCY) {
      problems.add(new SettingProblem("writeConcurrency", "must be between 1 and " + MAX_WRITE_CONCURRENCY + ", got " + writeConcurrency()));
    }
    if (readConcurrency() < 1 || readConcurrency() > MAX_READ_CONCURRENCY) {
      problems.add(new SettingProblem("readConcurrency", "must be between 1 and " + MAX_READ_CONCURRENCY + ", got " + readConcurrency()));
    }
    if (namespaceFileSizeLimit() < 1) {
      problems.add(new SettingProblem("namespaceFileSizeLimit", "must be at least 1 byte, got " + namespaceFileSizeLimit()));
    }
    if (maxExportEntries() < 1) {
      problems.add(new SettingProblem("maxExportEntries", "must be at least 1, got " + maxExportEntries()));
    }
    if (maxExportBytes() < 1) {
      problems.add(new SettingProblem("maxExportBytes", "must be at least 1 byte, got " + maxExportBytes()));
    }
    positive(problems, "callDeadline", callDeadline());
    if (pageSize() < 1 || pageSize() > MAX_PAGE_SIZE) {
      problems.add(new SettingProblem("pageSize", "must be between 1 and " + MAX_PAGE_SIZE + ", got " + pageSize()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException("invalid Kestra settings", problems);
    }
  }

  /** Problems with the URL. None of them quotes it: a mistyped URL may carry a credential. */
  private void urlProblems(List<SettingProblem> problems) {
    String raw = url().trim();
    if (raw.isEmpty()) {
      problems.add(new SettingProblem("url", "must not be empty: give the server's address, such as http://localhost:8080"));
      return;
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      // The reason and index only: the text itself may hold a credential typed in by mistake.
      problems.add(new SettingProblem("url", "is not a valid URI: " + e.getReason() + " at index " + e.getIndex()));
      return;
    }
    if (uri.getRawUserInfo() != null) {
      problems.add(new SettingProblem("url", "must not carry credentials (user:password@host): set them with auth(...) instead"));
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      problems.add(new SettingProblem("url", "must start with http:// or https://"));
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      problems.add(new SettingProblem("url", "has no host"));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problems.add(new SettingProblem("url", "must not have a query or a fragment: give the server's address only"));
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.matches("(?i).*/api/v1/?(.*)?")) {
      problems.add(new SettingProblem("url", "must be the server's address without /api/v1 (the adapter adds the API paths)"));
    }
  }

  private static void positive(List<SettingProblem> problems, String name, Duration value) {
    if (value.isZero() || value.isNegative()) {
      problems.add(new SettingProblem(name, "must be positive, got " + value));
    }
  }
}
