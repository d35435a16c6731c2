package dev.driftless.cli;

import dev.driftless.git.GitSettings;
import dev.driftless.git.layout.DashboardsLayout;
import dev.driftless.git.layout.FilesLayout;
import dev.driftless.git.layout.FlowsLayout;
import dev.driftless.git.layout.Layout;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.OnConflict;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.presets.Checks;
import dev.driftless.presets.GitTarget;
import dev.driftless.presets.LayoutType;
import dev.driftless.presets.OnBranch;
import dev.driftless.presets.Problem;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
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
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * Where the two sides are and what to compare, for {@code plan} and {@code apply}. The flags are
 * the presets' properties spelled the command line's way ({@link #nameOf}): they make the presets'
 * own connection and target types ({@link CliGitConnection}, {@link GitTarget},
 * {@link CliKestraConnection}, a {@link LayoutType}), held to the presets' rules and turned into
 * the adapters' settings by the same methods, with the same defaults. Credentials come only from
 * the environment (or files it names), never from arguments.
 */
final class SideOptions {

  /** The source of truth: one side, or both (a two-way sync from a baseline). */
  enum Truth {
    git, kestra, both;

    /** The flag's value for a policy: {@code both} for a two-way one. */
    static Truth of(Policy policy) {
      if (policy.twoWay()) {
        return both;
      }
      return policy.sourceOfTruth() == Side.GIT ? git : kestra;
    }
  }

  /** What a two-way sync does with a conflict: leaves it (fail), or keeps one side's copy. */
  enum Conflict {
    fail, git, kestra;

    OnConflict onConflict() {
      return switch (this) {
        case fail -> OnConflict.FAIL;
        case git -> OnConflict.GIT;
        case kestra -> OnConflict.KESTRA;
      };
    }
  }

  enum Missing { delete, keep, fail }

  @Option(names = "--git", paramLabel = "PATH|URL", description = "The Git repository: a local path or a URL.")
  String git;

  @Option(names = "--branch", defaultValue = OnBranch.DEFAULT_BRANCH, description = "The branch (default: ${DEFAULT-VALUE}).")
  String branch = OnBranch.DEFAULT_BRANCH;

  @Option(names = "--git-dir", paramLabel = "DIR",
      description = "The directory in the repository (default: the repository root for the namespace layout, "
          + FlowsLayout.DEFAULT_DIRECTORY + ", " + FilesLayout.DEFAULT_DIRECTORY + " or "
          + DashboardsLayout.DEFAULT_DIRECTORY + " otherwise, as in the presets).")
  String gitDir;

  @Option(names = "--layout", defaultValue = "namespace", converter = LayoutOption.class,
      completionCandidates = LayoutOption.class,
      description = "namespace, flows, files or dashboards (default: ${DEFAULT-VALUE}).")
  LayoutType layout = LayoutType.NAMESPACE;

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

  @Option(names = "--source-of-truth", defaultValue = "kestra",
      description = "git, kestra or both: both sides are sources, each resource goes the way it changed since the last "
          + "two-way sync, kept in the Git repository (default: ${DEFAULT-VALUE}).")
  Truth sourceOfTruth = Truth.kestra;

  @Option(names = "--on-conflict", paramLabel = "fail|git|kestra",
      description = "With --source-of-truth both, a resource changed on both sides in ways that cannot be merged: "
          + "fail leaves it as it is on both sides and shows both changes (default), git or kestra keeps that side's "
          + "copy on both.")
  Conflict onConflict;

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

  @Option(names = "--read-concurrency", paramLabel = "N",
      description = "The most calls one Kestra read makes at the same time: exports, listing pages (default: 8, "
          + "at most 64; 1 makes them one after another).")
  Integer readConcurrency;

  /** Checks the options together; every problem at once. */
  void validate() {
    List<String> problems = new ArrayList<>(render(flagProblems()));
    problems.addAll(twoWayProblems());
    if (maxExportEntries != null && maxExportEntries < 1) {
      problems.add("--max-export-entries must be at least 1, got " + maxExportEntries);
    }
    if (readConcurrency != null && (readConcurrency < 1 || readConcurrency > KestraSettings.MAX_READ_CONCURRENCY)) {
      problems.add("--read-concurrency must be between 1 and " + KestraSettings.MAX_READ_CONCURRENCY + ", got "
          + readConcurrency);
    }
    if (tenantWide && !namespaces.isEmpty()) {
      problems.add("--tenant-wide and --namespace do not go together");
    }
    if (tenantWide && layout != LayoutType.NAMESPACE) {
      problems.add("--tenant-wide needs --layout namespace");
    }
    if (!tenantWide && namespaces.isEmpty() && layout != LayoutType.DASHBOARDS) {
      problems.add("give --namespace (repeatable) or --tenant-wide");
    }
    if (layout.holdsOneNamespace() && namespaces.size() != 1) {
      problems.add("--layout " + layout.label() + " holds one namespace (and its children): give exactly one --namespace");
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

  /**
   * The flags a two-way sync refuses, in the words of the flags: {@code --on-conflict} means
   * nothing with one source of truth, and {@code --when-missing keep} or {@code fail} cannot hold
   * where deletions are decided by the baseline (the policy's own rules, checked before it is made).
   */
  private List<String> twoWayProblems() {
    List<String> problems = new ArrayList<>();
    if (onConflict != null && sourceOfTruth != Truth.both) {
      problems.add("--on-conflict only applies with --source-of-truth both (a two-way sync): with one source of truth "
          + "(here " + sourceOfTruth + ") there are no conflicts. Remove --on-conflict, or sync both ways");
    }
    if (sourceOfTruth == Truth.both && whenMissing != Missing.delete) {
      problems.add("--when-missing " + whenMissing + " does not go with --source-of-truth both: a two-way sync decides "
          + "deletions from its baseline (a resource deleted on one side since the last sync is deleted on the other, "
          + "one also edited there is a conflict). Remove --when-missing, or choose git or kestra as the source of truth");
    }
    return problems;
  }

  /**
   * The problems of the flags that stand for the presets' properties, found by the presets' rules
   * and keyed by those properties ({@code url}, {@code branch}, {@code gitDirectory}): the remote's
   * address (its credentials are checked with the environment, when the sides are opened),
   * Kestra's address and tenant, the branch, the directory and the namespaces.
   */
  List<Problem> flagProblems() {
    Checks checks = new Checks();
    new Checks().remote(CliGitConnection.of(Optional.ofNullable(git).map(SideOptions::absolute), Map.of())).problems()
        .stream().filter(p -> p.property().equals("url")).forEach(p -> checks.add(p.property(), p.message()));
    checks.required("kestraUrl", Optional.ofNullable(kestra));
    if (kestra != null) {
      checks.server(new CliKestraConnection(kestra, Optional.empty(), Optional.ofNullable(tenant)), false);
    }
    checks.branch("branch", branch);
    Optional.ofNullable(gitDir).ifPresent(d -> checks.directory("gitDirectory", d));
    namespaces.forEach(ns -> checks.namespace("namespace", Optional.of(ns)));
    protect.stream().filter(ns -> !ns.equals(ResourceKey.GLOBAL))
        .forEach(ns -> checks.namespace("protectedNamespaces", Optional.of(ns)));
    return checks.problems();
  }

  /**
   * The flag, or the environment variable, that stands for a preset's property: one vocabulary,
   * spelled the command line's way, so that a problem reads the same in both, each under its own
   * name ({@code --branch 'a..b' is not a valid branch name}, {@code branch: 'a..b' is not ...}).
   */
  static String nameOf(String property) {
    return switch (property) {
      case "url" -> "--git";
      case "branch" -> "--branch";
      case "gitDirectory" -> "--git-dir";
      case "namespace" -> "--namespace";
      case "protectedNamespaces" -> "--protect";
      case "kestraUrl" -> "--kestra";
      case "tenantId" -> "--tenant";
      case "username" -> "GIT_USERNAME";
      case "password" -> "GIT_PASSWORD";
      case "privateKey" -> "GIT_SSH_KEY_FILE";
      case "passphrase" -> "GIT_SSH_PASSPHRASE";
      case "trustedCaPemPath" -> "GIT_SSL_CA_FILE";
      case "knownHostsPath" -> "GIT_KNOWN_HOSTS";
      default -> property;
    };
  }

  /** Each problem under the command line's name for its property. */
  static List<String> render(List<Problem> problems) {
    return problems.stream().map(p -> nameOf(p.property()) + " " + p.message()).collect(Collectors.toList());
  }

  /** The layout {@code --layout} names, in {@code --git-dir} or the presets' directory for it. */
  Layout layout() {
    Optional<String> namespace = layout.holdsOneNamespace() ? Optional.of(namespaces.get(0)) : Optional.empty();
    return layout.layout(gitDir == null ? layout.defaultDirectory() : gitDir, namespace, children);
  }

  Set<ResourceKind> kinds() {
    Set<ResourceKind> held = EnumSet.copyOf(layout().kinds());
    held.remove(ResourceKind.EXECUTION_FILE);
    if (layout == LayoutType.NAMESPACE && !tenantWide) {
      held.remove(ResourceKind.DASHBOARD);
    }
    if (kinds.isEmpty()) {
      return held;
    }
    Set<ResourceKind> wanted = EnumSet.noneOf(ResourceKind.class);
    for (String label : kinds) {
      ResourceKind kind = ResourceKind.fromLabel(label);
      if (!held.contains(kind)) {
        throw new UserError("--kinds: the " + layout.label() + " layout " + (tenantWide ? "" : "for namespaces ") + "holds no "
            + kind.label() + "s");
      }
      wanted.add(kind);
    }
    return wanted;
  }

  Scope scope() {
    Set<ResourceKind> kinds = kinds();
    if (layout == LayoutType.DASHBOARDS) {
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
        .twoWay(sourceOfTruth == Truth.both)
        .onConflict(onConflict == null ? OnConflict.FAIL : onConflict.onConflict())
        .whenMissingInSource(WhenMissing.valueOf(whenMissing.name().toUpperCase(Locale.ROOT)))
        .protectedNamespaces(protectedNamespaces)
        .includeChildNamespaces(children || tenantWide)
        .selector(Selector.kinds(kinds()))
        .build();
  }

  /**
   * The Git adapter's settings, made as a preset makes them: the connection the presets' rules
   * hold, and a {@link GitTarget} whose missing branch or directory reads as empty only where Git
   * is only written.
   */
  GitSettings gitSettings(Map<String, String> env, Policy policy) {
    CliGitConnection connection = CliGitConnection.of(Optional.of(absolute(git)), env);
    List<Problem> problems = new Checks().remote(connection).problems();
    if (!problems.isEmpty()) {
      throw new UserError(String.join("; ", render(problems)));
    }
    return GitTarget.of(connection, branch, layout(), scope(), policy)
        .settings(Optional.empty(), Optional.ofNullable(cacheDir), maxResourceBytes());
  }

  /** A local path becomes an absolute path; URLs stay as they are. */
  private static String absolute(String git) {
    if (git.contains("://") || git.matches("[^/]+@[^/:]+:.*")) {
      return git;
    }
    return Path.of(git).toAbsolutePath().normalize().toString();
  }

  /**
   * The Kestra adapter's settings, made as a preset makes them (a namespace Kestra does not know
   * reads as empty only where Kestra is only written), with the read limits of the command line.
   */
  KestraSettings kestraSettings(Map<String, String> env, Policy policy) {
    KestraSettings.Builder settings = CliKestraConnection.of(kestra, Optional.ofNullable(tenant), env)
        .kestraSettingsBuilder(policy.isOnlyWritten(Side.KESTRA, kinds()), maxResourceBytes());
    Optional.ofNullable(callDeadline).ifPresent(settings::callDeadline);
    Optional.ofNullable(maxExportEntries).ifPresent(settings::maxExportEntries);
    Optional.ofNullable(maxExportBytes).ifPresent(settings::maxExportBytes);
    Optional.ofNullable(readConcurrency).ifPresent(settings::readConcurrency);
    return settings.build();
  }

  /** What a saved plan records so that {@code apply plan.json} can read the same sides again. */
  Map<String, String> metadata() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("git", absolute(git));
    out.put("branch", branch);
    if (gitDir != null) {
      out.put("git-dir", gitDir);
    }
    out.put("layout", layout.label());
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
    options.layout = LayoutOption.of(m.get("layout")).orElseThrow(() -> new UserError("the plan names a layout the "
        + "command line does not sync: '" + m.get("layout") + "'"));
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
    options.sourceOfTruth = Truth.of(plan.policy());
    if (plan.policy().twoWay()) {
      options.onConflict = Conflict.valueOf(plan.policy().onConflict().name().toLowerCase(Locale.ROOT));
    }
    return options;
  }
}
