package dev.driftless.kestra.internal.write;

import dev.driftless.kestra.internal.read.KestraState;
import dev.driftless.kestra.internal.read.StateReader;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kestra side's {@link ChangeWriter}. A session reads the current state of the intent's keys in
 * bulk (the reader's calls, narrowed to their kinds and namespaces), so the number of reads does not
 * grow with the number of changes.
 */
public final class KestraWriter implements ChangeWriter {

  private final StateReader reader;

  public KestraWriter(StateReader reader) {
    this.reader = reader;
  }

  @Override
  public Side side() {
    return Side.KESTRA;
  }

  @Override
  public WriteSession begin(WriteIntent intent) {
    KestraState before = reader.read(scopeFor(intent.keys()), StateReader.MissingNamespaces.EMPTY);
    return new KestraSession(reader, intent, before);
  }

  /** The narrowest scope holding the keys: their kinds, in their namespaces, without children. */
  static Scope scopeFor(Collection<ResourceKey> keys) {
    Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
    Set<String> namespaces = new TreeSet<>();
    for (ResourceKey key : keys) {
      kinds.add(key.kind());
      if (!key.isGlobal()) {
        namespaces.add(key.namespace());
      }
    }
    return new Scope(namespaces, false, false, kinds);
  }

  @Override
  public String toString() {
    return "KestraWriter[" + reader.context().server().describe() + "]";
  }
}
