package dev.driftless.port;

import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import java.util.Objects;

/** One write a session performs: put a resource, or delete one. */
public sealed interface Write permits Write.Put, Write.Delete {

  ResourceKey key();

  /** Creates the resource or replaces its content. */
  record Put(Resource resource) implements Write {
    public Put {
      Objects.requireNonNull(resource, "resource");
    }

    @Override
    public ResourceKey key() {
      return resource.key();
    }
  }

  /** Removes the resource. */
  record Delete(ResourceKey key) implements Write {
    public Delete {
      Objects.requireNonNull(key, "key");
    }
  }
}
