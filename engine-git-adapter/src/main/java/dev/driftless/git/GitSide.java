package dev.driftless.git;

import dev.driftless.git.internal.baseline.GitBaselineStore;
import dev.driftless.git.internal.read.GitSnapshotReader;
import dev.driftless.git.internal.transport.RemoteAccess;
import dev.driftless.git.internal.write.GitChangeWriter;
import dev.driftless.port.BaselineStore;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.SnapshotReader;
import java.util.Objects;
import java.util.Optional;

/**
 * The Git side of a sync, for one branch and one layout: its {@link #reader()} reads snapshots,
 * its {@link #writer()} commits plans, and for a two-way sync its {@link #baselines()} read the
 * baseline the writer records.
 *
 * <pre>{@code
 * GitSide git = GitSide.open(settings);
 * SyncResult run = Sync.between(git.reader(), gitScope, kestraReader, kestraScope)
 *     .withPolicy(policy)
 *     .withWriters(git.writer())
 *     .apply();
 * }</pre>
 *
 * <p>Opening does no network I/O: it loads the SSH key and the CA certificates, so that a wrong
 * passphrase or a bad CA file fails here with a clear message. Each read and each write session
 * then opens its own connections (and, without a cache directory, its own temporary repository)
 * and releases them when it ends; a side can be used from several threads.
 */
public final class GitSide {

  private final GitSettings settings;
  private final RemoteAccess access;
  private final SnapshotReader reader;
  private final ChangeWriter writer;
  private final BaselineStore baselines;

  private GitSide(GitSettings settings, RemoteAccess access) {
    this.settings = settings;
    this.access = access;
    this.reader = new GitSnapshotReader(settings, access);
    this.writer = new GitChangeWriter(settings, access);
    this.baselines = new GitBaselineStore(settings, access);
  }

  /**
   * The side for these settings.
   *
   * @throws IllegalArgumentException listing every problem with the key or CA files
   */
  public static GitSide open(GitSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return new GitSide(settings, RemoteAccess.prepare(settings.remote()));
  }

  public SnapshotReader reader() {
    return reader;
  }

  public ChangeWriter writer() {
    return writer;
  }

  /**
   * Where a two-way sync of this branch and directory keeps its baseline: the ref
   * {@link GitSettings#baselineRef()} of the same repository, a commit (its parent the previous
   * baseline, so the ref's history is the sync's) whose tree lists each resource's key and holds its
   * content. Reading fetches that ref alone, as reads fetch the branch; a missing ref is
   * {@link dev.driftless.snapshot.Baseline#none()}, a ref that holds no readable baseline fails with a
   * {@link dev.driftless.port.SideUnavailableException} naming it. The {@link #writer()} keeps it
   * ({@link ChangeWriter#keepsBaseline()}): its sessions read it and push the next one with their
   * commit, both refs compared and swapped in one atomic push.
   */
  public BaselineStore baselines() {
    return baselines;
  }

  public GitSettings settings() {
    return settings;
  }

  /** The web page of a commit on this side's forge, when the remote is on a known one. */
  public Optional<String> commitUrl(String commitId) {
    return settings.commitUrl(commitId);
  }

  @Override
  public String toString() {
    return "GitSide[" + access.display() + " " + settings.branch() + ", " + settings.layout().describe() + "]";
  }
}
