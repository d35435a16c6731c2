package dev.driftless.snapshot;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import dev.driftless.style.ValueStyle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What one side held inside a scope when it was read.
 *
 * <p>The identity names that moment: the Git commit id, or a digest of the Kestra entries (see
 * {@link #digestOf}). A plan records the identities of both snapshots, so a saved plan can tell
 * whether either side moved since.
 *
 * <p>Every entry lies inside the scope. A snapshot may hold two entries with the same key (two
 * files declaring the same flow); the planner reports that as a conflict rather than guessing.
 */
@Value.Immutable
@ValueStyle
public abstract class Snapshot {

  /** Only the generated implementation extends it. */
  Snapshot() {}

  public abstract Side side();

  public abstract Scope scope();

  public abstract String identity();

  public abstract List<SnapshotEntry> entries();

  /** Problems met while reading that do not stop the read (a misplaced file, a skipped symlink). */
  public abstract List<Diagnostic> diagnostics();

  /**
   * The keys this side leaves out of the sync (a Git {@code .kestraignore}); none by default. It is
   * a rule rather than data, so it takes no part in equality or in the identity.
   */
  @Value.Default
  @Value.Auxiliary
  public Exclusion exclusion() {
    return Exclusion.none();
  }

  /** The same snapshot, leaving these keys out of the sync. */
  public Snapshot withExclusion(Exclusion value) {
    return ImmutableSnapshot.copyOf(this).withExclusion(value);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a snapshot; {@code side}, {@code scope} and {@code identity} are required. */
  public static class Builder extends ImmutableSnapshot.Builder {
    Builder() {}
  }

  /** The entries by key; entries without a known key are not indexed. */
  @Value.Lazy
  public Map<ResourceKey, List<SnapshotEntry>> index() {
    Map<ResourceKey, List<SnapshotEntry>> index = new HashMap<>();
    for (SnapshotEntry entry : entries()) {
      entry.key().ifPresent(k -> index.computeIfAbsent(k, x -> new ArrayList<>(1)).add(entry));
    }
    index.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(index);
  }

  /** The readable resource with this key, when there is exactly one. */
  public Optional<Resource> resource(ResourceKey key) {
    List<SnapshotEntry> found = index().getOrDefault(key, List.of());
    return found.size() == 1 ? found.get(0).present() : Optional.empty();
  }

  /** The readable resources, in key order. */
  public List<Resource> resources() {
    List<Resource> out = new ArrayList<>();
    for (SnapshotEntry entry : entries()) {
      entry.present().ifPresent(out::add);
    }
    out.sort(Comparator.comparing(Resource::key));
    return out;
  }

  @Value.Check
  protected void check() {
    if (identity().isBlank()) {
      throw new IllegalArgumentException("a snapshot needs an identity");
    }
    for (SnapshotEntry entry : entries()) {
      if (!scope().covers(entry.kind(), entry.namespace())) {
        throw new IllegalArgumentException(
            side().displayName() + " snapshot holds " + entry.kind().label() + " in '" + entry.namespace()
                + "' outside its scope (" + scope().describe() + ")");
      }
    }
  }

  /**
   * A digest of entries, independent of their order: for sides without a native version id. Two
   * snapshots with the same entries (keys, contents, unreadable reasons) get the same digest.
   */
  public static String digestOf(List<SnapshotEntry> entries) {
    List<String> lines = new ArrayList<>(entries.size());
    for (SnapshotEntry entry : entries) {
      String head = entry.kind().label() + '\u0000' + entry.namespace() + '\u0000'
          + entry.key().map(ResourceKey::name).orElse("") + '\u0000';
      lines.add(head + entry.present().map(r -> r.fingerprint().value())
          .orElseGet(() -> "unreadable:" + entry.origin().orElse("")));
    }
    Collections.sort(lines);
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
    for (String line : lines) {
      digest.update(line.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    return "digest:" + HexFormat.of().formatHex(digest.digest()).substring(0, 32);
  }

  @Override
  public String toString() {
    return side().displayName() + " snapshot " + identity() + " of " + scope().describe() + ": "
        + entries().size() + " entries";
  }
}
