package dev.driftless.core.yaml;

import dev.driftless.resource.ResourceKey;
import java.util.Objects;

/**
 * A flow another document names by {@code namespace} and {@code flowId}: a subflow task, a flow
 * trigger condition, a test's flow, an app's flow.
 */
public record FlowReference(String namespace, String flowId) {
  public FlowReference {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(flowId, "flowId");
  }

  public ResourceKey key() {
    return ResourceKey.flow(namespace, flowId);
  }
}
