package dev.driftless.testkit.law;

import dev.driftless.port.ChangeWriter;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.gen.HostileRead;
import dev.driftless.testkit.gen.Misread;
import dev.driftless.testkit.gen.Seed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An {@link InMemorySide} as a {@link SideHarness}: the other half of a world whose adapter under
 * test is on one side only (the Git adapter with an in-memory Kestra, and the other way round).
 */
public final class InMemoryHarness implements SideHarness {

  private final InMemorySide side;

  public InMemoryHarness(InMemorySide side) {
    this.side = side;
  }

  /** The side itself, to steer it (fail writes, reject commits, change things behind the plan). */
  public InMemorySide inMemory() {
    return side;
  }

  @Override
  public Side side() {
    return side.side();
  }

  @Override
  public SnapshotReader reader() {
    return side;
  }

  @Override
  public ChangeWriter writer() {
    return side;
  }

  @Override
  public void seed(List<Seed> seeds) {
    for (Seed seed : seeds) {
      switch (seed.state()) {
        case PRESENT, INVALID -> side.put(Resource.of(seed.key(), seed.content().orElseThrow()));
        case UNREADABLE -> side.putUnreadable(SnapshotEntry.Unreadable.of(seed.key(),
            SnapshotEntry.Failure.UNREADABLE, "seeded as unreadable"));
      }
    }
    side.clearRecords();
  }

  @Override
  public void tamper(ResourceKey key, Content content) {
    side.put(key, content);
  }

  @Override
  public void remove(ResourceKey key) {
    side.remove(key);
  }

  @Override
  public Set<Misread> misreads() {
    return Misread.generic();
  }

  /**
   * Spoils the fake's read: an entry it cannot read, one with no key (as a link standing for a whole
   * folder would be), a document that does not parse, or a read that fails. A read aimed at every
   * call fails.
   */
  @Override
  public Spoilt spoil(HostileRead read) {
    if (read.isWhole() || read.how() == Misread.READ_FAILS) {
      side.failReads("the connection broke halfway through its answer");
      return Spoilt.damaged(Reach.everything());
    }
    ResourceKind kind = read.kind().orElseThrow();
    ResourceKey key = read.key();
    switch (read.how()) {
      case UNREADABLE_ENTRY -> side.putUnreadable(SnapshotEntry.Unreadable.of(key, SnapshotEntry.Failure.UNREADABLE,
          "cut short while being read"));
      case UNREADABLE_AREA -> side.putUnreadable(new SnapshotEntry.Unreadable(kind, read.namespace(), Optional.empty(),
          SnapshotEntry.Failure.UNREADABLE, "a link stands where its folder should be", Optional.empty(),
          OptionalInt.empty()));
      case INVALID_ENTRY -> {
        if (kind.isYaml()) {
          side.put(key, Content.ofText("id: " + key.name() + "\nnamespace: [" + read.namespace() + "\n"));
        } else {
          side.putUnreadable(SnapshotEntry.Unreadable.of(key, SnapshotEntry.Failure.UNREADABLE, "garbled"));
        }
      }
      default -> throw new IllegalArgumentException(read.how() + " is not one of " + misreads());
    }
    return Spoilt.damaged(Reach.of(kind, read.namespace()));
  }

  @Override
  public Map<ResourceKey, Fingerprint> state() {
    Map<ResourceKey, Fingerprint> out = new HashMap<>();
    side.resources().forEach((k, r) -> out.put(k, r.fingerprint()));
    return out;
  }
}
