package dev.driftless.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.gen.Generators;
import dev.driftless.testkit.gen.Seed;
import dev.driftless.testkit.law.SideHarness;
import dev.driftless.testkit.law.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link dev.driftless.port.SnapshotReader} does, whatever stands behind it: the fakes,
 * the Git adapter over a served repository, the Kestra adapter over the emulator. Subclasses give a
 * fresh world per test and say which of its sides is under test and what that side holds; the
 * side is set up and observed through its {@link SideHarness}, never through the reader itself.
 *
 * <p>Each test starts from the side seeded with nothing, which makes its location exist (a Git
 * branch with a commit holding no resource): a location that does not exist is an error, not an
 * empty snapshot, and that is each adapter's own test.
 */
public abstract class ReaderContract {

  /** The namespace the tests work in; {@code dev.team} is its child, {@code prod} another one. */
  protected static final String NS = "dev";

  private World world;

  /** A fresh world; the side under test holds nothing yet. Closed after each test. */
  protected abstract World newWorld();

  /** Which side of the world is under test. */
  protected abstract Side side();

  /** What the side under test can hold (its kinds, unreadable and invalid entries). */
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
  public void read_ofASideHoldingNothing_isAnEmptySnapshotOfThatSideAndScope() {
    Scope scope = scope(false);
    Snapshot snapshot = harness().reader().read(scope);
    assertEquals(side(), snapshot.side());
    assertEquals(scope, snapshot.scope());
    assertEquals(List.of(), snapshot.entries());
    assertTrue(!snapshot.identity().isBlank(), "a snapshot names the moment it was read");
  }

  @Test
  public void read_givesEverySeededResource_byteForByte_ofEveryKindTheSideHolds() {
    List<Seed> seeds = new ArrayList<>();
    for (ResourceKind kind : capabilities().kinds()) {
      ResourceKey key = keyOf(kind, NS);
      seeds.add(Seed.present(key, Generators.content(key, 3, false)));
    }
    harness().seed(seeds);
    Snapshot snapshot = harness().reader().read(scope(false));
    for (Seed seed : seeds) {
      ResourceKey key = seed.key();
      assertEquals(Optional.of(seed.content().orElseThrow()), snapshot.resource(key).map(r -> r.content()),
          () -> key + " is not read as it is stored: " + snapshot.entries());
    }
    assertEquals(seeds.size(), snapshot.entries().size(), () -> "entries: " + snapshot.entries());
  }

  @Test
  public void read_keepsToItsScope_namespacesChildrenAndKinds() {
    ResourceKind kind = namespacedKind();
    ResourceKey here = keyOf(kind, NS);
    ResourceKey child = keyOf(kind, NS + ".team");
    ResourceKey elsewhere = keyOf(kind, "prod");
    harness().seed(List.of(present(here), present(child), present(elsewhere)));

    Snapshot alone = harness().reader().read(scope(false));
    assertEquals(Set.of(here), keys(alone), "without children");
    Snapshot withChildren = harness().reader().read(scope(true));
    assertEquals(Set.of(here, child), keys(withChildren), "with children");
    for (Snapshot snapshot : List.of(alone, withChildren)) {
      for (SnapshotEntry entry : snapshot.entries()) {
        assertTrue(snapshot.scope().covers(entry.kind(), entry.namespace()), () -> entry + " lies outside the scope");
      }
    }
    Set<ResourceKind> others = new TreeSet<>(capabilities().kinds());
    others.remove(kind);
    if (!others.isEmpty()) {
      assertEquals(Set.of(), keys(harness().reader().read(Scope.namespaces(List.of(NS), true, others))),
          "a scope without the kind");
    }
  }

  @Test
  public void read_reportsAnEntryItCannotRead_neverLeavesItOut() {
    assumeTrue(capabilities().unreadableOn(side()), "the side cannot be made to hold an unreadable entry");
    ResourceKind kind = namespacedKind();
    ResourceKey readable = keyOf(kind, NS);
    ResourceKey unreadable = otherKeyOf(kind, NS);
    harness().seed(List.of(present(readable), Seed.unreadable(unreadable)));
    Snapshot snapshot = harness().reader().read(scope(false));
    assertTrue(snapshot.resource(readable).isPresent(), () -> "entries: " + snapshot.entries());
    assertTrue(snapshot.entries().stream()
            .anyMatch(e -> e.unreadable().isPresent() && e.key().equals(Optional.of(unreadable))),
        () -> unreadable + " is not reported as unreadable: " + snapshot.entries());
  }

