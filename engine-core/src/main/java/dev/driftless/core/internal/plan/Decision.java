package dev.driftless.core.internal.plan;

import dev.driftless.core.yaml.FlowReference;
import dev.driftless.plan.Change;
import dev.driftless.resource.Content;
import java.util.List;
import java.util.Optional;

/**
 * A change as the planner builds it, with what it needs for the later steps: the content to write,
 * the target's current content (for the diff), the flows the relevant document refers to (for
 * ordering), and for a two-way conflict, what the other side changed since the baseline (the diff
 * the blocked change shows).
 */
record Decision(
    Change change,
    Optional<Content> payload,
    Optional<Content> current,
    Optional<String> sourceOrigin,
    Optional<String> targetOrigin,
    List<FlowReference> references,
    Optional<SinceBase> sinceBase) {

  Decision(Change change, Optional<Content> payload, Optional<Content> current, Optional<String> sourceOrigin,
      Optional<String> targetOrigin, List<FlowReference> references) {
    this(change, payload, current, sourceOrigin, targetOrigin, references, Optional.empty());
  }

  /**
   * The other side's change since the baseline: its content then and now (either may be absent),
   * with the labels the diff shows.
   */
  record SinceBase(String baseLabel, Optional<Content> base, String label, Optional<Content> now) {}

  Decision withChange(Change newChange) {
    return new Decision(newChange, payload, current, sourceOrigin, targetOrigin, references, sinceBase);
  }

  Decision withSinceBase(SinceBase since) {
    return new Decision(change, payload, current, sourceOrigin, targetOrigin, references, Optional.of(since));
  }
}
