package dev.driftless.cli;

import dev.driftless.core.render.VisibleText;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.resource.ResourceKey;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two-way conflicts a plan leaves as they are ({@code --on-conflict fail}): resources changed
 * on both sides that no merge settles, each BLOCKED on both sides. Applying writes nothing of them,
 * so a run that leaves one has not synced everything: {@code apply} says so and exits 1.
 */
final class Conflicts {

  private Conflicts() {}

  /** The resources in conflict, in plan order, each once (a conflict blocks a row on each side). */
  static Set<ResourceKey> of(Plan plan) {
    Set<ResourceKey> keys = new LinkedHashSet<>();
    for (Change c : plan.changes()) {
      if (c.action() == Action.BLOCKED && c.reason().isConflict()) {
        keys.add(c.key());
      }
    }
    return keys;
  }

  static int count(Plan plan) {
    return of(plan).size();
  }

  /** What is left, and the ways to settle it. */
  static String note(Plan plan) {
    Set<ResourceKey> keys = of(plan);
    boolean one = keys.size() == 1;
    boolean firstSync = plan.changes().stream().anyMatch(c -> c.action() == Action.BLOCKED
        && c.reason() == Reason.NO_BASELINE);
    String names = keys.stream().map(k -> VisibleText.of(k.address())).collect(Collectors.joining(", "));
    return (one ? "Conflict left as it is" : "Conflicts left as they are") + " on both sides (" + keys.size() + "): "
        + names + (firstSync
            ? ". This is the first two-way sync: no baseline says which side changed"
            : ". " + (one ? "It was" : "Each was") + " changed in Git and in Kestra since the last sync, and the"
                + " changes cannot be merged")
        + ". Nothing of " + (one ? "it" : "them") + " is written: make both sides equal, or choose a side with"
        + " --on-conflict git or --on-conflict kestra.";
  }
}
