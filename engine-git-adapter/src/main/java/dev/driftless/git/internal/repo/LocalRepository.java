package dev.driftless.git.internal.repo;

import dev.driftless.port.SideUnavailableException;
import java.io.IOException;
import java.io.InputStream;
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
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.util.FS;

/**
 * The local bare repository fetches land in and commits are built in: a fresh temporary one, or
 * a cache directory the caller keeps across runs (fetches then only bring what is new). Nothing is
 * ever checked out. Fetches and pushes into a cache directory are serialised, within this JVM and
 * across processes (a file lock), so that runs sharing a cache do not trip over each other.
 *
 * <p>A read without a cache directory fetches into memory ({@link #forReading}): nothing is written
 * to disk or deleted afterwards, and the fetched pack is indexed in memory. What it may hold is
 * bounded ({@link #MEMORY_BUDGET}): a fetch past the bound stops with {@link OverMemoryBudget}, and
 * the reader starts again in a temporary repository on disk.
 */
public final class LocalRepository implements AutoCloseable {

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final String LOCK_FILE = "driftless.lock";

  /**
   * How many bytes of packs a read in memory may fetch: an eighth of the heap, at most 128 MiB (the
   * 10,000 flows of the benchmark take under 2 MB). A larger branch is read on disk.
   */
  public static final long MEMORY_BUDGET = Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8);

  private final Repository repository;
  /** The repository's directory; empty for one in memory. */
  private final Optional<Path> dir;
  private final boolean temporary;
  /** The bound on fetches, for a repository in memory. */
  private final Optional<MemoryBudget> budget;

  private LocalRepository(Repository repository, Optional<Path> dir, boolean temporary, Optional<MemoryBudget> budget) {
    this.repository = repository;
    this.dir = dir;
    this.temporary = temporary;
    this.budget = budget;
  }

  /** A fetch into memory went past {@link #MEMORY_BUDGET}: the read is to start again on disk. */
  public static final class OverMemoryBudget extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OverMemoryBudget(long budget) {
      super("the fetched pack is larger than " + budget + " bytes, the limit for a read in memory", null, false,
          false);
    }
  }

  /**
   * The repository a read fetches into: the cache directory's (as {@link #open}), or without one a
   * repository in memory whose fetches may bring at most {@code budget} bytes of packs
   * ({@link #MEMORY_BUDGET} for readers).
   */
  public static LocalRepository forReading(Optional<Path> cacheDirectory, long budget) {
    return cacheDirectory.isPresent() ? open(cacheDirectory) : inMemory(budget);
  }

  private static LocalRepository inMemory(long budget) {
    MemoryBudget bound = new MemoryBudget(budget);
    return new LocalRepository(new BoundedInMemory(bound), Optional.empty(), true, Optional.of(bound));
  }

  /**
   * A repository in memory whose fetches stop past the budget: every pack a fetch receives goes
   * through an inserter of the repository's own, which counts it as it is read.
   */
  private static final class BoundedInMemory extends InMemoryRepository {
    private final MemoryBudget budget;

    BoundedInMemory(MemoryBudget budget) {
      super(new DfsRepositoryDescription("driftless-read"));
      this.budget = budget;
    }

    /** A remote given as a local path is resolved through the file system. */
    @Override
    public FS getFS() {
      return FS.DETECTED;
    }

    @Override
    public ObjectInserter newObjectInserter() {
      ObjectInserter inserter = super.newObjectInserter();
      return new ObjectInserter.Filter() {
        @Override
        protected ObjectInserter delegate() {
          return inserter;
        }

        @Override
        public PackParser newPackParser(InputStream in) throws IOException {
          return inserter.newPackParser(budget.counting(in));
        }
      };
    }
  }

  /** Throws {@link OverMemoryBudget} when a fetch into this repository went past its budget. */
  public void checkBudget() {
    if (budget.isPresent() && budget.get().exceeded()) {
      throw new OverMemoryBudget(budget.get().limit());
    }
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
        return new LocalRepository(create(dir), Optional.of(dir), true, Optional.empty());
      }
      Path dir = cacheDirectory.get().toAbsolutePath().normalize();
      if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))) {
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
        quietGc(repo);
        return new LocalRepository(repo, Optional.of(dir), false, Optional.empty());
      }
      if (Files.exists(dir) && (!Files.isDirectory(dir) || !isEmpty(dir))) {
        throw new IllegalArgumentException("cacheDirectory " + dir + " is not empty and holds no bare Git repository; "
            + "give an empty or new directory");
      }
      Files.createDirectories(dir);
      return new LocalRepository(create(dir), Optional.of(dir), false, Optional.empty());
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
    return temporary ? Optional.empty() : dir.map(d -> d.resolve(name));
  }

  /**
   * An inserter that writes everything it is given into one new pack when flushed, instead of one
   * loose object file per object: a commit of a thousand files then costs a handful of files to
   * write, to read while pushing, and to delete with a temporary repository.
   */
  public ObjectInserter newPackInserter() {
    if (dir.isEmpty()) {
      return repository.newObjectInserter(); // in memory, an inserter writes one pack already
    }
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
    Path dir = this.dir.orElseThrow();
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
      dir.ifPresent(LocalRepository::deleteTree);
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
    return "LocalRepository[" + dir.map(Path::toString).orElse("in memory") + (temporary ? ", temporary" : ", cache")
        + "]";
  }
}
