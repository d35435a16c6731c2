package dev.driftless.port;

import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/** One write a session performs: put a resource, or delete one. */
public sealed interface Write permits Write.Put, Write.Delete {

  ResourceKey key();

  /** The resource a put writes; empty for a delete. */
  Optional<Resource> written();

  /** Creates the resource or replaces its content. */
  record Put(Resource resource) implements Write {
    public Put {
      Objects.requireNonNull(resource, "resource");
    }

    @Override
    public ResourceKey key() {
      return resource.key();
    }

    @Override
    public Optional<Resource> written() {
      return Optional.of(resource);
    }
  }

  /** Removes the resource. Removing one that is already absent succeeds and changes nothing. */
  record Delete(ResourceKey key) implements Write {
    public Delete {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public Optional<Resource> written() {
      return Optional.empty();
    }
  }
}
