package dev.driftless.testkit.law;

import dev.driftless.port.ChangeWriter;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.testkit.gen.HostileRead;
import dev.driftless.testkit.gen.Misread;
import dev.driftless.testkit.gen.Seed;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Removes one resource directly, as someone else would between planning and applying. */
  void remove(ResourceKey key);

  /** Every content the side stores now, readable or not a valid document, by key. */
  Map<ResourceKey, Fingerprint> state();

  /** The ways this side's reads can be made to go wrong, for the hostile-read law; none by default. */
  default Set<Misread> misreads() {
    return Set.of();
  }

  /**
   * Makes this side's reads from now on go wrong as {@code read} says (one of {@link #misreads()}),
   * once it is seeded; the world undoes it when it closes.
   *
   * @return what the spoilt read may hide, and whether it went wrong
   */
  default Spoilt spoil(HostileRead read) {
    throw new UnsupportedOperationException(side().displayName() + " cannot be made to read badly");
  }
}
