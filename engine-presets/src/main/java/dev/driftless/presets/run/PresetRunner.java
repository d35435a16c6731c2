package dev.driftless.presets.run;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Commit;
import dev.driftless.core.apply.ApplyListener;
import dev.driftless.core.apply.PlanInput;
import dev.driftless.core.apply.Sync;
import dev.driftless.core.apply.SyncListener;
import dev.driftless.core.apply.SyncResult;
import dev.driftless.presets.Clone;
import dev.driftless.presets.ExecutionFilesSpec;
import dev.driftless.presets.PresetRows;
import dev.driftless.presets.PresetSpec;
import dev.driftless.presets.RowContext;
import dev.driftless.presets.RowDetail;
import dev.driftless.presets.SyncTask;
import dev.driftless.git.GitSide;
import dev.driftless.git.clone.CloneRequest;
import dev.driftless.git.clone.CloneResult;
import dev.driftless.git.layout.Layout;
import dev.driftless.kestra.KestraSide;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.port.Clock;
import dev.driftless.port.SnapshotReader;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.function.UnaryOperator;

/**
 * Runs the Git plugin's tasks against real sides: opens Git and Kestra from the task's settings,
 * reads both, plans, and (unless it is a dry run) applies, planning again from fresh snapshots
 * when an apply ends stale (a push rejected because the branch moved), a bounded number of times.
 * Nothing is written when the plan cannot be applied. A two-way sync ({@code sourceOfTruth: BOTH})
 * reads its baseline from the Git repository before either side, and its apply moves it with the
 * commit; a plan that only moves the baseline is applied too.
 *
 * <pre>{@code
 * PresetResult run = PresetRunner.create().run(NamespaceSync.builder()
 *     .url("https://github.com/org/repo").branch("main").namespace("company.team")
 *     .sourceOfTruth(Side.GIT).build());
 * run.rows();        // the plugin's diff rows (Driftless's with rows(RowDetail.DETAILED))
 * run.commitUrl();   // for tasks that push
 * }</pre>
 */
public final class PresetRunner {

  private final Parts parts;

  private PresetRunner(Parts parts) {
    this.parts = parts;
  }

  public static PresetRunner create() {
    return new PresetRunner(new Parts());
  }

  private PresetRunner with(java.util.function.Consumer<Parts> change) {
    Parts copy = parts.copy();
    change.accept(copy);
    return new PresetRunner(copy);
  }

  /** Plans every task without applying, whatever its {@code dryRun} says. */
  public PresetRunner withDryRun(boolean value) {
    return with(p -> p.forceDryRun = value);
  }

  /** The output rows' detail for every task, whatever its {@code rows} says. */
  public PresetRunner withRowDetail(RowDetail value) {
    Objects.requireNonNull(value, "rowDetail");
    return with(p -> p.rowDetail = Optional.of(value));
  }

