package dev.driftless.testkit.fake;

import dev.driftless.apply.Commit;
import dev.driftless.core.yaml.ParsedYaml;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.core.yaml.YamlProblem;
import dev.driftless.port.BaselineStore;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.CommitResult;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.SnapshotReader;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One side held in memory, as reader and writer.
 *
 * <p>{@link #git()} behaves like a Git branch: writes are staged and land in one commit, and the
 * commit is refused when the side changed since the session began (compare-and-swap on the head).
 * {@link #kestra()} behaves like Kestra's API: each write lands as it is made. Both record every
 * write that landed, in order.
 *
 * <p>Tests steer it: {@link #failWritesTo} makes writes of a key fail, {@link #rejectNextCommit}
 * refuses the next commit, {@link #onBegin} runs code at the moment an apply opens its session
 * (to change a resource behind the planner's back), {@link #markMissing} makes reads fail as a
 * missing branch or namespace would, {@link #failReads} as an unreachable side would. All methods
 * are thread-safe.
 */
public final class InMemorySide implements SnapshotReader, ChangeWriter {

  private final Side side;
  private final boolean transactional;
  private final TreeMap<ResourceKey, Resource> resources = new TreeMap<>();
  private final List<SnapshotEntry.Unreadable> unreadable = new ArrayList<>();
  private final List<RecordedWrite> writes = new ArrayList<>();
  private final Map<ResourceKey, String> failures = new HashMap<>();
  private final Map<ResourceKey, String> refusals = new HashMap<>();
  private final List<Consumer<InMemorySide>> beginHooks = new ArrayList<>();
  private int version;
  private int commits;
  private int reads;
  private Optional<String> rejectNextCommit = Optional.empty();
  private Optional<String> missing = Optional.empty();
  private Optional<String> readFailure = Optional.empty();
  /** The two-way baseline a Git-like side keeps, as a Git branch keeps it under a ref of its own. */
  private Baseline baseline = Baseline.none();
  private int baselineVersion;

  private InMemorySide(Side side, boolean transactional) {
    this.side = side;
    this.transactional = transactional;
  }

  /** A Git-like side: staged writes, one commit per apply, compare-and-swap on the head. */
  public static InMemorySide git() {
    return new InMemorySide(Side.GIT, true);
  }

  /** A Kestra-like side: every write lands when it is made. */
  public static InMemorySide kestra() {
    return new InMemorySide(Side.KESTRA, false);
  }

  @Override
  public Side side() {
    return side;
  }

  // ---------------------------------------------------------------------------------------------
  // State, changed directly (never recorded as writes)

  /** Puts a resource as if it had always been there. */
  public synchronized InMemorySide put(Resource resource) {
    resources.put(resource.key(), resource);
    unreadable.removeIf(u -> u.key().equals(Optional.of(resource.key())));
    version++;
    return this;
  }

  public InMemorySide put(ResourceKey key, String text) {
    return put(Resource.of(key, text));
  }

  public InMemorySide put(ResourceKey key, Content content) {
    return put(Resource.of(key, content));
  }

  public synchronized InMemorySide remove(ResourceKey key) {
    resources.remove(key);
    version++;
    return this;
  }

  /** Adds an entry that cannot be read; one with a known key replaces that key's resource. */
  public synchronized InMemorySide putUnreadable(SnapshotEntry.Unreadable entry) {
    entry.key().ifPresent(resources::remove);
    unreadable.add(entry);
    version++;
    return this;
  }

  public synchronized Optional<Resource> get(ResourceKey key) {
    return Optional.ofNullable(resources.get(key));
  }

  /** Every readable resource, by key. */
  public synchronized Map<ResourceKey, Resource> resources() {
    return new TreeMap<>(resources);
  }

  // ---------------------------------------------------------------------------------------------
  // Steering

  /** Makes every write of this key fail with the given cause, as a side refusing it would. */
  public synchronized InMemorySide failWritesTo(ResourceKey key, String cause) {
    failures.put(key, cause);
    return this;
  }

  /** Makes the side refuse this key when it checks a plan's puts before writing (as Kestra's validation would). */
  public synchronized InMemorySide refuseInPreflight(ResourceKey key, String reason) {
    refusals.put(key, reason);
    return this;
  }

  /** Refuses the next commit as a rejected push would (Git-like sides only). */
  public synchronized InMemorySide rejectNextCommit(String reason) {
    rejectNextCommit = Optional.of(reason);
    return this;
  }

  /** Runs the hook each time a write session begins, after it read the current state. */
  public synchronized InMemorySide onBegin(Consumer<InMemorySide> hook) {
    beginHooks.add(hook);
    return this;
  }

  /** Makes reads fail as a missing branch, directory or namespace would. */
  public synchronized InMemorySide markMissing(String what) {
    missing = Optional.of(what);
    return this;
  }

  /** Makes reads fail as an unreachable side, or one whose answer cannot be used, would. */
  public synchronized InMemorySide failReads(String why) {
    readFailure = Optional.of(why);
    return this;
  }

  // ---------------------------------------------------------------------------------------------
  // Recording

  /** The writes that landed, in order. */
  public synchronized List<RecordedWrite> writes() {
    return List.copyOf(writes);
  }

  public synchronized int commits() {
    return commits;
  }

  public synchronized int reads() {
    return reads;
  }

  /** Forgets recorded writes, commits and reads (not the state). */
  public synchronized void clearRecords() {
    writes.clear();
    commits = 0;
    reads = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Reader

  @Override
  public synchronized Snapshot read(Scope scope) {
    reads++;
    if (missing.isPresent()) {
      throw new SourceNotFoundException(side.displayName() + ": " + missing.get() + " does not exist");
    }
    if (readFailure.isPresent()) {
      throw new SideUnavailableException(side.displayName() + " cannot be read: " + readFailure.get());
    }
    List<SnapshotEntry> entries = new ArrayList<>();
    for (Resource r : resources.values()) {
      if (scope.contains(r.key())) {
        entries.add(entryOf(r));
      }
    }
    for (SnapshotEntry.Unreadable u : unreadable) {
      if (scope.covers(u.kind(), u.namespace())) {
        entries.add(u);
      }
    }
    String identity = transactional ? "commit-" + version : Snapshot.digestOf(entries);
    return Snapshot.builder().side(side).scope(scope).identity(identity).addAllEntries(entries).build();
  }

  /**
   * A YAML resource is read as an adapter reads it: a text that does not parse, or whose id or
   * namespace is not its key's, is an invalid entry rather than a resource.
   */
  private static SnapshotEntry entryOf(Resource r) {
    ResourceKind kind = r.key().kind();
    if (!kind.isYaml()) {
      return SnapshotEntry.present(r);
    }
    ParsedYaml parsed = YamlDocument.parse(r.content());
    Optional<YamlProblem> problem = parsed.problem()
        .or(() -> parsed.document().flatMap(doc -> doc.identityProblem(kind)))
        .or(() -> parsed.document().flatMap(doc -> mismatch(doc, r.key())));
    if (problem.isEmpty()) {
      return SnapshotEntry.present(r);
    }
    SnapshotEntry.Unreadable invalid = SnapshotEntry.Unreadable.of(r.key(), SnapshotEntry.Failure.INVALID_SYNTAX,
        problem.get().message());
    return problem.get().line().isPresent() ? invalid.atLine(problem.get().line().getAsInt()) : invalid;
  }

  private static Optional<YamlProblem> mismatch(YamlDocument doc, ResourceKey key) {
    if (doc.id().isPresent() && !doc.id().get().equals(key.name())) {
      return Optional.of(YamlProblem.of("declares id '" + doc.id().get() + "', stored as '" + key.name() + "'"));
    }
    if (key.kind().isNamespaced() && !doc.namespace().orElse("").equals(key.namespace())) {
      return Optional.of(YamlProblem.of("declares namespace '" + doc.namespace().orElse("")
          + "', stored in '" + key.namespace() + "'"));
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // Baseline

  /** The baseline this side keeps (Git-like sides), {@link Baseline#none()} until one is recorded. */
  public synchronized Baseline baseline() {
    return baseline;
  }

  /** Records a baseline, as an earlier two-way apply would have. */
  public synchronized InMemorySide recordBaseline(Baseline value) {
    baseline = value;
    baselineVersion++;
    return this;
  }

  /** Reads the baseline this side keeps. */
  public BaselineStore baselines() {
    return this::baseline;
  }

  @Override
  public boolean keepsBaseline() {
    return transactional;
  }

  // Writer

  @Override
  public synchronized WriteSession begin(WriteIntent intent) {
    Map<ResourceKey, Optional<Fingerprint>> current = new HashMap<>();
    for (ResourceKey key : intent.keys()) {
      current.put(key, Optional.ofNullable(resources.get(key)).map(Resource::fingerprint));
    }
    Map<ResourceKey, String> refused = new HashMap<>();
    for (Resource put : intent.puts()) {
      if (refusals.containsKey(put.key())) {
        refused.put(put.key(), refusals.get(put.key()));
      }
    }
    Session session = new Session(current, version, refused, baseline, baselineVersion);
    for (Consumer<InMemorySide> hook : List.copyOf(beginHooks)) {
      hook.accept(this);
    }
    return session;
  }

  /**
   * Writes at once, as a side without staging does. A put over a resource that was there when the
   * session began and was removed since fails, as Kestra's update of a deleted flow does, instead of
   * bringing it back.
   */
  private synchronized WriteResult perform(Write write, boolean presentAtBegin) {
    String failure = failures.get(write.key());
    if (failure != null) {
      return WriteResult.failed(write.key(), failure);
    }
    if (presentAtBegin && write.written().isPresent() && !resources.containsKey(write.key())) {
      return WriteResult.failed(write.key(), write.key().address() + " no longer exists (it was removed after this"
          + " apply began); plan again");
    }
    land(write);
    return WriteResult.written(write.key(), String.valueOf(version));
  }

  private void land(Write write) {
    Optional<Resource> written = write.written();
    if (written.isPresent()) {
      resources.put(write.key(), written.get());
    } else {
      resources.remove(write.key());
    }
    writes.add(new RecordedWrite(write.key(), written.map(Resource::fingerprint)));
    version++;
  }

  /** One apply's session. */
  private final class Session implements WriteSession {
    private final Map<ResourceKey, Optional<Fingerprint>> current;
    private final int baseVersion;
    private final Map<ResourceKey, Write> staged = new LinkedHashMap<>();
    private final Map<ResourceKey, String> refused;
    private final Baseline baselineAtBegin;
    private final int baselineVersionAtBegin;
    private Optional<Baseline> stagedBaseline = Optional.empty();
    private boolean closed;
    private boolean committed;

    Session(Map<ResourceKey, Optional<Fingerprint>> current, int baseVersion, Map<ResourceKey, String> refused,
        Baseline baselineAtBegin, int baselineVersionAtBegin) {
      this.current = current;
      this.baseVersion = baseVersion;
      this.refused = refused;
      this.baselineAtBegin = baselineAtBegin;
      this.baselineVersionAtBegin = baselineVersionAtBegin;
    }

    @Override
    public Optional<Baseline> baseline() {
      return transactional ? Optional.of(baselineAtBegin) : Optional.empty();
    }

    @Override
    public void stageBaseline(Baseline next) {
      if (!transactional) {
        throw new UnsupportedOperationException("this side keeps no two-way baseline");
      }
      if (stagedBaseline.isPresent()) {
        throw new IllegalStateException("the baseline was already staged");
      }
      stagedBaseline = Optional.of(next);
    }

    @Override
    public Map<ResourceKey, String> preflight() {
      return Map.copyOf(refused);
    }

    @Override
    public Optional<Fingerprint> current(ResourceKey key) {
      Optional<Fingerprint> found = current.get(key);
      if (found == null) {
        throw new IllegalArgumentException(key + " is not part of this session");
      }
      return found;
    }

    @Override
    public boolean transactional() {
      return transactional;
    }

    @Override
    public List<WriteResult> write(List<Write> batch) {
      if (closed || committed) {
        throw new IllegalStateException("session " + (closed ? "closed" : "committed"));
      }
      for (Write write : batch) {
        if (!current.containsKey(write.key())) {
          throw new IllegalArgumentException(write.key() + " is not part of this session");
        }
      }
      List<WriteResult> results = new ArrayList<>(batch.size());
      for (Write write : batch) {
        if (!transactional) {
          results.add(perform(write, current.get(write.key()).isPresent()));
          continue;
        }
        String failure;
        synchronized (InMemorySide.this) {
          failure = failures.get(write.key());
        }
        if (failure != null) {
          results.add(WriteResult.failed(write.key(), failure));
        } else {
          staged.put(write.key(), write);
          results.add(WriteResult.written(write.key()));
        }
      }
      return results;
    }

    @Override
    public CommitResult commit() {
      committed = true;
      if (!transactional || (staged.isEmpty() && stagedBaseline.isEmpty())) {
        return CommitResult.none();
      }
      synchronized (InMemorySide.this) {
        if (rejectNextCommit.isPresent()) {
          String reason = rejectNextCommit.get();
          rejectNextCommit = Optional.empty();
          return CommitResult.rejected(reason);
        }
        if (version != baseVersion) {
          return CommitResult.rejected("push rejected: the branch moved since it was read");
        }
        if (stagedBaseline.isPresent() && baselineVersion != baselineVersionAtBegin) {
          return CommitResult.rejected("push rejected: the baseline moved since it was read");
        }
        stagedBaseline.ifPresent(InMemorySide.this::recordBaseline);
        if (staged.isEmpty()) {
          return CommitResult.none();
        }
        staged.values().forEach(InMemorySide.this::land);
        commits++;
        staged.clear();
        return CommitResult.committed(new Commit(side, "commit-" + version, Optional.empty()));
      }
    }

    @Override
    public Map<ResourceKey, Optional<Fingerprint>> readBack(Collection<ResourceKey> keys) {
      Map<ResourceKey, Optional<Fingerprint>> out = new HashMap<>();
      synchronized (InMemorySide.this) {
        for (ResourceKey key : keys) {
          out.put(key, Optional.ofNullable(resources.get(key)).map(Resource::fingerprint));
        }
      }
      return out;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
