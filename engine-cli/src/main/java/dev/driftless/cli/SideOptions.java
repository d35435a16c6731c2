package dev.driftless.cli;

import dev.driftless.credential.Secret;
import dev.driftless.git.GitRemote;
import dev.driftless.git.GitSettings;
import dev.driftless.git.HostKeys;
import dev.driftless.git.layout.FilesLayout;
import dev.driftless.git.layout.Layout;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.port.InvalidSettingsException;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where the two sides are and what to compare, for {@code plan} and {@code apply}. Credentials come
 * only from the environment (or files it names), never from arguments.
 */
final class SideOptions {

  enum LayoutName { namespace, flows, files, dashboards }

  enum Truth { git, kestra }

  enum Missing { delete, keep, fail }

  @Option(names = "--git", paramLabel = "PATH|URL", description = "The Git repository: a local path or a URL.")
  String git;

  @Option(names = "--branch", defaultValue = "main", description = "The branch (default: ${DEFAULT-VALUE}).")
  String branch = "main";

  @Option(names = "--git-dir", paramLabel = "DIR",
      description = "The directory in the repository (default: the repository root for the namespace layout, "
          + "_flows, _files or _dashboards otherwise).")
  String gitDir;

  @Option(names = "--layout", defaultValue = "namespace", description = "namespace, flows, files or dashboards (default: ${DEFAULT-VALUE}).")
  LayoutName layout = LayoutName.namespace;

  @Option(names = "--kestra", paramLabel = "URL", description = "Kestra's URL.")
  String kestra;

  @Option(names = "--tenant", description = "The Kestra tenant (detected when absent).")
  String tenant;

  @Option(names = "--namespace", paramLabel = "NS", description = "A namespace to sync (repeatable).")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--children", description = "Include child namespaces.")
  boolean children;

  @Option(names = "--tenant-wide", description = "Every namespace of the tenant, and dashboards (namespace layout).")
  boolean tenantWide;

  @Option(names = "--source-of-truth", defaultValue = "kestra", description = "git or kestra (default: ${DEFAULT-VALUE}).")
  Truth sourceOfTruth = Truth.kestra;

  @Option(names = "--when-missing", defaultValue = "delete", description = "delete, keep or fail (default: ${DEFAULT-VALUE}).")
  Missing whenMissing = Missing.delete;

  @Option(names = "--protect", paramLabel = "NS", description = "A namespace never deleted, besides system (repeatable; _global protects dashboards).")
  List<String> protect = new ArrayList<>();

  @Option(names = "--kinds", split = ",", paramLabel = "KIND",
      description = "Kinds to sync: flow, namespace-file, app, test, dashboard (default: all the layout holds).")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Keep fetched Git objects, and what each file was found to be, here between runs.")
  Path cacheDir;

  @Option(names = "--max-file-size", paramLabel = "SIZE", converter = ByteSize.class,
      description = "The size limit of one file or flow, on both sides (default: 10MiB). A larger one is blocked: "
          + "never written, overwritten or deleted.")
  Long maxFileSize;

  @Option(names = "--call-deadline", paramLabel = "DURATION", converter = DurationValue.class,
      description = "The longest one call to Kestra may take, from sending it to the end of its answer "
          + "(default: 5m), such as 30s or 2m.")
  Duration callDeadline;

  @Option(names = "--max-export-entries", paramLabel = "N",
      description = "The most entries one Kestra export, or items one listing, may hold (default: 200000).")
  Integer maxExportEntries;

  @Option(names = "--max-export-bytes", paramLabel = "SIZE", converter = ByteSize.class,
      description = "The most bytes the Kestra exports of one read may expand to, together (default: 256MiB).")
  Long maxExportBytes;