  /** A local directory that keeps fetched Git objects between runs. */
  public PresetRunner withCacheDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    return with(p -> p.cacheDirectory = Optional.of(directory));
  }

  public PresetRunner withClock(Clock value) {
    Objects.requireNonNull(value, "clock");
    return with(p -> p.clock = value);
  }

  /** Hears each change's outcome while applying. */
  public PresetRunner withListener(ApplyListener value) {
    Objects.requireNonNull(value, "listener");
    return with(p -> p.listener = value);
  }

  /** Hears one line per step (what was read, what is applied). */
  public PresetRunner withProgress(Consumer<String> value) {
    Objects.requireNonNull(value, "progress");
    return with(p -> p.progress = value);
  }

  /** How many times to plan and apply at most when applies end stale; 1 for no retry. */
  public PresetRunner withMaxAttempts(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxAttempts >= 1, got " + value);
    }
    return with(p -> p.maxAttempts = value);
  }

  /**
   * Plan options: an approved plan id for a mass deletion, metadata, the size limit of one resource
   * (which both sides' reads are held to as well).
   */
  public PresetRunner withOptions(PlanOptions value) {
    Objects.requireNonNull(value, "options");
    return with(p -> p.options = value);
  }

  /**
   * Changes each task's mass-deletion guard, as the command line's guard flags do; the task's own
   * by default.
   */
  public PresetRunner withGuards(UnaryOperator<Guards> adjust) {
    Objects.requireNonNull(adjust, "adjust");
    return with(p -> p.guards = adjust);
  }

  /**
   * The flow that runs the tasks (a system flow inside Kestra, the wrapper of a task file): no task
   * deletes it, though its source lacks it, as the Git plugin promises; the plan shows it protected.
   * Updates to it still apply.
   */
  public PresetRunner withRunningFlow(ResourceKey flow) {
    if (flow.kind() != ResourceKind.FLOW) {
      throw new IllegalArgumentException("the running flow is a flow, got " + flow.address());
    }
    return with(p -> p.runningFlow = Optional.of(flow));
  }

  /**
   * Runs a task: plans it, and applies it unless it is a dry run.
   *
   * @throws SourceNotFoundException when a branch, directory, flow file or execution to read does
   *     not exist
   * @throws dev.driftless.port.DriftlessException when a side cannot be reached or refuses
   */
  public PresetResult run(SyncTask task) {
    PresetSpec spec = task.spec();
    Set<ResourceKind> kinds = spec.kestraScope().kinds();
    boolean kestraOnlyWritten = spec.policy().isOnlyWritten(Side.KESTRA, kinds);
    GitSide git = GitSide.open(spec.git().settings(spec.commit(), parts.cacheDirectory, parts.options.maxResourceBytes()));
    Layout layout = spec.git().layout();
    try (KestraSide kestra = KestraSide.open(spec.kestra().kestraSettings(kestraOnlyWritten,
        parts.options.maxResourceBytes()))) {
      Sync sync = Sync.between(git.reader(), spec.git().scope(), kestraReader(kestra, spec), spec.kestraScope())
          .withPolicy(policy(spec, task))
          .withOptions(parts.options)
          .withReviewer(kestra.reviewer())
          .withWriters(git.writer(), kestra.writer())
          .withClock(parts.clock)
          .withMaxAttempts(parts.maxAttempts)
          .withListener(new Progress(spec, kestra))
          .withFocus(input -> focus(input, spec));
      if (spec.policy().twoWay()) {
        sync = sync.withBaseline(git.baselines());
      }
      boolean dryRun = spec.dryRun() || parts.forceDryRun;
      SyncResult run = dryRun ? sync.dryRun() : sync.apply();

      PlanInput read = run.last().input();
      Optional<ApplyResult> applied = run.result();
      RowContext context = new RowContext() {
        @Override
        public Optional<String> gitPath(Change change) {
          ResourceKey key = change.side() == Side.GIT ? change.key() : change.sourceKey();
          Optional<String> existing = read.git().index().getOrDefault(key, List.of()).stream()
              .flatMap(e -> e.origin().stream()).findFirst();
          return existing.or(() -> layout.holds(key) ? Optional.of(layout.pathOf(key)) : Optional.empty());
        }

        @Override
        public Optional<String> revision(Change change) {
          ResourceKey key = change.side() == Side.KESTRA ? change.key() : change.sourceKey();
          Optional<String> written = change.side() == Side.KESTRA
              ? applied.flatMap(r -> r.result(change)).flatMap(ChangeResult::version) : Optional.empty();
          return written.or(() -> read.kestra().resource(key).flatMap(Resource::version));
        }

        @Override
        public boolean dryRun() {
          return dryRun;
        }

        @Override
        public String gitDirectory() {
          return layout.directory();
        }

        @Override
        public Side sourceOfTruth() {
          return spec.policy().sourceOfTruth();
        }
      };
      Optional<Commit> commit = applied.flatMap(r -> r.commit(Side.GIT));
      List<Map<String, Object>> rows =
          PresetRows.of(spec.rows(), parts.rowDetail.orElse(task.rows()), run.plan(), applied, context);
      return new PresetResult(spec.type(), run.plan(), applied, rows,
          commit.map(Commit::id), commit.flatMap(Commit::url), run.attempts().size(), dryRun);
    }
  }

  /** Says what was read and what is applied, and passes each change's outcome on to the listener. */
  private final class Progress implements SyncListener {
    private final PresetSpec spec;
    private final KestraSide kestra;

    Progress(PresetSpec spec, KestraSide kestra) {
      this.spec = spec;
      this.kestra = kestra;
    }

    @Override
    public void read(Snapshot snapshot) {
      parts.progress.accept(snapshot.side() == Side.GIT
          ? "Read " + count(snapshot) + " from Git (" + spec.git().branch() + " at " + shortId(snapshot.identity()) + ")"
          : "Read " + count(snapshot) + " from Kestra (" + kestra.server().describeShort() + ")");
    }

    @Override
    public void applying(Plan plan) {
      parts.progress.accept("Applying " + plan.summary().line());
    }

    @Override
    public void changed(ChangeResult result, int done, int total) {
      parts.listener.changed(result, done, total);
    }
  }

  /**
   * Runs a Clone task into {@code directory} under {@code workingDirectory}, or into the working
   * directory itself when the task sets none, as the plugin does. A commit wins over a tag and a
   * tag over a branch, as in the plugin; with a commit, the branch is where it is looked for first.
   *
   * @throws IllegalArgumentException when the directory is not empty, naming it: unlike the plugin,
   *     which fetches into it over what it holds, Driftless never mixes a clone with other files
   */
  public CloneResult clone(Clone task, Path workingDirectory) {
    Path directory = task.directory().map(workingDirectory::resolve).orElse(workingDirectory).toAbsolutePath()
        .normalize();
    refuseIfNotEmpty(directory, task.directory().isEmpty());
    CloneRequest.Builder clone = CloneRequest.builder()
        .remote(task.remote())
        .directory(directory)
        .depth(task.depth())
        .cloneSubmodules(task.cloneSubmodules())
        .noTags(task.noTags())
        .cloneAllBranches(task.cloneAllBranches())
        .putAllGitConfig(task.gitConfig());
    if (task.commit().isPresent()) {
      clone.commit(task.commit().get());
      task.branch().ifPresent(clone::branch);
    } else if (task.tag().isPresent()) {
      clone.tag(task.tag().get());
    } else {
      task.branch().ifPresent(clone::branch);
    }
    return clone.build().run();
  }

  private static void refuseIfNotEmpty(Path directory, boolean theWorkingDirectory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    List<String> held;
    try (Stream<Path> entries = Files.list(directory)) {
      held = entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
    if (!held.isEmpty()) {
      throw new IllegalArgumentException("directory: cannot clone into " + directory
          + (theWorkingDirectory ? " (the working directory, where Clone clones when directory is not set)" : "")
          + ": it is not empty (it holds " + held.size() + (held.size() == 1 ? " entry" : " entries") + ", e.g. '"
          + held.get(0) + "'). Driftless does not mix a clone with files already there: set directory to a new or "
          + "empty folder.");
    }
  }

  /** Kestra's reader for the task: an execution's files, or what Kestra holds that it can be written. */
  private static SnapshotReader kestraReader(KestraSide kestra, PresetSpec spec) {
    Optional<ExecutionFilesSpec> outputs = spec.executionFiles();
    if (outputs.isPresent()) {
      return Annotated.reader(kestra.executionFiles(outputs.get().executionId(), outputs.get().filesMap()),
          spec.notes());
    }
    return Annotated.reader(WritableKinds.reader(kestra.reader(), spec.policy(), kestra.server()), spec.notes());
  }

  /**
   * What the task plans from: for SyncFlow, the one file it syncs and the flows it holds; with
   * errorOnMissing, refused when the source holds nothing the task selects.
   */
  private static PlanInput focus(PlanInput input, PresetSpec spec) {
    PlanInput focused = input;
    if (spec.singleFlowPath().isPresent()) {
      Snapshot git = onlyFile(input.git(), spec.singleFlowPath().get(), spec);
      focused = input.withGit(git).withPolicy(input.policy().withSelector(Selector.of(Set.of(ResourceKind.FLOW),
          git.entries().stream().flatMap(e -> e.key().stream()).map(k -> Selector.escape(k.name())).distinct().toList(),
          List.of())));
    }
    if (spec.failWhenNothingSelected()) {
      requireSelected(focused.policy(), focused.of(spec.type().pushesToGit() ? Side.KESTRA : Side.GIT));
    }
    return focused;
  }

  /**
   * SyncFlow: the Git snapshot narrowed to the one file it syncs, with the diagnostics about that
   * file (and those about no file); what was said about the other files of its folder is not this
   * task's business.
   */
  private static Snapshot onlyFile(Snapshot git, String path, PresetSpec spec) {
    List<SnapshotEntry> entries = git.entries().stream()
        .filter(e -> e.origin().filter(path::equals).isPresent()).toList();
    if (entries.isEmpty()) {
      throw new SourceNotFoundException("flowPath " + path + " is not a flow file on branch " + spec.git().branch()
          + " of " + spec.git().connection().url().orElse("the remote"));
    }
    return Snapshot.builder().side(Side.GIT).scope(git.scope()).identity(git.identity()).addAllEntries(entries)
        .addAllDiagnostics(git.diagnostics().stream().filter(d -> d.file().map(path::equals).orElse(true)).toList())
        .build();
  }

  private static void requireSelected(Policy policy, Snapshot source) {
    boolean any = source.entries().stream().flatMap(e -> e.key().stream()).anyMatch(policy.selector()::selects);
    if (!any) {
      throw new SourceNotFoundException("errorOnMissing is set and nothing in " + source.side().displayName()
          + " matches " + (policy.selector().includes().isEmpty() ? "the task" : policy.selector().includes()));
    }
  }

  private static String count(Snapshot snapshot) {
    long readable = snapshot.entries().stream().filter(e -> e.present().isPresent()).count();
    long unreadable = snapshot.entries().size() - readable;
    return readable + (readable == 1 ? " resource" : " resources") + (unreadable == 0 ? "" : " and " + unreadable
        + " unreadable");
  }

  private static String shortId(String identity) {
    return identity.length() > 12 && identity.matches("[0-9a-f]+") ? identity.substring(0, 12) : identity;
  }

  /** The task's policy with its guard (as the runner's caller adjusts it), protecting the running flow too. */
  private Policy policy(PresetSpec spec, SyncTask task) {
    Policy policy = spec.policy().withGuards(parts.guards.apply(task.guards()));
    if (parts.runningFlow.isEmpty()) {
      return policy;
    }
    Set<ResourceKey> protectedResources = new java.util.HashSet<>(policy.protectedResources());
    protectedResources.add(parts.runningFlow.get());
    return policy.withProtectedResources(protectedResources);
  }

  /** The runner's settings; each {@code with...} changes a copy. */
  private static final class Parts {
    Optional<Path> cacheDirectory = Optional.empty();
    Clock clock = Clock.system();
    ApplyListener listener = ApplyListener.NONE;
    Consumer<String> progress = line -> { };
    int maxAttempts = 3;
    PlanOptions options = PlanOptions.builder().maxDiffLines(100_000).build();
    boolean forceDryRun;
    Optional<ResourceKey> runningFlow = Optional.empty();
    Optional<RowDetail> rowDetail = Optional.empty();
    UnaryOperator<Guards> guards = UnaryOperator.identity();

    Parts copy() {
      Parts copy = new Parts();
      copy.cacheDirectory = cacheDirectory;
      copy.clock = clock;
      copy.listener = listener;
      copy.progress = progress;
      copy.maxAttempts = maxAttempts;
      copy.options = options;
      copy.forceDryRun = forceDryRun;
      copy.runningFlow = runningFlow;
      copy.rowDetail = rowDetail;
      copy.guards = guards;
      return copy;
    }
  }
}
