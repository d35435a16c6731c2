package dev.driftless.testkit.contract;

import static dev.driftless.testkit.contract.ReaderContract.keyOf;
import static dev.driftless.testkit.contract.ReaderContract.otherKeyOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.driftless.port.CommitResult;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.gen.Generators;
import dev.driftless.testkit.gen.Seed;
import dev.driftless.testkit.law.SideHarness;
import dev.driftless.testkit.law.World;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link dev.driftless.port.ChangeWriter} and its {@link WriteSession}s do, whatever
 * stands behind them: the fakes, the Git adapter over a served repository, the Kestra adapter over
 * the emulator. Subclasses give a fresh world per test and say which of its sides is under test and
 * what that side holds; the side is set up and observed through its {@link SideHarness} (and what
 * was written is also read back through the side's reader).
 *
 * <p>A session reads its keys when it begins, writes only its intent's keys, and makes its writes
 * durable at {@link WriteSession#commit()} when it is {@link WriteSession#transactional()
 * transactional} (refusing to when the side moved since it began), as they return otherwise.
 */
public abstract class WriterContract {

  /** The namespace the tests work in. */
  protected static final String NS = ReaderContract.NS;

  private World world;

  /** A fresh world; the side under test holds nothing yet. Closed after each test. */
  protected abstract World newWorld();

  /** Which side of the world is under test. */
  protected abstract Side side();

  /** What the side under test can hold and write. */
  protected Capabilities capabilities() {
    return Capabilities.all();
  }

  @BeforeEach
  void openWorld() {
    world = newWorld();
    harness().seed(List.of());
  }

  @AfterEach
  void closeWorld() {
    if (world != null) {
      world.close();
    }
  }

  /** The side under test as the tests drive it. */
  protected final SideHarness harness() {
    return world.side(side());
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  public void begin_readsEachKeyAsItIs_andAnAbsentOneAsEmpty() {
    ResourceKey present = keyOf(namespacedKind(), NS);
    ResourceKey absent = otherKeyOf(namespacedKind(), NS);
    Content content = content(present, 1);
    harness().seed(List.of(Seed.present(present, content)));
    try (WriteSession session = begin(Set.of(present, absent), List.of())) {
      assertEquals(Optional.of(content.fingerprint()), session.current(present));
      assertEquals(Optional.empty(), session.current(absent));
    }
  }

  @Test
  public void current_ofAKeyOutsideTheIntent_isRefused() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    try (WriteSession session = begin(Set.of(key), List.of())) {
      ResourceKey outside = otherKeyOf(namespacedKind(), NS);
      assertThrows(IllegalArgumentException.class, () -> session.current(outside));
    }
  }

  @Test
  public void put_ofEveryKindTheSideHolds_isReadBackAsWritten() {
    List<Resource> puts = new ArrayList<>();
    for (ResourceKind kind : capabilities().kinds()) {
      ResourceKey key = keyOf(kind, NS);
      puts.add(Resource.of(key, content(key, 2)));
    }
    Set<ResourceKey> keys = keysOf(puts);
    List<Write> writes = puts.stream().<Write>map(Write.Put::new).toList();
    try (WriteSession session = begin(keys, puts)) {
      assertEquals(Map.of(), session.preflight(), "valid resources pass the check before writing");
      List<WriteResult> results = session.write(writes);
      assertEquals(writes.stream().map(Write::key).toList(), results.stream().map(WriteResult::key).toList(),
          "one result per write, in order");
      results.forEach(r -> assertTrue(r.succeeded(), () -> r.key() + " failed: " + r.failure().orElse("")));
      CommitResult commit = session.commit();
      assertFalse(commit.isRejected(), () -> "commit rejected: " + commit.rejection().orElse(""));
      Map<ResourceKey, Optional<Fingerprint>> readBack = session.readBack(keys);
      for (Resource put : puts) {
        assertEquals(Optional.of(put.fingerprint()), readBack.get(put.key()), () -> put.key() + " read back");
      }
    }
    Snapshot snapshot = harness().reader().read(Scope.namespaces(List.of(NS), false, capabilities().kinds()));
    for (Resource put : puts) {
      assertEquals(Optional.of(put.content()), snapshot.resource(put.key()).map(Resource::content),
          () -> put.key() + " is not read as it was written: " + snapshot.entries());
      assertEquals(put.fingerprint(), harness().state().get(put.key()), () -> put.key() + " as the side stores it");
    }
  }

  @Test
  public void put_overAResource_replacesItsContent() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    harness().seed(List.of(Seed.present(key, content(key, 1))));
    Resource replaced = Resource.of(key, content(key, 2));
    applied(Set.of(key), List.of(replaced), List.of(new Write.Put(replaced)));
    assertEquals(Map.of(key, replaced.fingerprint()), harness().state());
  }

  @Test
  public void delete_removesTheResource_andNothingElse() {
    ResourceKey gone = keyOf(namespacedKind(), NS);
    ResourceKey kept = otherKeyOf(namespacedKind(), NS);
    Content keptContent = content(kept, 1);
    harness().seed(List.of(Seed.present(gone, content(gone, 1)), Seed.present(kept, keptContent)));
    Map<ResourceKey, Optional<Fingerprint>> readBack = applied(Set.of(gone), List.of(), List.of(new Write.Delete(gone)));
    assertEquals(Optional.empty(), readBack.get(gone));
    assertEquals(Map.of(kept, keptContent.fingerprint()), harness().state());
  }

  /** Deleting is making absent: a resource already absent is what was wanted. */
  @Test
  public void delete_ofAnAbsentResource_succeeds_andChangesNothing() {
    ResourceKey present = keyOf(namespacedKind(), NS);
    ResourceKey absent = otherKeyOf(namespacedKind(), NS);
    Content content = content(present, 1);
    harness().seed(List.of(Seed.present(present, content)));
    Map<ResourceKey, Optional<Fingerprint>> readBack =
        applied(Set.of(absent), List.of(), List.of(new Write.Delete(absent)));
    assertEquals(Optional.empty(), readBack.get(absent));
    assertEquals(Map.of(present, content.fingerprint()), harness().state());
  }

  /** A session writes what its intent names and nothing else: a write to another key fails or is refused as misuse. */
  @Test
  public void aWriteOutsideTheIntent_isRefused_andNeverLands() {
    ResourceKey named = keyOf(namespacedKind(), NS);
    ResourceKey outside = otherKeyOf(namespacedKind(), NS);
    Resource stray = Resource.of(outside, content(outside, 1));
    try (WriteSession session = begin(Set.of(named), List.of())) {
      assertRefused(() -> {
        WriteResult result = session.write(List.of(new Write.Put(stray))).get(0);
        return result.succeeded() ? Optional.of(result) : Optional.empty();
      });
      assertFalse(session.commit().isRejected());
    }
    assertEquals(Map.of(), harness().state());
  }

  @Test
  public void writes_landAtTheCommit_onATransactionalSide_andAsTheyReturn_onAnyOther() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    Resource put = Resource.of(key, content(key, 1));
    try (WriteSession session = begin(Set.of(key), List.of(put))) {
      assertTrue(session.write(List.of(new Write.Put(put))).get(0).succeeded());
      if (session.transactional()) {
        assertEquals(Map.of(), harness().state(), "staged, not yet committed");
        assertTrue(session.commit().commit().isPresent(), "a transactional side commits what it staged");
      } else {
        assertEquals(Map.of(key, put.fingerprint()), harness().state(), "durable as the write returned");
        assertEquals(CommitResult.none(), session.commit(), "nothing is left to commit");
      }
    }
    assertEquals(Map.of(key, put.fingerprint()), harness().state());
  }

  /** The compare-and-swap of a transactional side: a commit never overwrites what moved since the session began. */
  @Test
  public void commit_afterTheSideMoved_isRejected_andNothingStagedLands() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    ResourceKey moved = otherKeyOf(namespacedKind(), NS);
    Resource put = Resource.of(key, content(key, 1));
    Content meanwhile = content(moved, 2);
    try (WriteSession session = begin(Set.of(key), List.of(put))) {
      assumeTrue(session.transactional(), "only a transactional side commits");
      assertTrue(session.write(List.of(new Write.Put(put))).get(0).succeeded());
      harness().tamper(moved, meanwhile);
      assertTrue(session.commit().isRejected(), "the commit of a session whose side moved");
    }
    assertEquals(Map.of(moved, meanwhile.fingerprint()), harness().state());
  }

  @Test
  public void current_staysWhatTheSessionBeganWith_whenTheSideChangesMeanwhile() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    Content first = content(key, 1);
    harness().seed(List.of(Seed.present(key, first)));
    try (WriteSession session = begin(Set.of(key), List.of())) {
      harness().tamper(key, content(key, 2));
      assertEquals(Optional.of(first.fingerprint()), session.current(key));
    }
  }

  /** Someone removes a flow while an apply updates it: the update never brings it back. */
  @Test
  public void aPut_overAFlowRemovedSinceTheSessionBegan_neverRecreatesIt() {
    assumeTrue(capabilities().kinds().contains(ResourceKind.FLOW), "the side holds flows");
    ResourceKey key = keyOf(ResourceKind.FLOW, NS);
    harness().seed(List.of(Seed.present(key, content(key, 1))));
    Resource put = Resource.of(key, content(key, 2));
    try (WriteSession session = begin(Set.of(key), List.of(put))) {
      harness().remove(key);
      WriteResult result = session.write(List.of(new Write.Put(put))).get(0);
      CommitResult commit = session.commit();
      assertTrue(!result.succeeded() || commit.isRejected(), "the write fails, or its commit is refused");
    }
    assertEquals(Map.of(), harness().state(), "not recreated");
  }

  @Test
  public void aWriteAfterTheCommit_isRefused_andNeverLands() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    Resource put = Resource.of(key, content(key, 1));
    try (WriteSession session = begin(Set.of(key), List.of(put))) {
      assertFalse(session.commit().isRejected());
      assertThrows(IllegalStateException.class, () -> session.write(List.of(new Write.Put(put))));
    }
    assertEquals(Map.of(), harness().state());
  }

  @Test
  public void close_afterTheCommit_neverThrows_evenTwice() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    Resource put = Resource.of(key, content(key, 1));
    WriteSession session = begin(Set.of(key), List.of(put));
    session.write(List.of(new Write.Put(put)));
    session.commit();
    session.close();
    session.close();
  }

  // ---------------------------------------------------------------------------------------------

  private WriteSession begin(Set<ResourceKey> keys, List<Resource> puts) {
    return harness().writer().begin(new WriteIntent("contract", keys, "the writer contract", puts));
  }

  /** Writes in one session and commits, asserting each write succeeded; what the session reads back after. */
  private Map<ResourceKey, Optional<Fingerprint>> applied(Set<ResourceKey> keys, List<Resource> puts,
      List<Write> writes) {
    try (WriteSession session = begin(keys, puts)) {
      for (WriteResult result : session.write(writes)) {
        assertTrue(result.succeeded(), () -> result.key() + " failed: " + result.failure().orElse(""));
      }
      CommitResult commit = session.commit();
      assertFalse(commit.isRejected(), () -> "commit rejected: " + commit.rejection().orElse(""));
      return session.readBack(keys);
    }
  }

  /** The call throws {@link IllegalArgumentException}, or gives nothing back that it did. */
  private static void assertRefused(Refusable call) {
    Optional<?> done;
    try {
      done = call.call();
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertEquals(Optional.empty(), done, "refused");
  }

  /** A call that is refused by throwing, or by giving back nothing it did. */
  @FunctionalInterface
  private interface Refusable {
    Optional<?> call();
  }

  private ResourceKind namespacedKind() {
    return capabilities().kinds().stream().filter(ResourceKind::isNamespaced).sorted().findFirst()
        .orElseThrow(() -> new IllegalStateException("the contract needs a namespaced kind"));
  }

  private static Content content(ResourceKey key, int variant) {
    return Generators.content(key, variant, false);
  }

  private static Set<ResourceKey> keysOf(List<Resource> resources) {
    Set<ResourceKey> keys = new HashSet<>();
    resources.forEach(r -> keys.add(r.key()));
    return keys;
  }
}
