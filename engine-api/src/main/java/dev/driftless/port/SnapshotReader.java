package dev.driftless.port;

import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.Set;

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
}
