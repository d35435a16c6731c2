package dev.driftless.testkit.fake;

import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import java.util.Optional;

/**
 * A write an in-memory side performed (or, for a Git-like side, committed).
 *
 * @param key what was written
 * @param after the fingerprint written; empty for a deletion
 */
public record RecordedWrite(ResourceKey key, Optional<Fingerprint> after) {

  public boolean isDelete() {
    return after.isEmpty();
  }
}
