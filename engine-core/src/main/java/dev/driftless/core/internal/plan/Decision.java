package dev.driftless.core.internal.plan;

import dev.driftless.core.yaml.FlowReference;
import dev.driftless.plan.Change;
import dev.driftless.resource.Content;
import java.util.List;
import java.util.Optional;

/**
 * A change as the planner builds it, with what it needs for the later steps: the content to write,
 * the target's current content (for the diff), and the flows the relevant document refers to (for
 * ordering).
 */
record Decision(
    Change change,
    Optional<Content> payload,
    Optional<Content> current,
    Optional<String> sourceOrigin,
    Optional<String> targetOrigin,
    List<FlowReference> references) {

  Decision withChange(Change newChange) {
    return new Decision(newChange, payload, current, sourceOrigin, targetOrigin, references);
  }
}
