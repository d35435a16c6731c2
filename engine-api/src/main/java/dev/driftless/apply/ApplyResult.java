package dev.driftless.apply;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Change;
import dev.driftless.resource.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a plan did. Holds one result per write of the plan, in plan order.
 *
 * @param planId the plan applied
 * @param results one per write of the plan
 * @param commits the commits made, per side
 * @param diagnostics problems met while applying (a read-back that differed, a failed commit)
 * @param startedAt when applying began, from the applier's clock
 * @param finishedAt when it ended
 */
public record ApplyResult(
    String planId,
    List<ChangeResult> results,
    Map<Side, Commit> commits,
    List<Diagnostic> diagnostics,
    Instant startedAt,
    Instant finishedAt) {

  public ApplyResult {
    Objects.requireNonNull(planId, "planId");
    results = List.copyOf(results);
    commits = commits.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(commits));
    diagnostics = List.copyOf(diagnostics);
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
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

  public Optional<ChangeResult> result(Change change) {
    return results.stream().filter(r -> r.change().key().equals(change.key())).findFirst();
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
}
