package dev.driftless.git;

import dev.driftless.git.layout.Layout;
import dev.driftless.git.layout.Location;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.gen.Seed;
import dev.driftless.testkit.law.InMemoryHarness;
import dev.driftless.testkit.law.SideHarness;
import dev.driftless.testkit.law.World;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jgit.lib.FileMode;

/**
 * A world whose Git side is a real repository served by a real server, read and written through
 * the adapter, and whose Kestra side is the in-memory fake. The harness works on the repository
 * directly: it seeds and tampers by committing with the fixture DSL, makes unreadable entries as
 * symbolic links, and reads the state straight from the branch.
 */
final class GitWorld implements World {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final GitHarness git;
  private final InMemoryHarness kestra = new InMemoryHarness(InMemorySide.kestra());

  /**
   * A world on a new repository under {@code repos}, reached through {@code remote.apply(name)}, in
   * the given layout; every other world keeps its local repository in a cache directory under
   * {@code caches}, the others fetch into temporary ones.
   */
  GitWorld(Repos repos, Function<String, GitRemote> remote, Layout layout, Path caches) {
    int number = COUNTER.incrementAndGet();
    String name = "world-" + number;
    BareRepo repo = repos.bare(name);
    GitSettings.Builder settings = GitSettings.builder().remote(remote.apply(name)).layout(layout);
    if (number % 2 == 0) {
      settings.cacheDirectory(caches.resolve(name));
    }
    this.git = new GitHarness(repo, GitSide.open(settings.build()), layout);
  }

  @Override
  public SideHarness git() {
    return git;
  }

  @Override
  public SideHarness kestra() {
    return kestra;
  }

  BareRepo repo() {
    return git.repo;
  }

  @Override
  public void close() {
    // the repository is deleted with the test's temporary directory
  }

  /** The Git side, on a real repository. */
  static final class GitHarness implements SideHarness {
    private final BareRepo repo;
    private final GitSide side;
    private final Layout layout;

    GitHarness(BareRepo repo, GitSide side, Layout layout) {
      this.repo = repo;
      this.side = side;
      this.layout = layout;
    }

    @Override
    public Side side() {
      return Side.GIT;
    }

    @Override
    public SnapshotReader reader() {
      return side.reader();
    }

    @Override
    public ChangeWriter writer() {
      return side.writer();
    }

    /** One commit holding the seeds, plus a README in the directory and at the root that no key owns. */
    @Override
    public void seed(List<Seed> seeds) {
      PendingCommit commit = repo.commit(Repos.MAIN).message("Seed")
          .add("README.md", "not a resource\n")
          .add(layout.directory().isEmpty() ? "NOTES.md" : layout.directory() + "/README.md", "not a resource either\n");
      for (Seed seed : seeds) {
        String path = layout.pathOf(seed.key());
        switch (seed.state()) {
          case PRESENT, INVALID -> commit.add(path, seed.content().orElseThrow().bytes());
          case UNREADABLE -> commit.symlink(path, "../../../outside");
        }
      }
      commit.push();
    }

    @Override
    public void tamper(ResourceKey key, Content content) {
      repo.commit(Repos.MAIN).message("Someone else's change").add(layout.pathOf(key), content.bytes()).push();
    }

    /** Every regular file of the layout, by the key its path gives, straight from the branch. */
    @Override
    public Map<ResourceKey, Fingerprint> state() {
      Map<ResourceKey, Fingerprint> out = new HashMap<>();
      if (repo.head(Repos.MAIN).isEmpty()) {
        return out;
      }
      repo.entries(Repos.MAIN).forEach((path, mode) -> {
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
          return;
        }
        Optional<ResourceKey> key = layout.locate(path).flatMap(Location::key);
        key.ifPresent(k -> out.put(k, Fingerprint.of(repo.bytes(Repos.MAIN, path).orElseThrow())));
      });
      return out;
    }
  }
}
