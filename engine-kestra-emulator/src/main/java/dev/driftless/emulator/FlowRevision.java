package dev.driftless.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored revision of a flow, as the emulator keeps it.
 *
 * @param namespace the flow's namespace
 * @param id        the flow's id
 * @param revision  the revision number, from 1, gap-free per flow
 * @param source    the stored source text, exactly as it was written (even when it does not parse)
 * @param deleted   whether this revision is the soft-delete marker; a deleted flow keeps its
 *                  history and its last source
 * @param draft     whether the revision was saved as a draft ({@code ?draft=true}, Kestra 2.0 on)
 * @param updated   when the revision was written
 */
public record FlowRevision(
    String namespace, String id, int revision, String source, boolean deleted, boolean draft, Instant updated) {

  public FlowRevision {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(updated, "updated");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be >= 1, got " + revision);
    }
  }
}
