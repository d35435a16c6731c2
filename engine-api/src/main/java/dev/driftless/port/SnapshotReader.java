package dev.driftless.port;

import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.Set;
import java.util.function.Supplier;

/** Reads what one side holds. Reading never writes. */
public interface SnapshotReader {

  Side side();

  /**
   * Reads everything inside the scope.
   *
   * <p>A location that does not exist (a missing branch or directory, an unknown namespace where
   * the side can tell) is an error, never an empty snapshot. Entries that cannot be read are
   * returned as unreadable, never left out.
   *
   * @throws SourceNotFoundException when the location read does not exist
   * @throws AccessDeniedException when the side refuses the credentials
   * @throws SideUnavailableException when the side cannot be reached or fails
   */
  Snapshot read(Scope scope);

  /**
   * Reads everything inside the scope, looking also into the given namespaces, which the other side
   * holds inside this scope. A side that cannot list every namespace it has (Kestra 0.20 lists only
   * namespaces holding flows, so one holding only files is invisible) reads those too, so that what
   * it holds there is not taken for absent. A side that lists all its namespaces may ignore them.
   */
  default Snapshot read(Scope scope, Set<String> namespacesElsewhere) {
    return read(scope);
  }

  /**
   * Starts {@link #read(Scope, Set)}, so that both sides can be read at the same time: a side that
   * reads in the background returns at once, the default reads on the caller's thread when the read
   * is awaited. {@code namespacesElsewhere} is the other side's namespaces, which may not be known
   * yet: the reader asks for them at most once, as late as it can (after reading what it lists), and
   * the call may wait until the other side is read. It throws when the other side's read failed;
   * the read then ends with that exception, and is cancelled anyway.
   */
  default PendingRead start(Scope scope, Supplier<Set<String>> namespacesElsewhere) {
    return PendingRead.whenAwaited(() -> read(scope, namespacesElsewhere.get()));
  }
}
