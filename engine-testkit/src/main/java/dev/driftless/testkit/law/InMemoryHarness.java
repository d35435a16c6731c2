package dev.driftless.testkit.law;

import dev.driftless.port.ChangeWriter;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.gen.Seed;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            SnapshotEntry.Problem.UNREADABLE, "seeded as unreadable"));
      }
    }
    side.clearRecords();
  }

  @Override
  public void tamper(ResourceKey key, Content content) {
    side.put(key, content);
  }

  @Override
  public Map<ResourceKey, Fingerprint> state() {
    Map<ResourceKey, Fingerprint> out = new HashMap<>();
    side.resources().forEach((k, r) -> out.put(k, r.fingerprint()));
    return out;
  }
}
