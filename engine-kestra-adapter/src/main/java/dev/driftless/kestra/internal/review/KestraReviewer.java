package dev.driftless.kestra.internal.review;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.KestraServer;
import dev.driftless.kestra.internal.read.ReadContext;
import dev.driftless.kestra.internal.write.FlowValidation;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.Review;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reviews a plan's writes to Kestra before anything is written: flows this server would store
 * outside the tenant synced ({@link TenantKey}) or otherwise than sent ({@link RevisionLine}),
 * namespace file names it would alter
 * ({@link FileNames}) and the altered copies of them a plan would delete, then every remaining flow
 * through one call of Kestra's own validation, whose refusals block that flow (in Kestra's words)
 * and whose notes (deprecated types and their replacements, warnings) become the plan's warnings.
 * A plan with nothing to write to Kestra costs no call.
 */
public final class KestraReviewer implements PlanReviewer {

  private final ReadContext ctx;

  public KestraReviewer(ReadContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Side side() {
    return Side.KESTRA;
  }

  @Override
  public Review review(Plan plan, Snapshot current) {
    KestraServer server = ctx.server();
    Map<ResourceKey, String> refusals = new LinkedHashMap<>();
    Map<ResourceKey, ResourceKey> alteredCopies = new LinkedHashMap<>();
    List<Resource> flows = new ArrayList<>();
    for (Change change : plan.changes()) {
      if (change.side() != Side.KESTRA || !change.action().isUpsert()) {
        continue;
      }
      ResourceKey key = change.key();
      Content payload = plan.payload(key).orElseThrow();
      if (key.kind() == ResourceKind.FLOW) {
        Optional<String> currentText = current.resource(key).flatMap(r -> r.content().text());
        String text = payload.text().orElse("");
        Optional<String> refused = TenantKey.refusal(server, text)
            .or(() -> RevisionLine.refusal(server, text, currentText));
        if (refused.isPresent()) {
          refusals.put(key, refused.get());
        } else {
          flows.add(new Resource(key, payload, Optional.empty(), Optional.empty()));
        }
      } else if (key.kind() == ResourceKind.NAMESPACE_FILE) {
        FileNames.of(server, key.name()).ifPresent(alteration -> {
          refusals.put(key, alteration.reason());
          alteration.storedAs().ifPresent(stored -> alteredCopies.put(ResourceKey.namespaceFile(key.namespace(), stored),
              key));
        });
      }
    }
    for (Change change : plan.changes()) {
      ResourceKey original = alteredCopies.get(change.key());
      if (change.side() == Side.KESTRA && change.action() == dev.driftless.plan.Action.DELETE && original != null) {
        refusals.put(change.key(), "is the copy " + server.describeShort() + " made of '" + original.name()
            + "' under an altered name, not a file of its own: rename '" + original.name() + "', then delete this"
            + " copy in Kestra if it is not wanted");
      }
    }
    List<Diagnostic> notes = new ArrayList<>();
    if (!flows.isEmpty()) {
      Map<ResourceKey, FlowValidation.Verdict> verdicts;
      try {
        verdicts = FlowValidation.judge(ctx.client(), flows);
      } catch (DriftlessException e) {
        // The review is advice: the flows are validated again before anything is written.
        notes.add(Diagnostic.warning("Kestra's validation could not be asked (" + e.getMessage() + "); the flows are"
            + " validated again before they are written").onSide(Side.KESTRA));
        verdicts = Map.of();
      }
      verdicts.forEach((key, verdict) -> {
        if (verdict.refused()) {
          refusals.put(key, "Kestra's validation refuses it: " + String.join("; ", verdict.problems()));
        }
        verdict.notes().forEach(note -> notes.add(Diagnostic.warning("Kestra notes: " + note).onSide(Side.KESTRA)
            .forKey(key)));
      });
    }
    return new Review(refusals, notes);
  }
}