  /** Checks the options together; every problem at once. */
  void validate() {
    List<String> problems = new ArrayList<>();
    if (git == null) {
      problems.add("--git is required");
    }
    if (kestra == null) {
      problems.add("--kestra is required");
    } else {
      // The Kestra adapter's rule for a server's address, in its words.
      try {
        KestraSettings.builder().url(kestra).build();
      } catch (InvalidSettingsException e) {
        e.problems().stream().filter(p -> p.setting().equals("url")).findFirst()
            .ifPresent(p -> problems.add("--kestra " + p.message()));
      }
    }
    if (maxExportEntries != null && maxExportEntries < 1) {
      problems.add("--max-export-entries must be at least 1, got " + maxExportEntries);
    }
    if (tenantWide && !namespaces.isEmpty()) {
      problems.add("--tenant-wide and --namespace do not go together");
    }
    if (tenantWide && layout != LayoutName.namespace) {
      problems.add("--tenant-wide needs --layout namespace");
    }
    if (!tenantWide && namespaces.isEmpty() && layout != LayoutName.dashboards) {
      problems.add("give --namespace (repeatable) or --tenant-wide");
    }
    if ((layout == LayoutName.flows || layout == LayoutName.files) && namespaces.size() != 1) {
      problems.add("--layout " + layout + " holds one namespace (and its children): give exactly one --namespace");
    }
    for (String kind : kinds) {
      try {
        ResourceKind.fromLabel(kind);
      } catch (IllegalArgumentException e) {
        problems.add("--kinds: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new UserError(String.join("; ", problems));
    }
  }

  Layout layout() {
    return switch (layout) {
      case namespace -> Layout.namespaces(dir(""));
      case flows -> Layout.flows(dir(dev.driftless.git.layout.FlowsLayout.DEFAULT_DIRECTORY), namespaces.get(0));
      case files -> new FilesLayout(dir(FilesLayout.DEFAULT_DIRECTORY), namespaces.get(0), children, "");
      case dashboards -> Layout.dashboards(dir(dev.driftless.git.layout.DashboardsLayout.DEFAULT_DIRECTORY));
    };
  }

  private String dir(String fallback) {
    return gitDir == null ? fallback : gitDir;
  }

  Set<ResourceKind> kinds() {
    Set<ResourceKind> held = EnumSet.copyOf(layout().kinds());
    held.remove(ResourceKind.EXECUTION_FILE);
    if (layout == LayoutName.namespace && !tenantWide) {
      held.remove(ResourceKind.DASHBOARD);
    }
    if (kinds.isEmpty()) {
      return held;
    }
    Set<ResourceKind> wanted = EnumSet.noneOf(ResourceKind.class);
    for (String label : kinds) {
      ResourceKind kind = ResourceKind.fromLabel(label);
      if (!held.contains(kind)) {
        throw new UserError("--kinds: the " + layout + " layout " + (tenantWide ? "" : "for namespaces ") + "holds no "
            + kind.label() + "s");
      }
      wanted.add(kind);
    }
    return wanted;
  }

  Scope scope() {
    Set<ResourceKind> kinds = kinds();
    if (layout == LayoutName.dashboards) {
      return Scope.global(kinds);
    }
    return tenantWide ? Scope.tenant(kinds) : Scope.namespaces(namespaces, children, kinds);
  }

  /** The size limit of one resource: the planner's and both sides' reads. */
  long maxResourceBytes() {
    return maxFileSize == null ? PlanOptions.DEFAULT_MAX_RESOURCE_BYTES : maxFileSize;
  }

  /** The options of a plan made from these: the size limit, and {@link #metadata()}. */
  PlanOptions.Builder planOptions() {
    return PlanOptions.builder().maxResourceBytes(maxResourceBytes()).putAllMetadata(metadata());
  }

  Policy policy() {
    Set<String> protectedNamespaces = new LinkedHashSet<>(List.of("system"));
    protectedNamespaces.addAll(protect);
    return Policy.builder()
        .sourceOfTruth(sourceOfTruth == Truth.git ? Side.GIT : Side.KESTRA)
        .whenMissingInSource(WhenMissing.valueOf(whenMissing.name().toUpperCase(Locale.ROOT)))
        .protectedNamespaces(protectedNamespaces)
        .includeChildNamespaces(children || tenantWide)
        .selector(Selector.kinds(kinds()))
        .build();
  }

  GitSettings gitSettings(Map<String, String> env, Policy policy) {
    GitRemote.Builder remote = GitRemote.builder().url(gitUrl());
    Optional.ofNullable(env.get("GIT_USERNAME")).ifPresent(remote::username);
    Optional.ofNullable(env.get("GIT_PASSWORD")).filter(v -> !v.isEmpty())
        .ifPresent(v -> remote.password(Secret.of(v, "environment GIT_PASSWORD")));
    Optional.ofNullable(env.get("GIT_SSH_KEY_FILE")).ifPresent(f -> remote.privateKeyFile(Path.of(f)));
    Optional.ofNullable(env.get("GIT_SSH_PASSPHRASE")).filter(v -> !v.isEmpty())
        .ifPresent(v -> remote.passphrase(Secret.of(v, "environment GIT_SSH_PASSPHRASE")));
    Optional.ofNullable(env.get("GIT_SSL_CA_FILE")).ifPresent(f -> remote.trustedCaPem(Path.of(f)));
    if (env.containsKey("GIT_KNOWN_HOSTS")) {
      remote.hostKeys(HostKeys.knownHosts(Path.of(env.get("GIT_KNOWN_HOSTS"))));
    } else if ("no".equals(env.get("GIT_STRICT_HOST_KEY_CHECKING"))) {
      remote.hostKeys(HostKeys.acceptAnyHostKeyInsecurely());
    }
    boolean gitOnlyWritten = policy.isOnlyWritten(Side.GIT, kinds());
    GitSettings.Builder settings = GitSettings.builder().remote(remote.build()).branch(branch).layout(layout())
        .readMissingAsEmpty(gitOnlyWritten).maxFileBytes(maxResourceBytes());
    if (cacheDir != null) {
      settings.cacheDirectory(cacheDir);
    }
    return settings.build();
  }

  /** A local path becomes an absolute path; URLs stay as they are. */
  private String gitUrl() {
    if (git.contains("://") || git.matches("[^/]+@[^/:]+:.*")) {
      return git;
    }
    return Path.of(git).toAbsolutePath().normalize().toString();
  }

  KestraSettings kestraSettings(Map<String, String> env, Policy policy) {
    boolean kestraOnlyWritten = policy.isOnlyWritten(Side.KESTRA, kinds());
    KestraSettings.Builder settings = KestraSettings.builder().url(kestra).auth(kestraAuth(env))
        .allowMissingNamespaces(kestraOnlyWritten).namespaceFileSizeLimit(maxResourceBytes());
    if (tenant != null) {
      settings.tenant(tenant);
    }
    if (callDeadline != null) {
      settings.callDeadline(callDeadline);
    }
    if (maxExportEntries != null) {
      settings.maxExportEntries(maxExportEntries);
    }
    if (maxExportBytes != null) {
      settings.maxExportBytes(maxExportBytes);
    }
    return settings.build();
  }

  static KestraAuth kestraAuth(Map<String, String> env) {
    String token = env.get("KESTRA_API_TOKEN");
    if (token != null && !token.isEmpty()) {
      return new KestraAuth.ApiToken(Secret.of(token, "environment KESTRA_API_TOKEN"));
    }
    String user = env.get("KESTRA_USERNAME");
    String password = env.get("KESTRA_PASSWORD");
    if (password == null && env.containsKey("KESTRA_PASSWORD_FILE")) {
      password = readSecretFile(env.get("KESTRA_PASSWORD_FILE"));
    }
    if (user != null && password != null) {
      return new KestraAuth.Basic(user, Secret.of(password, "environment KESTRA_PASSWORD"));
    }
    if (user != null || password != null) {
      throw new UserError("set both KESTRA_USERNAME and KESTRA_PASSWORD, or KESTRA_API_TOKEN");
    }
    return KestraAuth.none();
  }

  private static String readSecretFile(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UserError("cannot read KESTRA_PASSWORD_FILE " + file + ": " + e.getMessage(), e);
    }
  }

  /** What a saved plan records so that {@code apply plan.json} can read the same sides again. */
  Map<String, String> metadata() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("git", gitUrl());
    out.put("branch", branch);
    if (gitDir != null) {
      out.put("git-dir", gitDir);
    }
    out.put("layout", layout.name());
    out.put("kestra", kestra);
    if (tenant != null) {
      out.put("tenant", tenant);
    }
    if (!namespaces.isEmpty()) {
      out.put("namespaces", String.join(",", namespaces));
    }
    out.put("children", String.valueOf(children));
    out.put("tenant-wide", String.valueOf(tenantWide));
    List<String> labels = new ArrayList<>();
    kinds().forEach(k -> labels.add(k.label()));
    out.put("kinds", String.join(",", labels));
    if (maxFileSize != null) {
      out.put("max-file-size", String.valueOf(maxFileSize));
    }
    return out;
  }

