package dev.driftless.testkit.law;

import dev.driftless.port.ChangeWriter;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.testkit.gen.Seed;
import java.util.List;
import java.util.Map;

/**
 * One side of a {@link World} as the laws drive it: its reader and writer under test, plus direct
 * access that bypasses them (to set up a state, to change a resource behind the planner's back,
 * and to observe what the side holds).
 */
public interface SideHarness {

  Side side();

  SnapshotReader reader();

  ChangeWriter writer();

  /** The side's review of the plans that write to it; by default it has nothing to say. */
  default PlanReviewer reviewer() {
    return PlanReviewer.none(side());
  }

  /** Makes the side hold exactly these entries, without going through the writer. */
  void seed(List<Seed> seeds);

  /** Changes one resource directly, as someone else would between planning and applying. */
  void tamper(ResourceKey key, Content content);

  /** Every content the side stores now, readable or not a valid document, by key. */
  Map<ResourceKey, Fingerprint> state();
}