  @Test
  public void read_reportsADocumentThatDoesNotParse_asInvalid_neverLeavesItOut() {
    assumeTrue(capabilities().invalidOn(side()), "the side cannot be made to hold a document that does not parse");
    assumeTrue(capabilities().kinds().contains(ResourceKind.FLOW), "the side holds no flows");
    ResourceKey key = keyOf(ResourceKind.FLOW, NS);
    harness().seed(List.of(Seed.invalid(key, Generators.invalid(key, 0))));
    Snapshot snapshot = harness().reader().read(scope(false));
    assertTrue(snapshot.entries().stream().anyMatch(e -> e.key().equals(Optional.of(key))
            && e.unreadable().map(u -> u.failure() == SnapshotEntry.Failure.INVALID_SYNTAX).orElse(false)),
        () -> key + " is not reported as invalid: " + snapshot.entries());
  }

  @Test
  public void read_writesNothing() {
    harness().seed(List.of(present(keyOf(namespacedKind(), NS))));
    Map<ResourceKey, Fingerprint> before = harness().state();
    harness().reader().read(scope(true));
    harness().reader().read(Scope.tenant(capabilities().kinds()));
    assertEquals(before, harness().state());
  }

  @Test
  public void read_ofAnUnchangedSide_hasTheSameIdentity_andAnotherOnceItChanged() {
    ResourceKey key = keyOf(namespacedKind(), NS);
    harness().seed(List.of(present(key)));
    Snapshot first = harness().reader().read(scope(false));
    Snapshot again = harness().reader().read(scope(false));
    assertEquals(first.identity(), again.identity(), "the same state read twice");
    harness().tamper(key, Generators.content(key, 6, false));
    Snapshot changed = harness().reader().read(scope(false));
    assertNotEquals(first.identity(), changed.identity(), "the identity after a change");
  }

  // ---------------------------------------------------------------------------------------------

  /** The side's kinds in {@link #NS}, with or without its children. */
  protected Scope scope(boolean children) {
    return Scope.namespaces(List.of(NS), children, capabilities().kinds());
  }

  private ResourceKind namespacedKind() {
    return capabilities().kinds().stream().filter(ResourceKind::isNamespaced).sorted().findFirst()
        .orElseThrow(() -> new IllegalStateException("the contract needs a namespaced kind"));
  }

  private static Seed present(ResourceKey key) {
    return Seed.present(key, Generators.content(key, 1, false));
  }

  private static Set<ResourceKey> keys(Snapshot snapshot) {
    Set<ResourceKey> out = new TreeSet<>();
    snapshot.entries().forEach(e -> e.key().ifPresent(out::add));
    return out;
  }

  /** A key of the kind in the namespace (tenant-global kinds have none). */
  static ResourceKey keyOf(ResourceKind kind, String namespace) {
    return switch (kind) {
      case FLOW -> ResourceKey.flow(namespace, "hello");
      case NAMESPACE_FILE -> ResourceKey.namespaceFile(namespace, "scripts/main.py");
      case DASHBOARD -> ResourceKey.dashboard("overview");
      case APP -> ResourceKey.app(namespace, "app0");
      case TEST -> ResourceKey.test(namespace, "test0");
      case EXECUTION_FILE -> throw new IllegalArgumentException("execution files are read-only");
    };
  }

  /** Another key of the kind in the namespace. */
  static ResourceKey otherKeyOf(ResourceKind kind, String namespace) {
    return switch (kind) {
      case FLOW -> ResourceKey.flow(namespace, "other");
      case NAMESPACE_FILE -> ResourceKey.namespaceFile(namespace, "data/other.txt");
      case DASHBOARD -> ResourceKey.dashboard("ops");
      case APP -> ResourceKey.app(namespace, "app1");
      case TEST -> ResourceKey.test(namespace, "test1");
      case EXECUTION_FILE -> throw new IllegalArgumentException("execution files are read-only");
    };
  }
}
