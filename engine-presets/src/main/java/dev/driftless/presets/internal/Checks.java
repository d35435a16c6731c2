package dev.driftless.presets.internal;

import dev.driftless.presets.GitRemote;
import dev.driftless.presets.KestraServer;
import dev.driftless.presets.Problem;
import dev.driftless.resource.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Collects every problem of a request; never stops at the first. */
public final class Checks {

  /** {@code scheme://user:password@}: credentials written into the URL. */
  private static final Pattern USER_AND_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@");
  private static final Pattern URL = Pattern.compile("(https?|ssh|git|file)://.+|[A-Za-z0-9_.-]+@[^:/]+:.+|/.+|\\.{0,2}/.*");

  private final List<Problem> problems = new ArrayList<>();

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
    String normalised = normaliseDirectory(value);
    if (!normalised.isEmpty()) {
      ResourceKey.pathProblem(normalised).ifPresent(p -> add(property, "'" + value + "' " + p));
    }
    return this;
  }

  public static String normaliseDirectory(String value) {
    String trimmed = value.strip();
    if (trimmed.equals(".") || trimmed.equals("/")) {
      return "";
    }
    return ResourceKey.normalisePath(trimmed.startsWith("./") ? trimmed.substring(2) : trimmed);
  }

  public Checks globs(String property, List<String> globs) {
    for (String glob : globs) {
      if (glob.isBlank()) {
        add(property, "an empty pattern selects nothing; leave the property out to select everything");
      }
    }
    return this;
  }

  public Checks positive(String property, int value) {
    if (value <= 0) {
      add(property, "must be greater than 0, got " + value);
    }
    return this;
  }

  /**
   * The connection properties every task with a Git remote has, including the rules the Git side
   * applies when it connects (which credential goes with which kind of URL), so that they are
   * listed with the other problems before anything is read.
   */
  public Checks remote(GitRemote remote) {
    required("url", remote.url());
    Optional<String> url = remote.url().filter(u -> !u.isBlank());
    if (url.filter(u -> USER_AND_PASSWORD.matcher(u).lookingAt()).isPresent()) {
      add("url", "holds a password: give it as password: \"{{ secret('NAME') }}\" instead, so that it stays out of "
          + "every message");
    } else {
      url.filter(u -> !URL.matcher(u).matches())
          .ifPresent(u -> add("url", "'" + u + "' is not a Git remote: use https://, ssh://, git@host:path, file:// or a path"));
    }
    boolean bothCredentials = remote.password().isPresent() && remote.privateKey().isPresent();
    url.filter(u -> URL.matcher(u).matches()).map(Checks::scheme).ifPresent(scheme -> {
      boolean http = scheme.equals("http") || scheme.equals("https");
      if (remote.password().isPresent() && !http && !bothCredentials) {
        add("password", "is used for http(s) remotes only; this url uses " + scheme);
      }
      if (remote.password().isPresent() && remote.username().filter(u -> !u.isBlank()).isEmpty()) {
        add("username", "is required with password (for a GitHub token any non-empty name works)");
      }
      if (remote.privateKey().isPresent() && !scheme.equals("ssh") && !bothCredentials) {
        add("privateKey", "is used for ssh remotes only; this url uses " + scheme);
      }
      if (remote.privateKey().isEmpty() && scheme.equals("ssh")) {
        add("privateKey", "is required for an ssh remote (no SSH agent and no ~/.ssh key is used)");
      }
      if (remote.trustedCaPemPath().isPresent() && !scheme.equals("https")) {
        add("trustedCaPemPath", "is used for https remotes only; this url uses " + scheme);
      }
    });
    if (remote.passphrase().isPresent() && remote.privateKey().isEmpty()) {
      add("passphrase", "is set but there is no privateKey to decrypt");
    }
    if (remote.password().isPresent() && remote.privateKey().isPresent()) {
      add("password", "set either password (HTTPS) or privateKey (SSH), not both");
    }
    if (remote.hostKey().isPresent() && remote.knownHostsPath().isPresent()) {
      add("hostKey", "set either hostKey or knownHostsPath, not both");
    }
    positive("connectTimeout", remote.connectTimeout());
    positive("readTimeout", remote.readTimeout());
    return this;
  }

  /** The kind of remote a well-formed url names: {@code https}, {@code http}, {@code ssh}, {@code git} or {@code file}. */
  private static String scheme(String url) {
    int colon = url.indexOf("://");
    if (colon > 0) {
      return url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    }
    return url.startsWith("/") || url.startsWith(".") ? "file" : "ssh";
  }

  /** The Kestra connection properties; {@code authRequired} for TenantSync, as in the plugin. */
  public Checks server(KestraServer server, boolean authRequired) {
    if (!server.kestraUrl().matches("https?://[^\\s]+")) {
      add("kestraUrl", "'" + server.kestraUrl() + "' is not an http(s) URL");
    }
    if (server.auth().isEmpty() && authRequired) {
      add("auth", "is required: {username, password} or {apiToken}");
    }
    server.auth().ifPresent(auth -> {
      if (auth.apiToken().isPresent() && (auth.username().isPresent() || auth.password().isPresent())) {
        add("auth", "set either apiToken or username and password, not both");
      } else if (auth.apiToken().isEmpty() && (auth.username().isEmpty() || auth.password().isEmpty())) {
        add("auth", "needs both username and password, or an apiToken");
      }
    });
    server.tenantId().ifPresent(t -> {
      if (!t.matches("[A-Za-z0-9_-]+")) {
        add("tenantId", "'" + t + "' is not a tenant id");
      }
    });
    return this;
  }
}
