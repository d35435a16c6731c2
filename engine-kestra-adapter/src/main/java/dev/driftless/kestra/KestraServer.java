package dev.driftless.kestra;

import dev.driftless.resource.ResourceKind;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kestra server an adapter talks to, as detected from {@code GET /api/v1/configs}: its
 * version, its edition, and the tenant its paths carry (none on servers before 0.23). It answers
 * what the server can hold, so that other layers can show it and the adapter can say, before
 * anything is written, that a kind is missing from this edition or version.
 *
 * @param url the server's address
 * @param version the version it reports, such as {@code 1.3.0}
 * @param edition OSS or Enterprise
 * @param tenant the tenant segment of the API paths; empty for legacy (tenant-less) paths
 */
public record KestraServer(URI url, String version, Edition edition, Optional<String> tenant) {

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  public KestraServer {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(edition, "edition");
    Objects.requireNonNull(tenant, "tenant");
    if (!VERSION.matcher(version.trim()).matches()) {
      throw new IllegalArgumentException("not a Kestra version (major.minor[.patch]): " + version);
    }
  }

  /** Whether the server is at least {@code major.minor}. */
  public boolean atLeast(int major, int minor) {
    Matcher m = VERSION.matcher(version.trim());
    if (!m.matches()) {
      throw new IllegalStateException("unparseable version " + version);
    }
    int ma = Integer.parseInt(m.group(1));
    int mi = Integer.parseInt(m.group(2));
    return ma > major || (ma == major && mi >= minor);
  }

  public boolean isEnterprise() {
    return edition == Edition.ENTERPRISE;
  }

  /** Whether API paths carry a tenant segment ({@code /api/v1/<tenant>/...}). */
  public boolean tenantPaths() {
    return tenant.isPresent();
  }

  /**
   * Whether the namespace search lists namespaces that hold only namespace files. Kestra 0.20 lists
   * those derived from flows (with their parents, and {@code system}) only: seen on 0.20.7, and the
   * same in 0.21's sources.
   */
  public boolean listsNamespacesHoldingOnlyFiles() {
    return isEnterprise() || atLeast(0, 22);
  }

  /** Kestra 2.0 keeps flow drafts next to published flows. */
  public boolean hasDrafts() {
    return atLeast(2, 0);
  }

  /**
   * Whether the server makes dashboard ids itself (before 2.0): a create must not carry an
   * {@code id}, so the adapter creates without it and then stores the exact source under the id
   * the server made.
   */
  public boolean assignsDashboardIds() {
    return !atLeast(2, 0);
  }

  /** Why this server cannot hold the kind at all, or empty when it can be read. */
  public Optional<String> cannotRead(ResourceKind kind) {
    return switch (kind) {
      case FLOW, NAMESPACE_FILE -> Optional.empty();
      case DASHBOARD -> isEnterprise() || atLeast(0, 21) ? Optional.empty()
          : Optional.of(describeShort() + " has no dashboards (Enterprise only before 0.21)");
      case APP -> isEnterprise() ? Optional.empty() : Optional.of(describeShort() + " has no apps (Enterprise only)");
      case TEST -> !isEnterprise() ? Optional.of(describeShort() + " has no tests (Enterprise only)")
          : atLeast(0, 23) ? Optional.empty() : Optional.of(describeShort() + " has no tests (Enterprise from 0.23)");
      case EXECUTION_FILE -> Optional.of("execution files are read per execution, not as part of a Kestra snapshot");
    };
  }

  /** Why this server does not let the kind be written, or empty when it can be. */
  public Optional<String> cannotWrite(ResourceKind kind) {
    Optional<String> unreadable = cannotRead(kind);
    if (unreadable.isPresent()) {
      return unreadable;
    }
    if (kind == ResourceKind.DASHBOARD && !isEnterprise() && atLeast(2, 0)) {
      return Optional.of(describeShort() + " does not let dashboards be written (Enterprise only from 2.0; the server"
          + " answers 405)");
    }
    return Optional.empty();
  }

  /** {@code Kestra 1.3.0 OSS}. */
  public String describeShort() {
    return "Kestra " + version + " " + edition.label();
  }

  /** {@code Kestra 1.3.0 OSS at http://localhost:8080, tenant main}. */
  public String describe() {
    return describeShort() + " at " + url + tenant.map(t -> ", tenant " + t).orElse(", legacy paths (no tenant)");
  }

  @Override
  public String toString() {
    return describe();
  }
}
