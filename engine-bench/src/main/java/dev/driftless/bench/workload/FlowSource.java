package dev.driftless.bench.workload;

import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One flow as one side holds it: its namespace, its id and its exact YAML source.
 *
 * @param namespace the flow's namespace
 * @param id the flow's id
 * @param yaml the source, byte for byte what the side stores
 */
public record FlowSource(String namespace, String id, String yaml) {

  public FlowSource {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(yaml, "yaml");
  }

  public ResourceKey key() {
    return ResourceKey.flow(namespace, id);
  }

  public byte[] bytes() {
    return yaml.getBytes(StandardCharsets.UTF_8);
  }

  /** A fresh resource: its content's fingerprint is not computed yet. */
  public Resource resource() {
    return Resource.of(key(), Content.ofText(yaml));
  }
}
