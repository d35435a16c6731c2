package dev.driftless.apply;

import dev.driftless.port.DriftlessException;

/** Thrown by {@link ApplyResult#orThrow()} when a plan was not fully applied; carries the result. */
public final class ApplyException extends DriftlessException {

  private final transient ApplyResult result;

  public ApplyException(ApplyResult result) {
    super(describe(result));
    this.result = result;
  }

  public ApplyResult result() {
    return result;
  }

  private static String describe(ApplyResult result) {
    StringBuilder out = new StringBuilder("plan " + result.planId() + " was not fully applied. " + result.line());
    result.results().stream()
        .filter(r -> !r.outcome().isSuccess())
        .limit(10)
        .forEach(r -> out.append("\n  ").append(r.outcome().name().toLowerCase(java.util.Locale.ROOT))
            .append(' ').append(r.change().key().address()).append(": ").append(r.cause().orElse("")));
    return out.toString();
  }
}
