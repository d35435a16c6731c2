package dev.driftless.git.internal.repo;

import dev.driftless.port.SideUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The local bare repository fetches land in and commits are built in: a fresh temporary one, or
 * a cache directory the caller keeps across runs (fetches then only bring what is new). Nothing is
 * ever checked out. Fetches and pushes into a cache directory are serialised, within this JVM and
 * across processes (a file lock), so that runs sharing a cache do not trip over each other.
 */
public final class LocalRepository implements AutoCloseable {

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final String LOCK_FILE = "driftless.lock";

  private final Repository repository;
  private final Path dir;
  private final boolean temporary;

  private LocalRepository(Repository repository, Path dir, boolean temporary) {
    this.repository = repository;
    this.dir = dir;
    this.temporary = temporary;
  }

  /**
   * Opens the cache directory's repository (creating it when the directory is missing or empty),
   * or a temporary one deleted on {@link #close()}.
   *
   * @throws IllegalArgumentException when the cache directory holds something other than a bare repository
   */
  public static LocalRepository open(Optional<Path> cacheDirectory) {
    try {
      if (cacheDirectory.isEmpty()) {
        Path dir = Files.createTempDirectory("driftless-git-" + ProcessHandle.current().pid() + "-");
        return new LocalRepository(create(dir), dir, true);
      }
      Path dir = cacheDirectory.get().toAbsolutePath().normalize();
      if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
        quietGc(repo);
        return new LocalRepository(repo, dir, false);
      }
      if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
        throw new IllegalArgumentException("cacheDirectory " + dir + " is not empty and holds no bare Git repository; "
            + "give an empty or new directory");
      }
      Files.createDirectories(dir);
      return new LocalRepository(create(dir), dir, false);
    } catch (IOException e) {
      String where = cacheDirectory.map(d -> " in " + d).orElse(" in the temporary directory");
      List<LockFiles.Found> locks = cacheDirectory.map(d -> LockFiles.existing(d.toAbsolutePath().normalize(),
          List.of(Constants.CONFIG + ".lock"))).orElse(List.of());
      if (!locks.isEmpty()) {
        throw new SideUnavailableException("cannot open the local repository" + where + ": its configuration cannot"
            + " be written. " + LockFiles.advice(locks), e);
      }
      throw new SideUnavailableException("cannot open a local repository" + where + ": " + e, e);
    }
  }

  private static Repository create(Path dir) throws IOException {
    Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    if (!Files.exists(dir.resolve("HEAD"))) {
      repo.create(true);
    }
    quietGc(repo);
    return repo;
  }

  /**
   * No automatic garbage collection after fetches, and none in the background: a background run
   * would race with deleting a temporary repository, and a cache is the caller's to maintain.
   */
  private static void quietGc(Repository repo) throws IOException {
    StoredConfig config = repo.getConfig();
    if (config.getInt("gc", "auto", -1) != 0 || config.getBoolean("gc", "autoDetach", true)) {
      config.setInt("gc", null, "auto", 0);
      config.setBoolean("gc", null, "autoDetach", false);
      config.save();
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  public Repository repository() {
    return repository;
  }

  /** Where a file kept beside the cache directory's repository goes; empty for a temporary repository. */
  public Optional<Path> cacheFile(String name) {
    return temporary ? Optional.empty() : Optional.of(dir.resolve(name));
  }

  /**
   * An inserter that writes everything it is given into one new pack when flushed, instead of one
   * loose object file per object: a commit of a thousand files then costs a handful of files to
   * write, to read while pushing, and to delete with a temporary repository.
   */
  public ObjectInserter newPackInserter() {
    return ((FileRepository) repository).getObjectDatabase().newPackInserter();
  }

  /** An action against the remote that changes local refs or packs. */
  @FunctionalInterface
  public interface Exclusive<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs the action alone on this directory (a no-op lock for temporary repositories). */
  public <T, E extends Exception> T exclusively(Exclusive<T, E> action) throws E {
    if (temporary) {
      return action.run();
    }
    ReentrantLock lock = LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
    lock.lock();
    try {
      FileChannel channel;
      FileLock fileLock;
      try {
        channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        fileLock = channel.lock();
      } catch (IOException e) {
        throw new SideUnavailableException("cannot lock the cache directory " + dir + ": " + e, e);
      }
      try {
        return action.run();
      } finally {
        release(fileLock, channel);
      }
    } finally {
      lock.unlock();
    }
  }

  private static void release(FileLock fileLock, FileChannel channel) {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      // closing the channel releases the lock in any case
    }
  }

  @Override
  public void close() {
    repository.close();
    if (temporary) {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // a leftover temporary file is not worth failing an operation for
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // as above
    }
  }

  @Override
  public String toString() {
    return "LocalRepository[" + dir + (temporary ? ", temporary" : ", cache") + "]";
  }
}
