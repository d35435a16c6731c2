package dev.driftless.port;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.resource.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a side said about a plan's writes to it ({@link PlanReviewer}).
 *
 * @param refusals the writes it would refuse or alter, by the key written, each with why and what to
 *     do; a deletion may be refused too (the copy a side altered is not the user's file to delete)
 * @param notes what it has to say about the writes it accepts (deprecated features, warnings)
 */
public record Review(Map<ResourceKey, String> refusals, List<Diagnostic> notes) {

  public Review {
    Objects.requireNonNull(refusals, "refusals");
    refusals = Map.copyOf(refusals);
    notes = List.copyOf(notes);
  }

  public static Review none() {
    return new Review(Map.of(), List.of());
  }

  public boolean isEmpty() {
    return refusals.isEmpty() && notes.isEmpty();
  }
}
