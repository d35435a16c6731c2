package dev.driftless.port;

import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.snapshot.Baseline;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One application of a plan to one side.
 *
 * <p>The session reads the current state of its keys when it begins; the applier compares each
 * change's planned "before" with {@link #current} and writes only on a match. A
 * {@link #transactional() transactional} side (Git) stages writes and makes them durable all at once
 * in {@link #commit()}, with its own compare-and-swap on the branch head; other sides (Kestra)
 * make each write durable as it returns.
 */
public interface WriteSession extends AutoCloseable {

  /**
   * The content fingerprint of a key when the session began (whatever changed since); empty when
   * absent.
   *
   * @throws IllegalArgumentException when the key is not among the intent's keys
   */
  Optional<Fingerprint> current(ResourceKey key);

  /**
   * Checks every resource of the intent's puts before anything is written (Kestra validates all
   * flows in one call). Returns, by key, why a resource would be refused; empty when all pass. When
   * any is refused, the applier writes nothing at all.
   */
  default Map<ResourceKey, String> preflight() {
    return Map.of();
  }

  /** Whether writes are staged until {@link #commit()}. */
  boolean transactional();

  /**
   * Performs (or stages) writes that do not depend on each other; they may run concurrently.
   * Returns one result per write, in the same order. Only the intent's keys are written: a write to
   * another key never lands (its result is a failure, or the call throws
   * {@link IllegalArgumentException} before writing anything).
   */
  List<WriteResult> write(List<Write> writes);

  /**
   * Makes staged writes durable. Sides without staging return {@link CommitResult#none()}. After
   * the commit the session takes no more writes: {@link #write} throws {@link IllegalStateException}
   * and nothing lands.
   */
  CommitResult commit();

  /**
   * The two-way baseline stored when the session began, for a writer that
   * {@link ChangeWriter#keepsBaseline() keeps one} ({@link Baseline#none()} when none was ever
   * recorded); empty for a writer that keeps none. The applier compares it with the baseline the plan
   * was made from, as it compares each key's "before".
   */
  default Optional<Baseline> baseline() {
    return Optional.empty();
  }

  /**
   * Stages the baseline to record with {@link #commit()}: the commit makes the staged writes and the
   * baseline durable together, or neither (the stored baseline is compared and swapped as the
   * writes are); a commit with no writes staged still records it. Called at most once, before the
   * commit.
   *
   * @throws UnsupportedOperationException when the writer keeps no baseline
   */
  default void stageBaseline(Baseline next) {
    throw new UnsupportedOperationException("this side keeps no two-way baseline");
  }

  /** Reads the given keys again after the commit; empty for an absent key. */
  Map<ResourceKey, Optional<Fingerprint>> readBack(Collection<ResourceKey> keys);

  /** Releases what the session holds; never throws for a session that was already committed. */
  @Override
  void close();
}
