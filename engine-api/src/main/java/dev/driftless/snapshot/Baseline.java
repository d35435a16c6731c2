package dev.driftless.snapshot;

import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What both sides of a two-way sync agreed on after its last successful apply, per resource: the
 * state each side's changes are measured from. A resource the baseline does not hold was absent on
 * both sides (or never settled).
 *
 * <p>{@link #none()} is the baseline of a sync that has never applied: the first plan treats every
 * difference as a conflict (nothing tells which side changed) unless {@code onConflict} says which
 * side wins. A recorded baseline may hold nothing (both sides were empty) and is not a first sync.
 *
 * <p>The {@link #identity()} is a digest of every key and fingerprint: equal baselines have equal
 * identities, and a plan names the identity of the baseline it was made from, so a plan made from
 * one baseline is not taken for a plan made from another. Where the baseline is stored (a Git ref)
 * is the adapter's; compare-and-swap on that store uses the store's own version.
 */
public final class Baseline {

  private static final Baseline NONE = new Baseline(Map.of(), false);

  private final Map<ResourceKey, Content> entries;
  private final boolean recorded;
  private final String identity;

  private Baseline(Map<ResourceKey, Content> entries, boolean recorded) {
    this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    this.recorded = recorded;
    this.identity = recorded ? digest(this.entries) : "none";
  }

  /** No baseline: the sync has never applied (its first plan). */
  public static Baseline none() {
    return NONE;
  }

  /** A recorded baseline holding exactly these contents (none for a sync of two empty sides). */
  public static Baseline of(Map<ResourceKey, Content> entries) {
    Objects.requireNonNull(entries, "entries");
    entries.forEach((k, v) -> {
      Objects.requireNonNull(k, "key");
      Objects.requireNonNull(v, "content of " + k);
    });
    return new Baseline(entries, true);
  }

  /** The contents both sides agreed on, by key, in key order. */
  public Map<ResourceKey, Content> entries() {
    return entries;
  }

  public Optional<Content> content(ResourceKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Whether a sync recorded this baseline; false only for {@link #none()}. */
  public boolean isRecorded() {
    return recorded;
  }

  /** {@code none} for no baseline; otherwise {@code sha256:} over every key and fingerprint. */
  public String identity() {
    return identity;
  }

  private static String digest(Map<ResourceKey, Content> entries) {
    StringBuilder canonical = new StringBuilder("driftless-baseline\t1\n");
    entries.forEach((k, v) -> canonical.append(k.kind().label()).append('\t').append(k.namespace()).append('\t')
        .append(k.name()).append('\t').append(v.fingerprint().value()).append('\n'));
    return Fingerprint.of(canonical.toString().getBytes(StandardCharsets.UTF_8)).value();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Baseline that && recorded == that.recorded && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries, recorded);
  }

  @Override
  public String toString() {
    return recorded ? "Baseline[" + entries.size() + " resources, " + identity + "]" : "Baseline[none]";
  }
}
