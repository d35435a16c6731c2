package dev.driftless.resource;

import java.util.Objects;
import java.util.Optional;

/**
 * A resource as one side holds it.
 *
 * @param key what it is
 * @param content its bytes (the exact source text for YAML kinds)
 * @param version the side's own version marker, kept for information and reports: the Git blob
 *     id, the Kestra revision. Compare-and-swap uses the content fingerprint, not this marker.
 * @param origin where the side keeps it, for messages: a path in the Git tree, an API path
 */
public record Resource(ResourceKey key, Content content, Optional<String> version, Optional<String> origin) {

  public Resource {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(origin, "origin");
  }

  public static Resource of(ResourceKey key, Content content) {
    return new Resource(key, content, Optional.empty(), Optional.empty());
  }

  public static Resource of(ResourceKey key, String text) {
    return of(key, Content.ofText(text));
  }

  public Resource withVersion(String newVersion) {
    return new Resource(key, content, Optional.of(newVersion), origin);
  }

  public Resource withOrigin(String newOrigin) {
    return new Resource(key, content, version, Optional.of(newOrigin));
  }

  public Resource withKey(ResourceKey newKey) {
    return new Resource(newKey, content, version, origin);
  }

  public Resource withContent(Content newContent) {
    return new Resource(key, newContent, version, origin);
  }

  public Fingerprint fingerprint() {
    return content.fingerprint();
  }
}
