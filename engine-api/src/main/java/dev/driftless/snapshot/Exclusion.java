package dev.driftless.snapshot;

import dev.driftless.resource.ResourceKey;
import java.util.Optional;

/**
 * The keys a side leaves out of the sync, such as the paths a Git {@code .kestraignore} names.
 * A key left out by either side is outside the sync: the planner plans nothing for it on either
 * side (no create, no update, no delete) and only counts it, as Terraform and Argo CD users expect
 * ignored things to be absent from a plan rather than shown as kept.
 *
 * <p>It answers for keys of its own side (before any namespace mapping), whether or not the side
 * holds them: a Kestra flow whose file would lie at an ignored Git path is left out too.
 */
@FunctionalInterface
public interface Exclusion {

  /** Why the key is left out, for messages ({@code ignored by _flows/.kestraignore}); empty when it is in. */
  Optional<String> reason(ResourceKey key);

  /** Leaves nothing out. */
  static Exclusion none() {
    return key -> Optional.empty();
  }
}
