package dev.driftless.testkit.gen;

import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a side holds at the start of a scenario: a resource, a resource whose text is not a
 * valid document, or an entry that cannot be read.
 */
public record Seed(ResourceKey key, State state, Optional<Content> content) {

  /** What kind of entry a seed is. */
  public enum State {
    PRESENT,
    /** Stored, but not a valid document of its kind. */
    INVALID,
    /** Cannot be read at all. */
    UNREADABLE
  }

  public Seed {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(content, "content");
    if ((state == State.UNREADABLE) != content.isEmpty()) {
      throw new IllegalArgumentException("only unreadable seeds have no content");
    }
  }

  public static Seed present(ResourceKey key, Content content) {
    return new Seed(key, State.PRESENT, Optional.of(content));
  }

  public static Seed invalid(ResourceKey key, Content content) {
    return new Seed(key, State.INVALID, Optional.of(content));
  }

  public static Seed unreadable(ResourceKey key) {
    return new Seed(key, State.UNREADABLE, Optional.empty());
  }

  /** Whether the side can read it as a valid resource. */
  public boolean isReadable() {
    return state == State.PRESENT;
  }

  @Override
  public String toString() {
    return switch (state) {
      case PRESENT -> key.address() + " " + content.orElseThrow().fingerprint().shortForm();
      case INVALID -> key.address() + " (invalid)";
      case UNREADABLE -> key.address() + " (unreadable)";
    };
  }
}
