package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.internal.read.BlobVerdicts;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.fixture.Flows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large read goes through the fast paths (files read on several threads, YAML parsed in parallel,
 * verdicts remembered in the cache directory): it must give exactly what small, one-by-one reads
 * give, first time and every time after.
 */
@Timeout(120)
class ReadCacheTest {

  private static final Set<ResourceKind> KINDS =
      Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.APP, ResourceKind.TEST);
  private static final int NAMESPACES = 30;
  private static final int MAX_BYTES = 4096;

  @TempDir
  Path dir;

  /** Thirty namespaces of fifty files each, with every kind of file a scan treats differently. */
  private BareRepo tenant() {
    BareRepo repo = Repos.in(dir.resolve("served")).bare("tenant");
    PendingCommit commit = repo.commit(Repos.MAIN);
    for (int n = 0; n < NAMESPACES; n++) {
      String ns = "company.team" + n;
      for (int i = 0; i < 40; i++) {
        commit.add(ns + "/flows/flow_" + i + ".yaml", Flows.flow(ns, "flow_" + i).yaml());
      }
      commit.add(ns + "/flows/broken.yaml", "id: broken\nnamespace: " + ns + "\ntasks: [\n")
          .add(ns + "/flows/no_id.yaml", "namespace: " + ns + "\ntasks: []\n")
          .add(ns + "/flows/renamed.yaml", Flows.flow(ns, "other_name").yaml())
          .add(ns + "/flows/moved.yaml", Flows.flow("elsewhere", "moved").yaml())
          .add(ns + "/flows/twice.yml", Flows.flow(ns, "twice").yaml())
          .add(ns + "/flows/twice.yaml", Flows.flow(ns, "twice").yaml() + "# again\n")
          .add(ns + "/flows/huge.yaml", Flows.flow(ns, "huge").yaml() + "#".repeat(MAX_BYTES) + "\n")
          .symlink(ns + "/flows/linked.yaml", "/etc/passwd")
          .add(ns + "/files/scripts/run_" + n + ".sh", "echo " + n + "\n")
          .add(ns + "/files/big.bin", "x".repeat(MAX_BYTES + 1))
          .add(ns + "/apps/form.yaml", "id: form\nnamespace: " + ns + "\ntype: io.kestra.plugin.ee.apps.Execution\n")
          .add(ns + "/tests/smoke.yaml", "id: smoke\nnamespace: " + ns + "\nflowId: flow_0\n");
    }
    commit.push();
    return repo;
  }

  private static GitSide side(BareRepo repo, Path cache) {
    return Sides.open(repo.gitDir().toString(), Layout.namespaces(), b -> {
      b.maxFileBytes(MAX_BYTES);
      if (cache != null) {
        b.cacheDirectory(cache);
      }
    });
  }

  @Test
  void aLargeRead_isWhatSmallReadsGive_firstTimeAndFromTheCache() throws IOException {
    BareRepo repo = tenant();
    Path cache = dir.resolve("cache");

    Snapshot fresh = side(repo, null).reader().read(Scope.tenant(KINDS));
    Snapshot learning = side(repo, cache).reader().read(Scope.tenant(KINDS));
    Snapshot remembered = side(repo, cache).reader().read(Scope.tenant(KINDS));

    assertTrue(Files.isRegularFile(cache.resolve(BlobVerdicts.FILE_NAME)), "the verdicts are kept");
    assertEquals(fresh.entries(), learning.entries());
    assertEquals(fresh.diagnostics(), learning.diagnostics());
    assertEquals(fresh.entries(), remembered.entries());
    assertEquals(fresh.diagnostics(), remembered.diagnostics());

    List<SnapshotEntry> oneByOne = new ArrayList<>();
    List<Diagnostic> notes = new ArrayList<>();
    GitSide small = side(repo, null);
    for (int n = 0; n < NAMESPACES; n++) {
      Snapshot one = small.reader().read(Scope.namespace("company.team" + n, KINDS));
      oneByOne.addAll(one.entries());
      notes.addAll(one.diagnostics());
    }
    assertEquals(sorted(oneByOne), sorted(fresh.entries()));
    assertEquals(sortedNotes(notes), sortedNotes(fresh.diagnostics()));

    long present = fresh.entries().stream().filter(e -> e.present().isPresent()).count();
    long invalid = fresh.entries().stream().filter(e -> e.unreadable()
        .filter(u -> u.failure() == SnapshotEntry.Failure.INVALID_SYNTAX).isPresent()).count();
    long unreadable = fresh.entries().stream().filter(e -> e.unreadable()
        .filter(u -> u.failure() == SnapshotEntry.Failure.UNREADABLE).isPresent()).count();
    // per namespace: 40 flows + renamed + moved + 2 claims of twice + a script + an app + a test
    assertEquals(NAMESPACES * 47L, present);
    assertEquals(NAMESPACES * 2L, invalid, "broken and no_id");
    assertEquals(NAMESPACES * 3L, unreadable, "huge, big.bin and the link");
  }

  @Test
  void aChangedFile_isJudgedAfresh_notFromTheCache() {
    BareRepo repo = Repos.in(dir.resolve("served")).bare("changing");
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    Path cache = dir.resolve("cache");
    Scope dev = Scope.namespace("dev", KINDS);
    assertTrue(side(repo, cache).reader().read(dev).entries().get(0).present().isPresent());

    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", "id: a\nnamespace: dev\ntasks: [\n").push();
    SnapshotEntry now = side(repo, cache).reader().read(dev).entries().get(0);

    assertEquals(SnapshotEntry.Failure.INVALID_SYNTAX, now.unreadable().orElseThrow().failure());
  }

  private static List<SnapshotEntry> sorted(List<SnapshotEntry> entries) {
    List<SnapshotEntry> out = new ArrayList<>(entries);
    out.sort(Comparator.comparing(e -> e.toString()));
    return out;
  }

  private static List<String> sortedNotes(List<Diagnostic> notes) {
    return notes.stream().map(Diagnostic::toString).sorted().toList();
  }
}
