package dev.driftless.git.internal.write;

import dev.driftless.apply.Commit;
import dev.driftless.git.GitSettings;
import dev.driftless.git.internal.read.BlobVerdicts;
import dev.driftless.git.internal.baseline.BaselineTree;
import dev.driftless.git.internal.read.TreeScan;
import dev.driftless.git.internal.repo.LocalRepository;
import dev.driftless.git.internal.repo.RemoteBranch;
import dev.driftless.git.internal.repo.RemoteRef;
import dev.driftless.git.internal.transport.RemoteAccess;
import dev.driftless.git.internal.transport.RemoteLink;
import dev.driftless.git.layout.Layout;
import dev.driftless.port.CommitResult;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One application of a plan to a branch. It begins by fetching the branch head (the
 * compare-and-swap base; a missing branch is created, starting from the remote's default branch as
 * {@code git checkout -b} does) and reading the current files of its keys; writes are staged;
 * {@link #commit()} builds one commit on the base straight in the object
 * database and pushes it expecting the base as the branch's head. A push refused because the
 * branch moved is a rejection, never forced.
 *
 * <p>A resource that already has a file is written there (whatever its extension or name); a new
 * one goes where the layout says. A write never touches a file that is not its key's: an ignored
 * path, a path another resource holds, a symbolic link or a submodule, a file standing where a
 * folder is needed, a path the shared path rule refuses ({@link ResourceKey#pathProblem}: a
 * {@code ..} or {@code .git} segment, whatever a key let through). Nor does it write a file larger
 * than {@link GitSettings#maxFileBytes()}, which the next read would refuse. Those writes fail,
 * with the reason.
 *
 * <p>A two-way sync's session also keeps its baseline, in the ref {@link GitSettings#baselineRef()}
 * of the same repository. {@link #baseline()} fetches and reads it the first time it is asked for
 * (a one-way sync never asks, and its sessions never touch the ref); its commit then is the
 * compare-and-swap base of the ref. {@link #stageBaseline} builds the next baseline's commit on it.
 * With a baseline staged, {@link #commit()} pushes the branch's commit (when the writes changed
 * anything) and the baseline ref in one atomic push that expects both at the ids they were read at:
 * both land or neither, and a rejection names the ref that moved. A server that takes no atomic
 * pushes gets two pushes, in this order: the branch first (with compare-and-swap; a rejection stops
 * there), then the baseline ref (with compare-and-swap). When the second is rejected after the branch
 * landed, the commit stands and the baseline stays where another writer put it: an older baseline
 * only makes the next plan see more changes since it, it never hides one. The baseline never moves
 * before the branch: a baseline ahead of the branch would make what Git still holds look like an edit
 * made in Git, which the next plan would carry over to Kestra. A commit that changes nothing on the branch pushes the baseline ref alone; the branch cannot be
 * compared without being moved, and it need not be: whatever landed on it since is a change the next
 * plan sees against the baseline.
 */
final class GitWriteSession implements WriteSession {

  private final GitSettings settings;
  private final RemoteAccess access;
  private final WriteIntent intent;
  private final Layout layout;
  private final Scope scope;
  private final LocalRepository local;
  private final BlobVerdicts verdicts;
  private final RemoteLink link;
  private final RemoteBranch branch;
  /** The branch's head when the session began: the compare-and-swap base; empty for a new branch. */
  private final Optional<ObjectId> base;
  /** The parent of the commit: the base, or for a new branch the default branch's head it starts from. */
  private final Optional<ObjectId> start;
  private final Optional<ObjectId> baseTree;
  private final TreeScan.Result current;
  private final Map<String, Optional<byte[]>> staged = new LinkedHashMap<>();
  private final RemoteRef baselineRef;
  /** The stored baseline, fetched when first asked for; null until then. */
  private Stored stored;
  /** The next baseline's commit, built by {@link #stageBaseline}. */
  private Optional<ObjectId> stagedBaseline = Optional.empty();
  private Optional<ObjectId> committed = Optional.empty();
  private boolean commitCalled;
  private boolean closed;

  private GitWriteSession(GitSettings settings, RemoteAccess access, WriteIntent intent, LocalRepository local,
      RemoteLink link) {
    this.settings = settings;
    this.access = access;
    this.intent = intent;
    this.layout = settings.layout();
    this.scope = scopeOf(intent.keys(), layout);
    this.local = local;
    this.verdicts = BlobVerdicts.open(local.cacheFile(BlobVerdicts.FILE_NAME));
    this.link = link;
    this.branch = new RemoteBranch(local, link, settings.branch());
    this.baselineRef = new RemoteRef(local, link, settings.baselineRef(), "the baseline ref " + settings.baselineRef());
    this.base = branch.fetch(settings.shallow());
    this.start = base.isPresent() ? base : branch.startingPoint().flatMap(b -> b.fetch(settings.shallow()));
    this.baseTree = start.map(this::treeOf);
    this.current = scan(baseTree);
  }

  static GitWriteSession begin(GitSettings settings, RemoteAccess access, WriteIntent intent) {
    LocalRepository local = LocalRepository.open(settings.cacheDirectory());
    RemoteLink link = null;
    try {
      link = access.link();
      return new GitWriteSession(settings, access, intent, local, link);
    } catch (RuntimeException e) {
      if (link != null) {
        link.close();
      }
      local.close();
      throw e;
    }
  }

  /** The keys' namespaces (without children) and kinds: what the session reads. */
  private static Scope scopeOf(Set<ResourceKey> keys, Layout layout) {
    Set<String> namespaces = new TreeSet<>();
    Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
    for (ResourceKey key : keys) {
      if (layout.holds(key)) {
        kinds.add(key.kind());
        if (key.kind().isNamespaced()) {
          namespaces.add(key.namespace());
        }
      }
    }
    return namespaces.isEmpty() ? new Scope(Set.of(), false, false, kinds) : Scope.namespaces(namespaces, false, kinds);
  }

  private ObjectId treeOf(ObjectId commit) {
    try (RevWalk walk = new RevWalk(local.repository())) {
      return walk.parseCommit(commit).getTree().getId();
    } catch (IOException e) {
      throw new SideUnavailableException("cannot read commit " + commit.name() + " fetched from " + access.display(), e);
    }
  }

  private TreeScan.Result scan(Optional<ObjectId> tree) {
    if (tree.isEmpty()) {
      return TreeScan.nothing();
    }
    try (ObjectReader reader = local.repository().newObjectReader()) {
      TreeScan.Result result = TreeScan.scan(reader, tree.get(), layout, scope, settings.maxFileBytes(),
          settings.maxReadBytes(), verdicts);
      verdicts.save();
      return result;
    }
  }

  @Override
  public Optional<Fingerprint> current(ResourceKey key) {
    if (!intent.keys().contains(key)) {
      throw new IllegalArgumentException(key + " is not part of this session");
    }
    return fingerprint(current, key);
  }

  private static Optional<Fingerprint> fingerprint(TreeScan.Result result, ResourceKey key) {
    List<TreeScan.Claim> claims = result.claimsOf(key);
    return claims.size() == 1 ? claims.get(0).fingerprint() : Optional.empty();
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public List<WriteResult> write(List<Write> writes) {
    if (closed || commitCalled) {
      throw new IllegalStateException("the session is " + (closed ? "closed" : "committed") + "; begin a new one");
    }
    List<WriteResult> results = new ArrayList<>(writes.size());
    for (Write write : writes) {
      results.add(stage(write));
    }
    return results;
  }

  private WriteResult stage(Write write) {
    ResourceKey key = write.key();
    if (!intent.keys().contains(key)) {
      return WriteResult.failed(key, key.address() + " is not part of this session's plan");
    }
    if (!layout.holds(key)) {
      return WriteResult.failed(key, key.address() + " has no place in the " + layout.describe());
    }
    List<TreeScan.Claim> claims = current.claimsOf(key);
    if (claims.size() > 1) {
      return WriteResult.failed(key, claims.size() + " files claim " + key.address() + " ("
          + claims.stream().map(TreeScan.Claim::path).collect(Collectors.joining(", ")) + "); keep exactly one");
    }
    if (claims.size() == 1 && claims.get(0).problem().isPresent()) {
      return WriteResult.failed(key, claims.get(0).path() + " cannot be read (" + claims.get(0).problem().get()
          + "), so it is not " + (write.written().isPresent() ? "overwritten" : "deleted"));
    }
    Optional<String> existing = claims.isEmpty() ? Optional.empty() : Optional.of(claims.get(0).path());
    String target = existing.orElseGet(() -> layout.pathOf(key));
    Optional<String> unsafe = ResourceKey.pathProblem(target);
    if (unsafe.isPresent()) {
      return WriteResult.failed(key, "refused to write " + key.address() + " at " + target + ": the path " + unsafe.get());
    }
    if (write.written().isEmpty()) {
      existing.ifPresent(path -> staged.put(path, Optional.empty()));
      return WriteResult.written(key);
    }
    int size = write.written().get().content().size();
    if (size > settings.maxFileBytes()) {
      return WriteResult.failed(key, key.address() + " is " + size + " bytes, more than the size limit of "
          + settings.maxFileBytes() + " bytes (maxFileBytes): it would not be read back, so it is not written");
    }
    String path = target;
    if (existing.isEmpty()) {
      Optional<String> blocked = blocker(path);
      if (blocked.isPresent()) {
        return WriteResult.failed(key, "cannot write " + key.address() + " to " + path + ": " + blocked.get());
      }
    }
    byte[] bytes = write.written().get().content().bytes();
    staged.put(path, Optional.of(bytes));
    return WriteResult.written(key, new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, bytes).name());
  }

  /** Why a new file cannot go to {@code path}, or empty when the way is clear. */
  private Optional<String> blocker(String path) {
    String inside = layout.directory().isEmpty() ? path : path.substring(layout.directory().length() + 1);
    if (current.ignore().ignoresFile(inside)) {
      return Optional.of("the path is ignored by " + layout.ignoreFile());
    }
    for (String other : staged.keySet()) {
      if (staged.get(other).isPresent() && (other.startsWith(path + "/") || path.startsWith(other + "/"))) {
        return Optional.of("it collides with " + other + ", written in the same commit");
      }
    }
    TreeEditor.Located found;
    try (ObjectReader reader = local.repository().newObjectReader()) {
      found = TreeEditor.locate(reader, baseTree, path);
    } catch (IOException e) {
      throw new SideUnavailableException("cannot read the tree of " + settings.branch() + " fetched from "
          + access.display(), e);
    }
    return switch (found.kind()) {
      case ABSENT -> Optional.empty();
      case FILE -> Optional.of(found.at().equals(path)
          ? "another file is there, which is not this resource's (another id, or outside what Driftless reads)"
          : found.at() + " is a file where a folder is needed");
      case FOLDER -> Optional.of("a folder is there");
      case OTHER -> Optional.of(found.at() + " is a symbolic link or a submodule, which Driftless never changes");
    };
  }

  @Override
  public CommitResult commit() {
    if (closed) {
      throw new IllegalStateException("the session is closed");
    }
    if (committed.isPresent()) {
      throw new IllegalStateException("the session already committed " + committed.get().name());
    }
    commitCalled = true;
    Optional<ObjectId> commit = buildCommit();
    if (stagedBaseline.isPresent()) {
      return commitWithBaseline(commit, stagedBaseline.get());
    }
    if (commit.isEmpty()) {
      return CommitResult.none();
    }
    Optional<String> rejection = branch.push(commit.get(), base);
    if (rejection.isPresent()) {
      return CommitResult.rejected(rejection.get());
    }
    return landed(commit);
  }

  /** The commit of the staged writes; empty when nothing is staged or the writes change nothing. */
  private Optional<ObjectId> buildCommit() {
    if (staged.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectInserter inserter = local.newPackInserter();
        ObjectReader reader = inserter.newReader()) {
      Map<String, Optional<ObjectId>> edits = new LinkedHashMap<>();
      for (Map.Entry<String, Optional<byte[]>> e : staged.entrySet()) {
        edits.put(e.getKey(), e.getValue().isEmpty() ? Optional.empty()
            : Optional.of(inserter.insert(Constants.OBJ_BLOB, e.getValue().get())));
      }
      ObjectId tree = TreeEditor.apply(reader, inserter, baseTree, edits);
      if (baseTree.isPresent() && tree.equals(baseTree.get())) {
        inserter.flush();
        return Optional.empty();
      }
      ObjectId commit = inserter.insert(commitOf(tree));
      inserter.flush();
      return Optional.of(commit);
    } catch (IOException e) {
      throw new SideUnavailableException("cannot build the commit for " + settings.branch() + " in the local "
          + "repository: " + e.getMessage(), e);
    }
  }

  /** Pushes the commit (if any) and the staged baseline together; the class comment says how without atomic pushes. */
  private CommitResult commitWithBaseline(Optional<ObjectId> commit, ObjectId baselineCommit) {
    RemoteBranch.Move baselineMove = new RemoteBranch.Move(baselineRef.refName(), baselineRef.what(), baselineCommit,
        stored.commit());
    List<RemoteBranch.Move> moves = commit.isPresent()
        ? List.of(branch.move(commit.get(), base), baselineMove) : List.of(baselineMove);
    RemoteBranch.PushOutcome together = branch.pushAll(moves);
    return switch (together.pushed()) {
      case LANDED -> landed(commit);
      case REJECTED -> CommitResult.rejected(together.rejection().orElseThrow());
      case NOT_ATOMIC -> oneAtATime(commit, baselineMove);
    };
  }

  private CommitResult oneAtATime(Optional<ObjectId> commit, RemoteBranch.Move baselineMove) {
    if (commit.isPresent()) {
      Optional<String> rejection = branch.push(commit.get(), base);
      if (rejection.isPresent()) {
        return CommitResult.rejected(rejection.get());
      }
    }
    RemoteBranch.PushOutcome alone = branch.pushAll(List.of(baselineMove));
    if (alone.pushed() == RemoteBranch.Pushed.REJECTED && commit.isEmpty()) {
      return CommitResult.rejected(alone.rejection().orElseThrow());
    }
    // Rejected after the branch landed: the stored baseline stays older than the sides, which is safe.
    return landed(commit);
  }

  private CommitResult landed(Optional<ObjectId> commit) {
    committed = commit;
    return commit.map(c -> CommitResult.committed(new Commit(Side.GIT, c.name(), settings.commitUrl(c.name()))))
        .orElse(CommitResult.none());
  }

  @Override
  public Optional<Baseline> baseline() {
    if (closed) {
      throw new IllegalStateException("the session is closed");
    }
    return Optional.of(stored().baseline());
  }

  /** The stored baseline, fetched and read the first time. */
  private Stored stored() {
    if (stored == null) {
      Optional<ObjectId> id = baselineRef.fetch(settings.shallow());
      Baseline baseline = Baseline.none();
      if (id.isPresent()) {
        try (ObjectReader reader = local.repository().newObjectReader()) {
          baseline = BaselineTree.read(reader, id.get(), baselineRef.refName() + " of " + access.display(),
              settings.maxFileBytes(), settings.maxReadBytes());
        }
      }
      stored = new Stored(id, baseline);
    }
    return stored;
  }

  /**
   * Builds the next baseline's commit on the stored one; {@link #commit()} pushes it.
   *
   * @throws IllegalArgumentException for {@link Baseline#none()}, which is no baseline to record
   * @throws IllegalStateException when a baseline is already staged, or the session committed or closed
   */
  @Override
  public void stageBaseline(Baseline next) {
    Objects.requireNonNull(next, "next");
    if (closed || commitCalled) {
      throw new IllegalStateException("the session is " + (closed ? "closed" : "committed") + "; begin a new one");
    }
    if (stagedBaseline.isPresent()) {
      throw new IllegalStateException("a baseline is already staged in this session");
    }
    if (!next.isRecorded()) {
      throw new IllegalArgumentException("no baseline (Baseline.none()) cannot be recorded; record the baseline "
          + "both sides agree on, even an empty one");
    }
    Optional<ObjectId> parent = stored().commit();
    Instant now = settings.clock().now();
    String directory = layout.directory().isEmpty() ? "the repository's root" : "directory '" + layout.directory() + "'";
    String message = "Driftless baseline: " + next.entries().size() + " resource" + (next.entries().size() == 1 ? "" : "s")
        + "\n\nBranch '" + settings.branch() + "', " + directory + "\nPlan " + intent.planId() + "\n";
    try (ObjectInserter inserter = local.newPackInserter()) {
      ObjectId commit = BaselineTree.insertCommit(inserter, next, parent,
          new PersonIdent(settings.effectiveAuthorName(), settings.effectiveAuthorEmail(), now, ZoneOffset.UTC),
          new PersonIdent(settings.effectiveCommitterName(), settings.effectiveCommitterEmail(), now, ZoneOffset.UTC),
          message);
      inserter.flush();
      stagedBaseline = Optional.of(commit);
    } catch (IOException e) {
      throw new SideUnavailableException("cannot build the baseline's commit for " + settings.baselineRef()
          + " in the local repository: " + e.getMessage(), e);
    }
  }

  /** The baseline stored when it was fetched, and its commit (empty when none is recorded). */
  private record Stored(Optional<ObjectId> commit, Baseline baseline) {}

  private CommitBuilder commitOf(ObjectId tree) {
    Instant now = settings.clock().now();
    CommitBuilder builder = new CommitBuilder();
    builder.setTreeId(tree);
    start.ifPresent(builder::setParentId);
    builder.setAuthor(new PersonIdent(settings.effectiveAuthorName(), settings.effectiveAuthorEmail(), now,
        ZoneOffset.UTC));
    builder.setCommitter(new PersonIdent(settings.effectiveCommitterName(), settings.effectiveCommitterEmail(), now,
        ZoneOffset.UTC));
    builder.setMessage(settings.commitMessage(intent.planId(), intent.summary()));
    return builder;
  }

  @Override
  public Map<ResourceKey, Optional<Fingerprint>> readBack(Collection<ResourceKey> keys) {
    Optional<ObjectId> tree = committed.isPresent() ? committed.map(this::treeOf) : baseTree;
    TreeScan.Result now = tree.equals(baseTree) ? current : scan(tree);
    Map<ResourceKey, Optional<Fingerprint>> out = new HashMap<>();
    for (ResourceKey key : keys) {
      out.put(key, fingerprint(now, key));
    }
    return out;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      link.close();
    } finally {
      local.close();
    }
  }

  @Override
  public String toString() {
    return "GitWriteSession[" + access.display() + " " + settings.branch() + " at "
        + base.map(id -> id.abbreviate(7).name()).orElse("(new branch)") + ", " + staged.size() + " staged"
        + (stagedBaseline.isPresent() ? ", a baseline staged" : "") + "]";
  }
}
