package dev.driftless.port;

import dev.driftless.resource.ResourceKey;
import java.util.Objects;
import java.util.Set;

/**
 * What a write session is for: the plan being applied, the keys it may write, and a one-line
 * summary (a commit message can use it).
 */
public record WriteIntent(String planId, Set<ResourceKey> keys, String summary) {
  public WriteIntent {
    Objects.requireNonNull(planId, "planId");
    keys = Set.copyOf(keys);
    Objects.requireNonNull(summary, "summary");
  }
}
