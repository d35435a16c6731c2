package dev.driftless.apply;

import dev.driftless.plan.Change;
import java.util.Objects;
import java.util.Optional;

/**
 * How one change ended.
 *
 * @param change the planned change
 * @param outcome how it ended
 * @param cause why it did not succeed, for people; empty when applied
 * @param version the side's version marker after the write (Git blob id, Kestra revision)
 */
public record ChangeResult(Change change, Outcome outcome, Optional<String> cause, Optional<String> version) {
  public ChangeResult {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(version, "version");
    if (outcome != Outcome.APPLIED && cause.isEmpty()) {
      throw new IllegalArgumentException("a " + outcome + " change says why");
    }
  }

  public static ChangeResult applied(Change change, Optional<String> version) {
    return new ChangeResult(change, Outcome.APPLIED, Optional.empty(), version);
  }

  public static ChangeResult of(Change change, Outcome outcome, String cause) {
    return new ChangeResult(change, outcome, Optional.of(cause), Optional.empty());
  }
}
