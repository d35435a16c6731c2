package dev.driftless.core.internal.plan;

import dev.driftless.plan.Action;
import dev.driftless.plan.Edit;
import dev.driftless.plan.Reason;
import dev.driftless.plan.Reconciliation;
import dev.driftless.policy.OnConflict;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.snapshot.SnapshotEntry;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pure rules of a two-way sync for one resource, with base B, Git G and Kestra K (absence is a
 * value): equal sides need nothing; a side that did not change since B takes the other's copy; two
 * different changes merge when a line merge of both is clean and valid, and are otherwise a
 * conflict, which {@code onConflict} may settle for one side. A side whose copy cannot be read
 * changed in a way no one knows: nothing is decided from it (the planner blocks the write either
 * way). Without a baseline (the first sync) no side is known to be unchanged, so every difference
 * is a conflict.
 */
final class TwoWay {

  private TwoWay() {}

  /** Which way a resource goes. */
  enum Way {
    /** Both sides hold the same (or nothing): no write. */
    EQUAL,
    /** Git's copy is written to Kestra. */
    FROM_GIT,
    /** Kestra's copy is written to Git. */
    FROM_KESTRA,
    /** The merge of both is written to both. */
    MERGE,
    /** Nothing is written; both sides' changes since the baseline are shown. */
    CONFLICT
  }

  /**
   * The way, the merged content for a merge, the reason a write shows when it is not the usual one
   * (a merge, a conflict onConflict settled), and for a conflict why the merge failed.
   */
  record Verdict(Way way, Optional<Content> merged, Optional<Reason> reason, Optional<String> why) {

    static Verdict of(Way way) {
      return new Verdict(way, Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** What one side holds for a key: nothing, one readable copy, or something that cannot be used. */
  record Copy(Optional<Content> content, boolean unknown) {

    static Copy of(List<SnapshotEntry> copies) {
      if (copies.isEmpty()) {
        return new Copy(Optional.empty(), false);
      }
      if (copies.size() > 1 || copies.get(0).present().isEmpty()) {
        return new Copy(Optional.empty(), true);
      }
      return new Copy(Optional.of(copies.get(0).present().get().content()), false);
    }

    /** What this side did since {@code base}. */
    Edit since(Optional<Content> base) {
      if (unknown) {
        return Edit.UNKNOWN;
      }
      if (content.isEmpty()) {
        return base.isPresent() ? Edit.DELETED : Edit.UNCHANGED;
      }
      if (base.isEmpty()) {
        return Edit.CREATED;
      }
      return base.get().fingerprint().equals(content.get().fingerprint()) ? Edit.UNCHANGED : Edit.EDITED;
    }

    boolean sameAs(Copy other) {
      return !unknown && !other.unknown
          && content.map(Content::fingerprint).equals(other.content.map(Content::fingerprint));
    }
  }

  /**
   * The way one resource goes.
   *
   * @param firstSync whether there is no baseline at all (not merely none for this resource)
   * @param merge the line merge of both copies over the base, or why there is none; asked only when
   *     both sides changed a resource the baseline holds
   */
  static Verdict decide(Optional<Content> base, Copy git, Copy kestra, boolean firstSync, OnConflict onConflict,
      Supplier<Either<String, Content>> merge) {
    Edit gitEdit = git.since(base);
    Edit kestraEdit = kestra.since(base);
    if (git.unknown() || kestra.unknown()) {
      boolean fromGit = git.unknown() ? !kestraEdit.isChange() || kestra.unknown() : gitEdit.isChange();
      return Verdict.of(fromGit ? Way.FROM_GIT : Way.FROM_KESTRA);
    }
    if (git.sameAs(kestra)) {
      return Verdict.of(Way.EQUAL);
    }
    Optional<String> why = Optional.empty();
    if (!firstSync) {
      if (!gitEdit.isChange()) {
        return Verdict.of(Way.FROM_KESTRA);
      }
      if (!kestraEdit.isChange()) {
        return Verdict.of(Way.FROM_GIT);
      }
      if (gitEdit == Edit.DELETED || kestraEdit == Edit.DELETED) {
        why = Optional.of((gitEdit == Edit.DELETED ? "deleted in Git and edited in Kestra"
            : "edited in Git and deleted in Kestra") + " since the last sync; a deletion never overrides an edit");
      } else if (base.isEmpty()) {
        why = Optional.of("created in Git and in Kestra since the last sync, with different contents");
      } else {
        Either<String, Content> merged = merge.get();
        if (merged.isRight()) {
          return new Verdict(Way.MERGE, Optional.of(merged.get()), Optional.of(Reason.MERGED), Optional.empty());
        }
        why = Optional.of(merged.getLeft());
      }
    }
    return switch (onConflict) {
      case FAIL -> new Verdict(Way.CONFLICT, Optional.empty(),
          Optional.of(firstSync ? Reason.NO_BASELINE : Reason.CONFLICT), why);
      case GIT -> new Verdict(Way.FROM_GIT, Optional.empty(), Optional.of(Reason.CONFLICT_RESOLVED), why);
      case KESTRA -> new Verdict(Way.FROM_KESTRA, Optional.empty(), Optional.of(Reason.CONFLICT_RESOLVED), why);
    };
  }

  /**
   * One resource of a two-way kind while planning: what each side did, the baseline's content, and
   * what it holds once the resource's decisions all go ahead.
   */
  record Pending(ResourceKey key, Edit git, Edit kestra, Optional<Content> base, Optional<Content> next) {}

  /** The reconciliations of a plan and the contents of their new baseline entries. */
  record Settled(List<Reconciliation> reconciliations, Map<ResourceKey, Content> agreed) {}

  /**
   * Settles each pending resource against the final decisions (after guards and reviews): it moves
   * to its next content only when every decision of its key goes ahead (a write, or nothing to do);
   * a blocked, kept or protected one keeps the baseline as it is, so its edits are seen again.
   */
  static Settled settle(List<Pending> pending, List<Decision> decisions) {
    Map<ResourceKey, Boolean> goesAhead = new HashMap<>();
    for (Decision d : decisions) {
      Action action = d.change().action();
      boolean ahead = action.isWrite() || action == Action.NO_OP;
      goesAhead.merge(d.change().key(), ahead, Boolean::logicalAnd);
    }
    List<Reconciliation> rows = new ArrayList<>(pending.size());
    Map<ResourceKey, Content> agreed = new LinkedHashMap<>();
    for (Pending p : pending) {
      boolean settled = goesAhead.getOrDefault(p.key(), true);
      Optional<Content> next = settled ? p.next() : p.base();
      rows.add(new Reconciliation(p.key(), p.git(), p.kestra(), p.base().map(Content::fingerprint),
          next.map(Content::fingerprint), settled));
      if (next.isPresent() && !next.equals(p.base())) {
        agreed.put(p.key(), next.get());
      }
    }
    rows.sort(java.util.Comparator.comparing(Reconciliation::key));
    return new Settled(rows, agreed);
  }
}
