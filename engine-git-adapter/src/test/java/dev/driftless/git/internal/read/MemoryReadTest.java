package dev.driftless.git.internal.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.driftless.git.GitRemote;
import dev.driftless.git.GitSettings;
import dev.driftless.git.internal.repo.LocalRepository;
import dev.driftless.git.internal.repo.RemoteBranch;
import dev.driftless.git.internal.transport.RemoteAccess;
import dev.driftless.git.internal.transport.RemoteLink;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read without a cache directory fetches into memory; one that brings more than it may hold there
 * starts again on disk. Either way the snapshot is the one a read through a cache directory gives,
 * and nothing is left behind.
 */
@Timeout(60)
class MemoryReadTest {

  private static final Scope SCOPE = Scope.tenant(Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));

  @TempDir
  Path dir;

  private BareRepo repo() {
    BareRepo repo = Repos.in(dir.resolve("served")).bare("tenant");
    PendingCommit commit = repo.commit(Repos.MAIN);
    for (int i = 0; i < 40; i++) {
      commit.add("dev/flows/flow_" + i + ".yaml", Flows.flow("dev", "flow_" + i).yaml());
    }
    commit.add("dev/flows/broken.yaml", "id: broken\nnamespace: dev\ntasks: [\n")
        .add("dev/files/data.bin", "x".repeat(50_000))
        .push();
    return repo;
  }

  private static GitSettings.Builder settings(BareRepo repo) {
    return GitSettings.builder().remote(GitRemote.of(repo.gitDir().toString())).branch(Repos.MAIN)
        .layout(Layout.namespaces());
  }

  private static GitSnapshotReader reader(GitSettings settings, long budget) {
    return new GitSnapshotReader(settings, RemoteAccess.prepare(settings.remote()), budget);
  }

  @Test
  void aReadInMemory_andOneTooLargeForIt_giveWhatACachedReadGives() throws IOException, InterruptedException {
    BareRepo repo = repo();
    Snapshot cached = reader(settings(repo).cacheDirectory(dir.resolve("cache")).build(), 1).read(SCOPE);

    List<String> created = new ArrayList<>();
    Snapshot inMemory = watchingTemporaryDirectory(created, () -> reader(settings(repo).build(), 64L << 20).read(SCOPE));
    assertEquals(List.of(), created, "a read in memory makes no temporary repository");
    Snapshot onDisk = watchingTemporaryDirectory(created, () -> reader(settings(repo).build(), 1_000).read(SCOPE));
    assertEquals(1, created.size(), "a read too large for memory starts again in a temporary repository: " + created);

    assertEquals(42, cached.entries().size());
    assertEquals(cached.identity(), inMemory.identity());
    assertEquals(cached.entries(), inMemory.entries());
    assertEquals(cached.diagnostics(), inMemory.diagnostics());
    assertEquals(cached.identity(), onDisk.identity());
    assertEquals(cached.entries(), onDisk.entries());
    assertEquals(cached.diagnostics(), onDisk.diagnostics());
    assertFalse(Files.exists(Path.of(System.getProperty("java.io.tmpdir"), created.get(0))), "it is deleted");
  }

  @Test
  void aReadInMemory_fetchesTheHeadCommitOnly() throws IOException {
    BareRepo repo = repo();
    repo.commit(Repos.MAIN).add("dev/flows/later.yaml", Flows.flow("dev", "later").yaml()).push();
    GitSettings settings = settings(repo).build();
    try (LocalRepository local = LocalRepository.forReading(Optional.empty(), 64L << 20);
        RemoteLink link = RemoteAccess.prepare(settings.remote()).link()) {
      ObjectId head = new RemoteBranch(local, link, Repos.MAIN).fetch(true).orElseThrow();
      Repository memory = local.repository();
      assertEquals(Set.of(head), memory.getObjectDatabase().getShallowCommits());
      try (RevWalk walk = new RevWalk(memory)) {
        RevCommit commit = walk.parseCommit(head);
        assertEquals(1, commit.getParentCount());
        assertFalse(memory.getObjectDatabase().has(commit.getParent(0)), "the parent commit is not fetched");
      }
    }
  }

  /** Runs the read, noting the temporary repositories this process creates meanwhile. */
  private static Snapshot watchingTemporaryDirectory(List<String> created, Supplier<Snapshot> read)
      throws IOException, InterruptedException {
    String prefix = "driftless-git-" + ProcessHandle.current().pid() + "-";
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (WatchService watch = tmp.getFileSystem().newWatchService()) {
      tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      Snapshot snapshot = read.get();
      WatchKey key = watch.poll(200, TimeUnit.MILLISECONDS);
      while (key != null) {
        for (WatchEvent<?> event : key.pollEvents()) {
          String name = String.valueOf(event.context());
          if (name.startsWith(prefix)) {
            created.add(name);
          }
        }
        key.reset();
        key = watch.poll(200, TimeUnit.MILLISECONDS);
      }
      return snapshot;
    }
  }
}
