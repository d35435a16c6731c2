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
import dev.driftless.testkit.gen.HostileRead;
import dev.driftless.testkit.gen.Misread;
import dev.driftless.testkit.gen.Seed;
import dev.driftless.testkit.law.InMemoryHarness;
import dev.driftless.testkit.law.Reach;
import dev.driftless.testkit.law.SideHarness;
import dev.driftless.testkit.law.Spoilt;
import dev.driftless.testkit.law.World;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A world whose Git side is a real repository served by a real server, read and written through
 * the adapter, and whose Kestra side is the in-memory fake. The harness works on the repository
 * directly: it seeds and tampers by committing with the fixture DSL, makes unreadable entries as
 * symbolic links, and reads the state straight from the branch.
 */
final class GitWorld implements World {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  /** The size limit of the worlds' Git sides: generated files are far below it, "too large" ones above. */
  static final long MAX_FILE_BYTES = 16 * 1024;

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
    GitSettings.Builder settings = GitSettings.builder().remote(remote.apply(name)).layout(layout)
        .maxFileBytes(MAX_FILE_BYTES);
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
    /** A commit no repository here holds, for submodules to point at. */
    private static final ObjectId ELSEWHERE = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");

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

    @Override
    public void remove(ResourceKey key) {
      repo.commit(Repos.MAIN).message("Someone else's removal").delete(layout.pathOf(key)).push();
    }

    /** Every way of a hostile repository. */
    @Override
    public Set<Misread> misreads() {
      return EnumSet.of(Misread.INVALID_ENTRY, Misread.TOO_LARGE, Misread.LINK_FOR_FILE, Misread.LINK_FOR_FOLDER,
          Misread.SUBMODULE_FOR_FILE, Misread.SUBMODULE_FOR_FOLDER, Misread.FILE_FOR_FOLDER, Misread.NON_UTF8_NAME,
          Misread.READ_FAILS);
    }

    /**
     * Damages the repository as a hostile one would be, in one commit on top of the seeds: a file
     * that does not parse or is too large, a link, a submodule or a file where a file or folder of the
     * layout should be (for the whole read: where the layout's directory should be), a name that is
     * not UTF-8; or the repository is gone, so that the read fails.
     */
    @Override
    public Spoilt spoil(HostileRead read) {
      if (read.how() == Misread.READ_FAILS) {
        try {
          Files.move(repo.gitDir(), repo.gitDir().resolveSibling(repo.gitDir().getFileName() + ".gone"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return Spoilt.damaged(Reach.everything());
      }
      PendingCommit commit = repo.commit(Repos.MAIN).message("A hostile change");
      if (read.isWhole()) {
        replaceFolder(commit, layout.directory(), read.how());
        commit.push();
        return Spoilt.damaged(Reach.everything());
      }
      ResourceKey key = read.key();
      String path = layout.pathOf(key);
      String kindFolder = parent(layout.pathOf(sample(key)));
      Reach reach = Reach.of(key.kind(), key.namespace());
      switch (read.how()) {
        case INVALID_ENTRY -> {
          String broken = "id: " + key.name() + "\nnamespace: " + key.namespace() + "\ntasks: [\n";
          commit.add(path, key.kind().isYaml() ? broken.getBytes(StandardCharsets.UTF_8)
              : new byte[(int) MAX_FILE_BYTES + 1]);
        }
        case TOO_LARGE -> commit.add(path, new byte[(int) MAX_FILE_BYTES + 1 + read.pick()]);
        case LINK_FOR_FILE -> commit.symlink(path, read.pick() % 2 == 0 ? "/etc/passwd" : "../../../outside");
        case SUBMODULE_FOR_FILE -> commit.gitlink(path, ELSEWHERE);
        case LINK_FOR_FOLDER, FILE_FOR_FOLDER -> replaceFolder(commit, kindFolder, read.how());
        case SUBMODULE_FOR_FOLDER -> {
          String namespaceFolder = parent(kindFolder);
          replaceFolder(commit, namespaceFolder, read.how());
          reach = key.kind().isNamespaced() ? Reach.namespace(key.namespace()) : reach;
        }
        case NON_UTF8_NAME -> commit.addRawPath(concat((kindFolder + "/caf").getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xE9}, ".yaml".getBytes(StandardCharsets.UTF_8)), "id: cafe\n");
        default -> throw new IllegalArgumentException(read.how() + " is not one of " + misreads());
      }
      commit.push();
      return Spoilt.damaged(reach);
    }

    /** Replaces the folder (and all it holds) with a link, a submodule or a file, as {@code how} says. */
    private void replaceFolder(PendingCommit commit, String folder, Misread how) {
      if (repo.entries(Repos.MAIN).keySet().stream().anyMatch(p -> p.startsWith(folder + "/"))) {
        commit.delete(folder);
      }
      switch (how) {
        case LINK_FOR_FOLDER -> commit.symlink(folder, "/tmp");
        case SUBMODULE_FOR_FOLDER -> commit.gitlink(folder, ELSEWHERE);
        default -> commit.add(folder, "not a folder\n");
      }
    }

    /** A key of the same kind and namespace whose path lies directly in the kind's folder. */
    private static ResourceKey sample(ResourceKey key) {
      return new ResourceKey(key.kind(), key.namespace(), key.kind().isPath() ? "sample.txt" : "sample");
    }

    private static String parent(String path) {
      return path.substring(0, path.lastIndexOf('/'));
    }

    private static byte[] concat(byte[]... parts) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] part : parts) {
        out.writeBytes(part);
      }
      return out.toByteArray();
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
