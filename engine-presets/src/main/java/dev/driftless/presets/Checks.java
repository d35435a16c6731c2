package dev.driftless.presets;

import dev.driftless.git.layout.Layout;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Selector;
import dev.driftless.port.InvalidSettingsException;
import dev.driftless.resource.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The presets' rules for their properties, collecting every problem of a request; never stops at
 * the first. Each problem is keyed by the name it is given, so that a caller taking the same
 * settings another way (the CLI's {@code --branch}, {@code --git-dir}) reports them in the same
 * words under its own names.
 */
public final class Checks {

  private final List<Problem> problems = new ArrayList<>();

  /** Checks that have found no problem yet. */
  public Checks() {}

  /** Every problem found so far, in the order found. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  public Checks add(String property, String message) {
    problems.add(Problem.of(property, message));
    return this;
  }

  public Checks required(String property, Optional<?> value) {
    if (value.isEmpty() || (value.get() instanceof String s && s.isBlank())) {
      add(property, "is required");
    }
    return this;
  }

  public Checks namespace(String property, Optional<String> value) {
    value.flatMap(ResourceKey::namespaceProblem).ifPresent(p -> add(property, p));
    return this;
  }

  public Checks branch(String property, String value) {
    if (value.isBlank() || value.startsWith("-") || value.contains("..") || value.contains(" ") || value.endsWith("/")
        || value.endsWith(".lock") || value.contains("\\") || value.contains("~") || value.contains("^")
        || value.contains(":") || value.contains("?") || value.contains("*") || value.contains("[")) {
      add(property, "'" + value + "' is not a valid branch name");
    }
    return this;
  }

  /** A directory inside the repository; empty, {@code .} or {@code /} for the root. */
  public Checks directory(String property, String value) {
    Layout.directoryProblem(value).ifPresent(p -> add(property, p));
    return this;
  }

  static String normaliseDirectory(String value) {
    String trimmed = value.strip();
    if (trimmed.equals(".") || trimmed.equals("/")) {
      return "";
    }
    return ResourceKey.normalisePath(trimmed.startsWith("./") ? trimmed.substring(2) : trimmed);
  }

  /**
   * Selector patterns ({@code files}, {@code flows}, {@code dashboards}) in the plugin's dialect
   * ({@link Selector}): each one that cannot be read is a problem naming it.
   */
  Checks globs(String property, List<String> globs) {
    for (String glob : globs) {
      if (glob.isBlank()) {
        add(property, "an empty pattern selects nothing; leave the property out to select everything");
      } else {
        Selector.patternProblem(glob).ifPresent(p -> add(property, "'" + glob + "' " + p));
      }
    }
    return this;
  }

  Checks positive(String property, int value) {
    if (value <= 0) {
      add(property, "must be greater than 0, got " + value);
    }
    return this;
  }

  /**
   * The connection properties every task with a Git remote has, held to the rules of the Git
   * adapter's remote (which credential goes with which kind of URL, timeouts), so that they are
   * listed with the other problems before anything is read. Each problem is keyed by the property
   * it comes from ({@code url}, {@code password}; {@link GitConnection#propertyOf}).
   */
  public Checks remote(GitConnection connection) {
    required("url", connection.url());
    if (connection.hostKey().isPresent() && connection.knownHostsPath().isPresent()) {
      add("hostKey", "set either hostKey or knownHostsPath, not both");
    }
    if (connection.url().filter(u -> !u.isBlank()).isPresent()) {
      try {
        connection.remote();
      } catch (InvalidSettingsException e) {
        e.problems().forEach(p -> add(connection.propertyOf(p.setting()), p.message()));
      }
    }
    return this;
  }

  /**
   * The Kestra connection properties, held to the rules of the Kestra adapter's settings;
   * {@code authRequired} for TenantSync, as in the plugin. Each problem is keyed by the property it
   * comes from ({@code kestraUrl}, {@code tenantId}; {@link KestraConnection#propertyOf}).
   */
  public Checks server(KestraConnection connection, boolean authRequired) {
    if (connection.auth().isEmpty() && authRequired) {
      add("auth", "is required: set auth to {username, password} or {apiToken}, or, outside Kestra, leave auth out "
          + "(or set auth: {auto: true}) and set KESTRA_API_TOKEN, or KESTRA_USERNAME and KESTRA_PASSWORD, in the "
          + "environment");
    }
    try {
      connection.kestraSettings(false, PlanOptions.DEFAULT_MAX_RESOURCE_BYTES);
    } catch (InvalidSettingsException e) {
      e.problems().forEach(p -> add(KestraConnection.propertyOf(p.setting()), p.message()));
    }
    return this;
  }
}
