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

/** A world of two {@link InMemorySide}s: a Git-like one and a Kestra-like one. */
public final class InMemoryWorld implements World {

  private final Harness git = new Harness(InMemorySide.git());
  private final Harness kestra = new Harness(InMemorySide.kestra());

  @Override
  public SideHarness git() {
    return git;
  }

  @Override
  public SideHarness kestra() {
    return kestra;
  }

  public InMemorySide gitSide() {
    return git.side;
  }

  public InMemorySide kestraSide() {
    return kestra.side;
  }

  @Override
  public void close() {
    // nothing to release
  }

  private static final class Harness implements SideHarness {
    private final InMemorySide side;

    Harness(InMemorySide side) {
      this.side = side;
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
}