  /** The options a saved plan was made with. */
  static SideOptions from(Plan plan) {
    Map<String, String> m = plan.metadata();
    for (String required : List.of("git", "branch", "layout", "kestra")) {
      if (!m.containsKey(required)) {
        throw new UserError("the plan does not say where it was made (no '" + required + "' in its metadata): "
            + "make it with 'driftless plan --out'");
      }
    }
    SideOptions options = new SideOptions();
    options.git = m.get("git");
    options.branch = m.get("branch");
    options.gitDir = m.get("git-dir");
    options.layout = LayoutName.valueOf(m.get("layout"));
    options.kestra = m.get("kestra");
    options.tenant = m.get("tenant");
    if (m.containsKey("namespaces")) {
      options.namespaces = new ArrayList<>(List.of(m.get("namespaces").split(",")));
    }
    options.children = Boolean.parseBoolean(m.getOrDefault("children", "false"));
    options.tenantWide = Boolean.parseBoolean(m.getOrDefault("tenant-wide", "false"));
    if (m.containsKey("kinds") && !m.get("kinds").isEmpty()) {
      options.kinds = new ArrayList<>(List.of(m.get("kinds").split(",")));
    }
    if (m.containsKey("max-file-size")) {
      options.maxFileSize = new ByteSize().convert(m.get("max-file-size"));
    }
    options.sourceOfTruth = plan.policy().sourceOfTruth() == Side.GIT ? Truth.git : Truth.kestra;
    return options;
  }
}
