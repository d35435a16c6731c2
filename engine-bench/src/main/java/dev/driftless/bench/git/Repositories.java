package dev.driftless.bench.git;

import dev.driftless.bench.workload.FlowSource;
import dev.driftless.git.layout.Layout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The bare repositories the Git scenarios read and push to: one commit on {@code main} holding the
 * flows in the namespace layout, packed by {@code git repack} as a server's repository would be.
 */
public final class Repositories {

  public static final String BRANCH = "main";

  private Repositories() {}

  /** Creates a bare repository at {@code dir} holding the flows; returns the commit on {@code main}. */
  public static ObjectId create(Path dir, List<FlowSource> flows, CGit git) {
    Layout layout = Layout.namespaces();
    ObjectId commit;
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
      repo.create(true);
      try (ObjectInserter inserter = repo.newObjectInserter()) {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (FlowSource flow : flows) {
          DirCacheEntry entry = new DirCacheEntry(layout.pathOf(flow.key()));
          entry.setFileMode(FileMode.REGULAR_FILE);
          entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, flow.bytes()));
          builder.add(entry);
        }
        builder.finish();
        ObjectId tree = index.writeTree(inserter);
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        PersonIdent who = new PersonIdent("Bench", "bench@localhost", Instant.parse("2024-01-01T00:00:00Z"),
            ZoneOffset.UTC);
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(flows.size() + " flows\n");
        commit = inserter.insert(cb);
        inserter.flush();
      }
      RefUpdate update = repo.updateRef(Constants.R_HEADS + BRANCH);
      update.setNewObjectId(commit);
      update.forceUpdate();
      repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + BRANCH);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the repository " + dir + ": " + e.getMessage(), e);
    }
    git.git(dir, "repack", "-a", "-d", "-q");
    git.git(dir, "prune");
    return commit;
  }

  /** Moves {@code main} back to {@code commit}, as it was before a measured push. */
  public static void reset(Path dir, ObjectId commit, CGit git) {
    git.git(dir, "update-ref", Constants.R_HEADS + BRANCH, commit.name());
  }
}
