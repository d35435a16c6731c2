package dev.driftless.snapshot;

import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One thing a side holds: a readable resource, or something that could not be read.
 *
 * <p>Unreadable is never absent. An unreadable entry blocks every change to its key, and because
 * its identity may be a guess, it blocks every deletion of its kind in its namespace too.
 */
public sealed interface SnapshotEntry permits SnapshotEntry.Present, SnapshotEntry.Unreadable {

  ResourceKind kind();

  /** The namespace, empty for tenant-global kinds. */
  String namespace();

  /** The key, when the entry's identity is known. */
  Optional<ResourceKey> key();

  /** The resource, when it could be read. */
  Optional<Resource> present();

  /** What could not be read, when it could not. */
  Optional<Unreadable> unreadable();

  /** Where the side keeps it (a Git path, an API path), for messages. */
  Optional<String> origin();

  static SnapshotEntry present(Resource resource) {
    return new Present(resource);
  }

  /** A resource read in full. */
  record Present(Resource resource) implements SnapshotEntry {
    public Present {
      Objects.requireNonNull(resource, "resource");
    }

    @Override
    public ResourceKind kind() {
      return resource.key().kind();
    }

    @Override
    public String namespace() {
      return resource.key().namespace();
    }

    @Override
    public Optional<ResourceKey> key() {
      return Optional.of(resource.key());
    }

    @Override
    public Optional<Resource> present() {
      return Optional.of(resource);
    }

    @Override
    public Optional<Unreadable> unreadable() {
      return Optional.empty();
    }

    @Override
    public Optional<String> origin() {
      return resource.origin();
    }
  }

  /** Why an entry could not be read. */
  enum Failure {
    /** The text is not a valid document of its kind (YAML syntax, duplicate keys, no id). */
    INVALID_SYNTAX,
    /** The side could not give the content: a symlink, a submodule, a size limit, an I/O error. */
    UNREADABLE
  }

  /**
   * Something of this kind in this namespace that could not be read.
   *
   * @param name the name when known or guessed (from a file name); empty when unknown
   * @param failure what kind of failure it is
   * @param reason what went wrong, for people
   * @param origin where it is
   * @param line the line of the problem, when known
   */
  record Unreadable(
      ResourceKind kind,
      String namespace,
      Optional<String> name,
      Failure failure,
      String reason,
      Optional<String> origin,
      OptionalInt line) implements SnapshotEntry {

    public Unreadable {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(origin, "origin");
      Objects.requireNonNull(line, "line");
      if (name.isPresent()) {
        ResourceKey.problem(kind, namespace, name.get()).ifPresent(p -> {
          throw new IllegalArgumentException(p);
        });
      }
    }

    /** An entry whose key is known but whose content could not be read. */
    public static Unreadable of(ResourceKey key, Failure failure, String reason) {
      return new Unreadable(key.kind(), key.namespace(), Optional.of(key.name()), failure, reason,
          Optional.empty(), OptionalInt.empty());
    }

    public Unreadable withOrigin(String where) {
      return new Unreadable(kind, namespace, name, failure, reason, Optional.of(where), line);
    }

    public Unreadable atLine(int lineNumber) {
      return new Unreadable(kind, namespace, name, failure, reason, origin, OptionalInt.of(lineNumber));
    }

    @Override
    public Optional<ResourceKey> key() {
      return name.map(n -> new ResourceKey(kind, namespace, n));
    }

    @Override
    public Optional<Resource> present() {
      return Optional.empty();
    }

    @Override
    public Optional<Unreadable> unreadable() {
      return Optional.of(this);
    }
  }
}
