package dev.driftless.apply;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Change;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a plan did. Holds one result per write of the plan, in plan order, and finds the
 * result of a change by its key without walking them (a one-way plan has one change per key; of a
 * key a two-way plan writes on both sides, the index holds the first).
 *
 * <p>A value: equal when its six parts are equal; the index by key is derived from the results,
 * built once here, and part of neither equality nor the text form.
 */
public final class ApplyResult {

  private final String planId;
  private final List<ChangeResult> results;
  private final Map<Side, Commit> commits;
  private final List<Diagnostic> diagnostics;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final Map<ResourceKey, ChangeResult> byKey;

  /**
   * @param planId the plan applied
   * @param results one per write of the plan
   * @param commits the commits made, per side
   * @param diagnostics problems met while applying (a read-back that differed, a failed commit)
   * @param startedAt when applying began, from the applier's clock
   * @param finishedAt when it ended
   */
  public ApplyResult(String planId, List<ChangeResult> results, Map<Side, Commit> commits,
      List<Diagnostic> diagnostics, Instant startedAt, Instant finishedAt) {
    this.planId = Objects.requireNonNull(planId, "planId");
    this.results = List.copyOf(results);
    this.commits = commits.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(commits));
    this.diagnostics = List.copyOf(diagnostics);
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
    Map<ResourceKey, ChangeResult> index = new HashMap<>();
    for (ChangeResult result : this.results) {
      index.putIfAbsent(result.change().key(), result);
    }
    this.byKey = Collections.unmodifiableMap(index);
  }

  /** The plan applied. */
  public String planId() {
    return planId;
  }

  /** One per write of the plan, in plan order. */
  public List<ChangeResult> results() {
    return results;
  }

  /** The commits made, per side. */
  public Map<Side, Commit> commits() {
    return commits;
  }

  /** Problems met while applying (a read-back that differed, a failed commit). */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** When applying began, from the applier's clock. */
  public Instant startedAt() {
    return startedAt;
  }

  /** When applying ended. */
  public Instant finishedAt() {
    return finishedAt;
  }

  /** Whether every write was applied. */
  public boolean isComplete() {
    return results.stream().allMatch(r -> r.outcome().isSuccess());
  }

  /** Whether some write ended stale, so that planning again and retrying can help. */
  public boolean isStale() {
    return results.stream().anyMatch(r -> r.outcome().isRetryable());
  }

  public List<ChangeResult> withOutcome(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).toList();
  }

  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** How this change ended; empty when the run did not write it. */
  public Optional<ChangeResult> result(Change change) {
    return results.stream().filter(r -> r.change().side() == change.side() && r.change().key().equals(change.key()))
        .findFirst();
  }

  /** How the change to this target key ended; empty when the run did not write that key. */
  public Optional<ChangeResult> result(ResourceKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public Optional<Commit> commit(Side side) {
    return Optional.ofNullable(commits.get(side));
  }

  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /** {@code Applied 3 of 4 changes: 1 failed, 0 stale, 0 skipped.} */
  public String line() {
    return "Applied " + count(Outcome.APPLIED) + " of " + results.size() + " changes: "
        + count(Outcome.FAILED) + " failed, " + count(Outcome.STALE) + " stale, "
        + count(Outcome.SKIPPED) + " skipped.";
  }

  /** This result when complete; otherwise an {@link ApplyException} carrying it. */
  public ApplyResult orThrow() {
    if (!isComplete()) {
      throw new ApplyException(this);
    }
    return this;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApplyResult that && planId.equals(that.planId) && results.equals(that.results)
        && commits.equals(that.commits) && diagnostics.equals(that.diagnostics)
        && startedAt.equals(that.startedAt) && finishedAt.equals(that.finishedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(planId, results, commits, diagnostics, startedAt, finishedAt);
  }

  @Override
  public String toString() {
    return "ApplyResult[planId=" + planId + ", results=" + results + ", commits=" + commits + ", diagnostics="
        + diagnostics + ", startedAt=" + startedAt + ", finishedAt=" + finishedAt + "]";
  }
}
