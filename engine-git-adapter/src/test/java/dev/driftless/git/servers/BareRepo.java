package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One bare repository on disk, read and written directly with JGit (no working tree, no server).
 *
 * <p>Every call opens the repository afresh, so what a server wrote in between is always seen.
 * Revisions are branch names, tag names or anything {@link Repository#resolve(String)} takes;
 * an unknown revision is a misuse and throws {@link IllegalArgumentException}.
 */
public final class BareRepo {

  static final PersonIdent FIXTURE_AUTHOR = new PersonIdent("Driftless Fixture", "fixture@driftless.invalid");

  private final String name;
  private final Path gitDir;

  BareRepo(String name, Path gitDir) {
    this.name = name;
    this.gitDir = gitDir;
  }

  /** The name servers know it by: {@code server.url(name())}. */
  public String name() {
    return name;
  }

  /** The {@code <name>.git} directory. */
  public Path gitDir() {
    return gitDir;
  }

  /** Opens the repository for anything this DSL does not cover; the caller closes it. */
  public Repository open() {
    try {
      return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + gitDir, e);
    }
  }

  /**
   * Starts a commit on {@code branch}: on top of its head, or as its first (root) commit when
   * the branch does not exist yet.
   */
  public PendingCommit commit(String branch) {
    return new PendingCommit(this, branch);
  }

  /**
   * Commits {@code tree} as the whole content of {@code branch} (on top of its head, if any),
   * bypassing every path check: see {@link RawTree}.
   *
   * @return the new commit's id
   */
  public ObjectId commitTree(String branch, RawTree tree, String message) {
    return commitTreeAt(Constants.R_HEADS + branch, tree, message);
  }

  /**
   * Commits {@code tree} under the full ref {@code refName} (on top of the commit it points to, if
   * any), bypassing every path check: for refs that are not branches, such as a sync's baseline.
   *
   * @return the new commit's id
   */
  public ObjectId commitTreeAt(String refName, RawTree tree, String message) {
    try (Repository repo = open(); ObjectInserter inserter = repo.newObjectInserter()) {
      Ref head = repo.exactRef(refName);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree.write(inserter));
      if (head != null) {
        commit.setParentId(head.getObjectId());
      }
      PersonIdent now = new PersonIdent(FIXTURE_AUTHOR, Instant.now());
      commit.setAuthor(now);
      commit.setCommitter(now);
      commit.setMessage(message.endsWith("\n") ? message : message + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      updateRef(repo, refName, id, head == null ? ObjectId.zeroId() : head.getObjectId());
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit a raw tree to " + refName + " in " + name, e);
    }
  }

  /** The object the full ref {@code refName} points to, or empty when there is no such ref. */
  public Optional<ObjectId> ref(String refName) {
    try (Repository repo = open()) {
      Ref ref = repo.exactRef(refName);
      return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets a configuration value of the repository ({@code receive.advertiseAtomic false}, say), as the server reads it. */
  public BareRepo configure(String section, String key, String value) {
    try (Repository repo = open()) {
      repo.getConfig().setString(section, null, key, value);
      repo.getConfig().save();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot configure " + name, e);
    }
  }

  /** The commit {@code branch} points to, or empty when there is no such branch. */
  public Optional<ObjectId> head(String branch) {
    try (Repository repo = open()) {
      Ref ref = repo.exactRef(Constants.R_HEADS + branch);
      return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file at {@code path} as UTF-8 text, or empty when there is no blob there. */
  public Optional<String> file(String revision, String path) {
    return bytes(revision, path).map(b -> new String(b, UTF_8));
  }

  /** The blob at {@code path} (a file's content or a symlink's target), or empty. */
  public Optional<byte[]> bytes(String revision, String path) {
    try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(resolve(repo, revision));
      try (TreeWalk tw = TreeWalk.forPath(repo, path, commit.getTree())) {
        if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE
            && (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_SYMLINK) {
          return Optional.empty();
        }
        return Optional.of(repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every regular file at {@code revision} with its UTF-8 content, sorted by path. */
  public SortedMap<String, String> files(String revision) {
    SortedMap<String, String> files = new TreeMap<>();
    walkTree(revision, (repo, tw) -> {
      if ((tw.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
        byte[] content = repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        files.put(tw.getPathString(), new String(content, UTF_8));
      }
    });
    return Collections.unmodifiableSortedMap(files);
  }

  /** Every non-tree entry at {@code revision} (files, symlinks, gitlinks) with its mode. */
  public SortedMap<String, FileMode> entries(String revision) {
    SortedMap<String, FileMode> entries = new TreeMap<>();
    walkTree(revision, (repo, tw) -> entries.put(tw.getPathString(), tw.getFileMode(0)));
    return Collections.unmodifiableSortedMap(entries);
  }

  /** The commits reachable from {@code revision}, newest first. */
  public List<RevCommit> log(String revision) {
    try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(resolve(repo, revision)));
      List<RevCommit> commits = new ArrayList<>();
      walk.forEach(commits::add);
      return List.copyOf(commits);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates branch {@code branch} at the commit {@code fromRevision} names. */
  public ObjectId branch(String branch, String fromRevision) {
    try (Repository repo = open()) {
      ObjectId target = resolve(repo, fromRevision);
      updateRef(repo, Constants.R_HEADS + branch, target, ObjectId.zeroId());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the lightweight tag {@code tag} at {@code revision}. */
  public ObjectId tag(String tag, String revision) {
    try (Repository repo = open()) {
      ObjectId target = resolve(repo, revision);
      updateRef(repo, Constants.R_TAGS + tag, target, ObjectId.zeroId());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates the annotated tag {@code tag} at {@code revision}; returns the tag object's id. */
  public ObjectId annotatedTag(String tag, String revision, String message) {
    try (Repository repo = open(); ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId target = resolve(repo, revision);
      TagBuilder builder = new TagBuilder();
      builder.setObjectId(target, Constants.OBJ_COMMIT);
      builder.setTag(tag);
      builder.setTagger(new PersonIdent(FIXTURE_AUTHOR, Instant.now()));
      builder.setMessage(message.endsWith("\n") ? message : message + "\n");
      ObjectId tagId = inserter.insert(builder);
      inserter.flush();
      updateRef(repo, Constants.R_TAGS + tag, tagId, ObjectId.zeroId());
      return tagId;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Branch names, sorted. */
  public List<String> branches() {
    return refNames(Constants.R_HEADS);
  }

  /** Tag names, sorted. */
  public List<String> tags() {
    return refNames(Constants.R_TAGS);
  }

  @Override
  public String toString() {
    return "BareRepo[" + name + " at " + gitDir + "]";
  }

  static String plainName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("repository name is blank");
    }
    String plain = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
    if (plain.isEmpty() || plain.startsWith("/") || plain.contains("..") || plain.contains("\\")) {
      throw new IllegalArgumentException("not a plain repository name: " + name);
    }
    return plain;
  }

  static ObjectId resolve(Repository repo, String revision) throws IOException {
    Ref branch = repo.exactRef(Constants.R_HEADS + revision);
    if (branch != null) {
      return branch.getObjectId();
    }
    ObjectId id = repo.resolve(revision + "^{commit}");
    if (id == null) {
      throw new IllegalArgumentException("unknown revision " + revision + " in " + repo.getDirectory());
    }
    return id;
  }

  static void updateRef(Repository repo, String refName, ObjectId newId, ObjectId expectedOld) throws IOException {
    RefUpdate update = repo.updateRef(refName);
    update.setNewObjectId(newId);
    update.setExpectedOldObjectId(expectedOld);
    update.setRefLogIdent(FIXTURE_AUTHOR);
    update.setRefLogMessage("fixture", false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> {
        // updated as expected
      }
      default -> throw new IllegalStateException("cannot update " + refName + ": " + result);
    }
  }

  private List<String> refNames(String prefix) {
    try (Repository repo = open()) {
      return repo.getRefDatabase().getRefsByPrefix(prefix).stream()
          .map(r -> r.getName().substring(prefix.length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface EntryVisitor {
    void visit(Repository repo, TreeWalk walk) throws IOException;
  }

  private void walkTree(String revision, EntryVisitor visitor) {
    try (Repository repo = open(); RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(walk.parseCommit(resolve(repo, revision)).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        visitor.visit(repo, tw);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
