package dev.driftless.port;

import dev.driftless.resource.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * How one write went. An expected refusal by the side (a validation error, a conflict) is a
 * failure value, not an exception.
 *
 * @param key the key written
 * @param failure why it failed, for people; empty when it succeeded
 * @param version the side's version marker after the write, when the side reports one
 */
public record WriteResult(ResourceKey key, Optional<String> failure, Optional<String> version) {
  public WriteResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(version, "version");
  }

  public static WriteResult written(ResourceKey key) {
    return new WriteResult(key, Optional.empty(), Optional.empty());
  }

  public static WriteResult written(ResourceKey key, String version) {
    return new WriteResult(key, Optional.empty(), Optional.of(version));
  }

  public static WriteResult failed(ResourceKey key, String why) {
    return new WriteResult(key, Optional.of(why), Optional.empty());
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
