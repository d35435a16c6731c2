package dev.driftless.git.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.GitSettings;
import dev.driftless.git.internal.repo.LocalRepository;
import dev.driftless.git.internal.repo.RemoteBranch;
import dev.driftless.git.internal.transport.RemoteAccess;
import dev.driftless.git.internal.transport.RemoteLink;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.SnapshotReader;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads a snapshot of one branch: fetches its head into a local bare repository (shallow, unless
 * the settings say otherwise) and scans the commit's tree from the object database. The snapshot's
 * identity is the commit id. Without a cache directory the repository is held in memory, unless the
 * fetch brings more than it may hold there ({@link LocalRepository#forReading}); the read then
 * starts again in a temporary repository on disk.
 *
 * <p>The paths the directory's {@code .kestraignore} ignores are not read, and the snapshot leaves
 * their keys out of the sync ({@link Snapshot#exclusion()}), so that nothing is planned for them on
 * either side.
 *
 * <p>A missing branch or directory is a {@link SourceNotFoundException} naming it and the remote,
 * never an empty snapshot, unless the settings opt into reading it as empty (for Git as the target
 * only); the identity then says so ({@code absent:<branch>}).
 */
public final class GitSnapshotReader implements SnapshotReader {

  private final GitSettings settings;
  private final RemoteAccess access;
  private final long memoryBudget;

  public GitSnapshotReader(GitSettings settings, RemoteAccess access) {
    this(settings, access, LocalRepository.MEMORY_BUDGET);
  }

  /** A reader whose reads in memory may fetch at most {@code memoryBudget} bytes of objects. */
  GitSnapshotReader(GitSettings settings, RemoteAccess access, long memoryBudget) {
    this.settings = settings;
    this.access = access;
    this.memoryBudget = memoryBudget;
  }

  @Override
  public Side side() {
    return Side.GIT;
  }

  @Override
  public Snapshot read(Scope scope) {
    settings.layout().scopeProblem(scope).ifPresent(p -> {
      throw new IllegalArgumentException("cannot read " + scope.describe() + " from Git: " + p);
    });
    try (LocalRepository local = LocalRepository.forReading(settings.cacheDirectory(), memoryBudget)) {
      return read(local, scope);
    } catch (LocalRepository.OverMemoryBudget e) {
      // Too much to hold in memory: the same read through a temporary repository on disk.
      try (LocalRepository local = LocalRepository.open(Optional.empty())) {
        return read(local, scope);
      }
    }
  }

  private Snapshot read(LocalRepository local, Scope scope) {
    try (RemoteLink link = access.link()) {
      RemoteBranch branch = new RemoteBranch(local, link, settings.branch());
      Optional<ObjectId> head = branch.fetch(settings.shallow());
      if (head.isPresent()) {
        return read(local, head.get(), scope, head.get().name(), "branch '" + settings.branch() + "'");
      }
      String missing = "branch '" + settings.branch() + "' does not exist in " + access.display();
      if (!settings.readMissingAsEmpty()) {
        throw new SourceNotFoundException(missing + ". Check the branch name; nothing was read, so nothing is planned.");
      }
      // A new branch starts from the default branch (see the writer): what it will hold is what that holds.
      Optional<RemoteBranch> start = branch.startingPoint();
      Optional<ObjectId> startHead = start.flatMap(b -> b.fetch(settings.shallow()));
      if (startHead.isEmpty()) {
        return empty(scope, "absent:" + settings.branch(), missing + "; read as empty (readMissingAsEmpty)");
      }
      String from = "branch '" + start.get().name() + "', where the new branch '" + settings.branch() + "' starts";
      Snapshot snapshot = read(local, startHead.get(), scope, "absent:" + settings.branch() + "@"
          + startHead.get().name(), from);
      return Snapshot.builder().side(Side.GIT).scope(scope).identity(snapshot.identity())
          .addAllEntries(snapshot.entries()).addAllDiagnostics(snapshot.diagnostics()).exclusion(snapshot.exclusion())
          .addDiagnostics(Diagnostic.info(missing + "; read from " + from + " (commit "
              + startHead.get().abbreviate(7).name() + ")").onSide(Side.GIT))
          .build();
    }
  }

  private Snapshot read(LocalRepository local, ObjectId head, Scope scope, String identity, String what) {
    TreeScan.Result result;
    BlobVerdicts verdicts = BlobVerdicts.open(local.cacheFile(BlobVerdicts.FILE_NAME));
    try (ObjectReader reader = local.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      RevCommit commit = walk.parseCommit(head);
      result = TreeScan.scan(reader, commit.getTree(), settings.layout(), scope, settings.maxFileBytes(),
          settings.maxReadBytes(), verdicts);
    } catch (IOException e) {
      throw new SideUnavailableException("cannot read commit " + head.name() + " fetched from " + access.display()
          + " in the local object database: " + (e.getMessage() == null ? "it is damaged or incomplete" : e.getMessage()),
          e);
    }
    verdicts.save();
    return switch (result.directory()) {
      case PRESENT -> Snapshot.builder().side(Side.GIT).scope(scope).identity(identity)
          .addAllEntries(result.entries()).addAllDiagnostics(result.diagnostics())
          .exclusion(result.exclusion(settings.layout())).build();
      case MISSING -> {
        String where = where("does not exist", head, what);
        if (!settings.readMissingAsEmpty()) {
          throw new SourceNotFoundException(where + ". Check gitDirectory; nothing was read, so nothing is planned.");
        }
        yield empty(scope, identity, where + "; read as empty (readMissingAsEmpty)");
      }
      case NOT_A_FOLDER -> throw new SourceNotFoundException(where("is not a folder (a file, a symbolic link or a "
          + "submodule stands there)", head, what) + ". Check gitDirectory; nothing was read, so nothing is planned.");
    };
  }

  private String where(String state, ObjectId head, String what) {
    return "directory '" + settings.layout().directory() + "' " + state + " on " + what + " of "
        + access.display() + " (commit " + head.abbreviate(7).name() + ")";
  }

  private static Snapshot empty(Scope scope, String identity, String why) {
    return Snapshot.builder().side(Side.GIT).scope(scope).identity(identity)
        .addDiagnostics(Diagnostic.info(why).onSide(Side.GIT)).build();
  }

  @Override
  public String toString() {
    return "GitSnapshotReader[" + access.display() + " " + settings.branch() + ", " + settings.layout().describe() + "]";
  }
}
