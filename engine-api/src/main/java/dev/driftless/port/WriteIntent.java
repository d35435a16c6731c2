package dev.driftless.port;

import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a write session is for: the plan being applied, the keys it may write, a one-line summary
 * (a commit message can use it), and the resources it will put, so that a side can check them all
 * before the first write (see {@link WriteSession#preflight()}).
 */
public record WriteIntent(String planId, Set<ResourceKey> keys, String summary, List<Resource> puts) {

  public WriteIntent {
    Objects.requireNonNull(planId, "planId");
    keys = Set.copyOf(keys);
    Objects.requireNonNull(summary, "summary");
    puts = List.copyOf(puts);
    for (Resource put : puts) {
      if (!keys.contains(put.key())) {
        throw new IllegalArgumentException(put.key() + " is put but not among the intent's keys");
      }
    }
  }

  /** An intent without contents to check in advance. */
  public WriteIntent(String planId, Set<ResourceKey> keys, String summary) {
    this(planId, keys, summary, List.of());
  }
}
