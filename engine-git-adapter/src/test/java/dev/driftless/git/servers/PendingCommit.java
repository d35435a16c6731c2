package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A commit being described, landed on its branch by {@link #push()}: changes apply in the order
 * given, on top of the branch's head (or on nothing, for a new branch). Built directly in the
 * bare repository with an object inserter; the branch moves by compare-and-swap, so a concurrent
 * change makes {@link #push()} fail instead of being lost.
 */
public final class PendingCommit {

  private static final String GITMODULES = Constants.DOT_GIT_MODULES;

  private final BareRepo repo;
  private final String branch;
  private final List<Change> changes = new ArrayList<>();
  private String message = "Fixture commit";
  private PersonIdent author = BareRepo.FIXTURE_AUTHOR;

  PendingCommit(BareRepo repo, String branch) {
    if (branch == null || branch.isBlank()) {
      throw new IllegalArgumentException("branch is blank");
    }
    this.repo = repo;
    this.branch = branch;
  }

  /** Adds or replaces the regular file {@code path} with UTF-8 {@code content}. */
  public PendingCommit add(String path, String content) {
    return add(path, content.getBytes(UTF_8));
  }

  /** Adds or replaces the regular file {@code path}. */
  public PendingCommit add(String path, byte[] content) {
    return blob(pathBytes(path), FileMode.REGULAR_FILE, content);
  }

  /** Adds or replaces the executable file {@code path}. */
  public PendingCommit addExecutable(String path, String content) {
    return blob(pathBytes(path), FileMode.EXECUTABLE_FILE, content.getBytes(UTF_8));
  }

  /**
   * Adds a regular file whose name is the raw bytes {@code path}, which need not be UTF-8
   * (Git stores names as bytes; e.g. {@code "café".getBytes(ISO_8859_1)}).
   */
  public PendingCommit addRawPath(byte[] path, String content) {
    return blob(path.clone(), FileMode.REGULAR_FILE, content.getBytes(UTF_8));
  }

  /** Adds a symbolic link at {@code path} pointing to {@code target}. */
  public PendingCommit symlink(String path, String target) {
    return blob(pathBytes(path), FileMode.SYMLINK, target.getBytes(UTF_8));
  }

  /** Adds a bare gitlink (submodule entry) at {@code path}, with no {@code .gitmodules} line. */
  public PendingCommit gitlink(String path, ObjectId commit) {
    Objects.requireNonNull(commit, "commit");
    byte[] raw = pathBytes(path);
    changes.add((dc, inserter, reader) -> edit(dc, new Put(raw, FileMode.GITLINK, commit.copy())));
    return this;
  }

  /**
   * Adds a submodule: a gitlink at {@code path} pinned to {@code commit} and a
   * {@code .gitmodules} section (named after the path) with {@code url}.
   */
  public PendingCommit submodule(String path, String url, ObjectId commit) {
    gitlink(path, commit);
    changes.add((dc, inserter, reader) -> {
      Config modules = new Config();
      Optional<byte[]> existing = blobAt(dc, reader, GITMODULES);
      if (existing.isPresent()) {
        try {
          modules.fromText(new String(existing.get(), UTF_8));
        } catch (ConfigInvalidException e) {
          throw new IllegalStateException(GITMODULES + " on " + branch + " is invalid", e);
        }
      }
      modules.setString("submodule", path, "path", path);
      modules.setString("submodule", path, "url", url);
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, modules.toText().getBytes(UTF_8));
      edit(dc, new Put(GITMODULES.getBytes(UTF_8), FileMode.REGULAR_FILE, blob));
    });
    return this;
  }

  /**
   * Deletes the file, link or whole directory at {@code path}.
   *
   * @throws IllegalStateException at {@link #push()} if nothing is there
   */
  public PendingCommit delete(String path) {
    String clean = cleanPath(path);
    changes.add((dc, inserter, reader) -> {
      int before = dc.getEntryCount();
      DirCacheEditor editor = dc.editor();
      editor.add(new DirCacheEditor.DeletePath(clean));
      editor.add(new DirCacheEditor.DeleteTree(clean));
      editor.finish();
      if (dc.getEntryCount() == before) {
        throw new IllegalStateException("nothing to delete at " + clean + " on " + branch);
      }
    });
    return this;
  }

  /** The commit message. */
  public PendingCommit message(String message) {
    this.message = Objects.requireNonNull(message, "message");
    return this;
  }

  /** The author and committer. */
  public PendingCommit author(String name, String email) {
    this.author = new PersonIdent(name, email);
    return this;
  }

  /**
   * Writes the commit and moves the branch to it (creating the branch if needed).
   *
   * @return the new commit's id
   * @throws IllegalStateException if the branch moved since this commit's parent was read
   */
  public ObjectId push() {
    try (Repository repository = repo.open();
        ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      Ref head = repository.exactRef(Constants.R_HEADS + branch);
      ObjectId parent = head == null ? null : head.getObjectId();
      DirCache dc = DirCache.newInCore();
      if (parent != null) {
        DirCacheBuilder builder = dc.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(parent).getTree());
        builder.finish();
      }
      for (Change change : changes) {
        change.apply(dc, inserter, reader);
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(dc.writeTree(inserter));
      if (parent != null) {
        commit.setParentId(parent);
      }
      PersonIdent now = new PersonIdent(author, Instant.now());
      commit.setAuthor(now);
      commit.setCommitter(now);
      commit.setMessage(message.endsWith("\n") ? message : message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      BareRepo.updateRef(repository, Constants.R_HEADS + branch, id, parent == null ? ObjectId.zeroId() : parent);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit to " + branch + " in " + repo.name(), e);
    }
  }

  @Override
  public String toString() {
    return "PendingCommit[" + repo.name() + " " + branch + ", " + changes.size() + " changes]";
  }

  private PendingCommit blob(byte[] path, FileMode mode, byte[] content) {
    byte[] data = content.clone();
    changes.add((dc, inserter, reader) ->
        edit(dc, new Put(path, mode, inserter.insert(Constants.OBJ_BLOB, data))));
    return this;
  }

  private static void edit(DirCache dc, DirCacheEditor.PathEdit edit) {
    DirCacheEditor editor = dc.editor();
    editor.add(edit);
    editor.finish();
  }

  private static Optional<byte[]> blobAt(DirCache dc, ObjectReader reader, String path) throws IOException {
    DirCacheEntry entry = dc.getEntry(path);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(reader.open(entry.getObjectId(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
  }

  private static byte[] pathBytes(String path) {
    return cleanPath(path).getBytes(UTF_8);
  }

  private static String cleanPath(String path) {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("not a relative file path: " + path);
    }
    return path;
  }

  private interface Change {
    void apply(DirCache dc, ObjectInserter inserter, ObjectReader reader) throws IOException;
  }

  /** Puts one entry, replacing a file or directory in the way (e.g. a file becoming a folder). */
  private static final class Put extends DirCacheEditor.PathEdit {
    private final FileMode mode;
    private final ObjectId id;

    Put(byte[] path, FileMode mode, ObjectId id) {
      super(new DirCacheEntry(Arrays.copyOf(path, path.length)));
      this.mode = mode;
      this.id = id;
    }

    @Override
    public void apply(DirCacheEntry entry) {
      entry.setFileMode(mode);
      entry.setObjectId(id);
    }
  }
}
