package dev.driftless.core.internal.apply;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Commit;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.ApplyListener;
import dev.driftless.core.internal.diff.SecretMasker;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.Clock;
import dev.driftless.port.CommitResult;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Applies one plan through the writers of the sides it writes.
 *
 * <p>Creates and updates run first, in levels: a level holds changes whose dependencies are all in
 * earlier levels, and each side writes a level's changes in one call (which may run them
 * concurrently). Before each write the change's planned "before" is compared with what the side
 * holds (compare-and-swap); a mismatch is {@link Outcome#STALE} and nothing is written. A change
 * whose dependency did not succeed is {@link Outcome#SKIPPED}. Deletions run only when every create
 * and update succeeded: on transactional sides before their commit (one commit holds the whole
 * plan), on the others after the transactional commits went through. Last, what was written is
 * read back and compared with the plan.
 *
 * <p>A two-way plan is applied with the writer that keeps its baseline: its session is opened even
 * when the plan writes nothing to its side, and when the baseline it found is not the one the plan
 * was made from (another run applied since), nothing is written. The sides that write at once
 * (Kestra) finish first, deletions included; then the keeper stages the next baseline, which counts
 * only what succeeded, and its commit makes its writes and the baseline durable together. A commit
 * that is rejected leaves the baseline where it was, so the writes that did land are seen as edits
 * of their side by the next plan, never lost.
 */
public final class ApplyRun {

  private final Plan plan;
  private final Map<Side, ChangeWriter> writers;
  private final Clock clock;
  private final ApplyListener listener;
  /** By side and key: a two-way plan may write both sides of one key. */
  private final Map<Target, ChangeResult> results = new LinkedHashMap<>();
  private final Map<Side, WriteSession> sessions = new EnumMap<>(Side.class);
  private final Map<Side, Commit> commits = new EnumMap<>(Side.class);
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private ApplyRun(Plan plan, Map<Side, ChangeWriter> writers, Clock clock, ApplyListener listener) {
    this.plan = plan;
    this.writers = writers;
    this.clock = clock;
    this.listener = listener;
  }

  public static ApplyResult apply(Plan plan, Map<Side, ChangeWriter> writers, Clock clock, ApplyListener listener) {
    if (!plan.isApplyable()) {
      throw new IllegalStateException("plan " + plan.id() + " cannot be applied: "
          + plan.errors().stream().map(Diagnostic::render).collect(Collectors.joining("; ")));
    }
    if (!plan.isExecutable()) {
      throw new IllegalStateException("plan " + plan.id() + " carries no content to write (it was read from JSON): "
          + "plan again from fresh snapshots and apply that plan if its id is the same");
    }
    for (Change change : plan.writes()) {
      if (!writers.containsKey(change.side())) {
        throw new IllegalArgumentException("plan " + plan.id() + " writes to " + change.side().displayName()
            + " but no " + change.side().displayName() + " writer was given");
      }
    }
    if (plan.isTwoWay() && plan.hasWork() && keeperOf(writers).isEmpty()) {
      throw new IllegalArgumentException("plan " + plan.id() + " is two-way: applying it records its baseline, and "
          + "none of the writers given keeps one (the Git side's writer does)");
    }
    return new ApplyRun(plan, writers, clock, listener).run();
  }

  /** The side whose writer keeps a two-way sync's baseline. */
  private static Optional<Side> keeperOf(Map<Side, ChangeWriter> writers) {
    return writers.entrySet().stream().filter(e -> e.getValue().keepsBaseline()).map(Map.Entry::getKey)
        .sorted().findFirst();
  }

  private ApplyResult run() {
    Instant start = clock.now();
    List<Change> writes = plan.writes();
    Optional<Side> keeper = plan.isTwoWay() && plan.hasWork() ? keeperOf(writers) : Optional.empty();
    try {
      begin(writes, keeper);
      if (keeper.isPresent() && !sameBaseline(writes, keeper.get())) {
        return result(writes, start);
      }
      if (!preflight(writes)) {
        return result(writes, start);
      }
      List<Change> upserts = writes.stream().filter(c -> c.action().isUpsert()).toList();
      List<Change> deletes = writes.stream().filter(c -> c.action() == Action.DELETE).toList();
      for (List<Change> level : levels(upserts)) {
        runLevel(level);
      }
      List<Side> order = new ArrayList<>(transactionalSides());
      sessions.keySet().stream().filter(side -> !sessions.get(side).transactional()).forEach(
          keeper.isPresent() ? side -> order.add(0, side) : order::add);
      for (Side side : order) {
        runDeletes(deletes, side);
        if (keeper.isPresent() && keeper.get() == side) {
          commitWithBaseline(side, writes);
        } else {
          commit(side);
        }
      }
      readBack();
    } finally {
      closeSessions();
    }
    return result(writes, start);
  }

  /**
   * The result, with the sides' words masked as a plan's are: a side's refusal may quote what it was
   * given (Kestra's validation quotes the flow), and an error its request.
   */
  private ApplyResult result(List<Change> writes, Instant start) {
    SecretMasker masker = new SecretMasker();
    List<ChangeResult> ordered = new ArrayList<>(writes.size());
    for (Change change : writes) {
      ChangeResult r = results.getOrDefault(Target.of(change), ChangeResult.of(change, Outcome.SKIPPED, "not attempted"));
      ordered.add(new ChangeResult(r.change(), r.outcome(), r.cause().map(c -> masked(masker, c)), r.version()));
    }
    List<Diagnostic> said = diagnostics.stream().map(d -> new Diagnostic(d.severity(), masked(masker, d.message()),
        d.side(), d.key(), d.file(), d.line(), d.field())).toList();
    return new ApplyResult(plan.id(), ordered, commits, said, start, clock.now());
  }

  private static String masked(SecretMasker masker, String text) {
    return String.join("\n", masker.maskLines(List.of(text.split("\n", -1))));
  }

  /**
   * Lets every side check what it will be given before anything is written. When a side refuses
   * anything, nothing at all is written: the refused changes fail with the side's reason, the
   * others are skipped.
   */
  private boolean preflight(List<Change> writes) {
    Map<Target, String> refused = new LinkedHashMap<>();
    for (Map.Entry<Side, WriteSession> e : sessions.entrySet()) {
      try {
        e.getValue().preflight().forEach((key, why) -> refused.put(new Target(e.getKey(), key), why));
      } catch (DriftlessException ex) {
        String cause = e.getKey().displayName() + " could not check the changes before writing: " + ex.getMessage();
        diagnostics.add(Diagnostic.error(cause).onSide(e.getKey()));
        writes.stream().filter(c -> c.side() == e.getKey() && !results.containsKey(Target.of(c)))
            .forEach(c -> record(ChangeResult.of(c, Outcome.FAILED, cause)));
      }
    }
    if (refused.isEmpty() && results.isEmpty()) {
      return true;
    }
    for (Change change : writes) {
      if (refused.containsKey(Target.of(change))) {
        String cause = "refused by " + change.side().displayName() + ": " + refused.get(Target.of(change));
        diagnostics.add(Diagnostic.error(cause).onSide(change.side()).forKey(change.key()));
        record(ChangeResult.of(change, Outcome.FAILED, cause));
      } else if (!results.containsKey(Target.of(change))) {
        record(ChangeResult.of(change, Outcome.SKIPPED,
            "not written: nothing is written while any change of the plan is refused"));
      }
    }
    return false;
  }

  private void begin(List<Change> writes, Optional<Side> keeper) {
    Map<Side, List<Change>> bySide = new EnumMap<>(Side.class);
    keeper.ifPresent(side -> bySide.put(side, new ArrayList<>()));
    for (Change change : writes) {
      bySide.computeIfAbsent(change.side(), s -> new ArrayList<>()).add(change);
    }
    for (Map.Entry<Side, List<Change>> e : bySide.entrySet()) {
      Set<ResourceKey> keys = e.getValue().stream().map(Change::key).collect(Collectors.toSet());
      List<Resource> puts = e.getValue().stream().filter(c -> c.action().isUpsert())
          .map(c -> Resource.of(c.key(), plan.payload(c.key()).orElseThrow())).toList();
      try {
        sessions.put(e.getKey(), writers.get(e.getKey())
            .begin(new WriteIntent(plan.id(), keys, plan.summary().line(), puts)));
      } catch (DriftlessException ex) {
        String cause = e.getKey().displayName() + " could not be opened for writing: " + ex.getMessage();
        diagnostics.add(Diagnostic.error(cause).onSide(e.getKey()));
        for (Change change : e.getValue()) {
          record(ChangeResult.of(change, Outcome.FAILED, cause));
        }
      }
    }
  }

  /**
   * Groups changes so that each level's dependencies (on the same side) are all in earlier levels,
   * kinds in plan order.
   */
  static List<List<Change>> levels(List<Change> changes) {
    Map<Target, Integer> levelOf = new HashMap<>();
    List<List<Change>> levels = new ArrayList<>();
    ResourceKind kind = null;
    int floor = 0;
    for (Change change : changes) {
      if (change.key().kind() != kind) {
        kind = change.key().kind();
        floor = levels.size();
      }
      int level = floor;
      for (ResourceKey dep : change.dependsOn()) {
        Integer depLevel = levelOf.get(new Target(change.side(), dep));
        if (depLevel != null) {
          level = Math.max(level, depLevel + 1);
        }
      }
      levelOf.put(Target.of(change), level);
      while (levels.size() <= level) {
        levels.add(new ArrayList<>());
      }
      levels.get(level).add(change);
    }
    return levels;
  }

  private void runLevel(List<Change> level) {
    Map<Side, List<Change>> toWrite = new EnumMap<>(Side.class);
    for (Change change : level) {
      if (results.containsKey(Target.of(change))) {
        continue;
      }
      Optional<String> blocker = unmetDependency(change);
      if (blocker.isPresent()) {
        record(ChangeResult.of(change, Outcome.SKIPPED, blocker.get()));
        continue;
      }
      Optional<Fingerprint> now = sessions.get(change.side()).current(change.key());
      if (!now.equals(change.before())) {
        record(ChangeResult.of(change, Outcome.STALE, "changed in " + change.side().displayName()
            + " since the plan was made (planned " + describe(change.before()) + ", found " + describe(now)
            + "); plan again"));
        continue;
      }
      toWrite.computeIfAbsent(change.side(), s -> new ArrayList<>()).add(change);
    }
    toWrite.forEach(this::write);
  }

  private void write(Side side, List<Change> changes) {
    List<Write> writes = new ArrayList<>(changes.size());
    for (Change change : changes) {
      writes.add(change.action() == Action.DELETE
          ? new Write.Delete(change.key())
          : new Write.Put(Resource.of(change.key(), plan.payload(change.key()).orElseThrow())));
    }
    List<WriteResult> written;
    try {
      written = sessions.get(side).write(writes);
    } catch (DriftlessException e) {
      for (Change change : changes) {
        record(ChangeResult.of(change, Outcome.FAILED, e.getMessage()));
      }
      return;
    }
    if (written.size() != changes.size()) {
      throw new IllegalStateException(side.displayName() + " writer returned " + written.size()
          + " results for " + changes.size() + " writes");
    }
    for (int i = 0; i < changes.size(); i++) {
      WriteResult r = written.get(i);
      Change change = changes.get(i);
      record(r.succeeded()
          ? ChangeResult.applied(change, r.version())
          : ChangeResult.of(change, Outcome.FAILED, r.failure().orElseThrow()));
    }
  }

  private Optional<String> unmetDependency(Change change) {
    for (ResourceKey dep : change.dependsOn()) {
      ChangeResult r = results.get(new Target(change.side(), dep));
      if (r != null && !r.outcome().isSuccess()) {
        return Optional.of("not run: " + dep.address() + ", which it depends on, was not applied");
      }
    }
    return Optional.empty();
  }

  private List<Side> transactionalSides() {
    return sessions.entrySet().stream().filter(e -> e.getValue().transactional()).map(Map.Entry::getKey).toList();
  }

  private void runDeletes(List<Change> deletes, Side side) {
    List<Change> mine = deletes.stream().filter(c -> c.side() == side).toList();
    if (mine.isEmpty()) {
      return;
    }
    long failedUpserts = results.values().stream()
        .filter(r -> r.change().action().isUpsert() && !r.outcome().isSuccess()).count();
    if (failedUpserts > 0) {
      for (Change change : mine) {
        record(ChangeResult.of(change, Outcome.SKIPPED, "not run: deletions wait until every create and update "
            + "succeeded, and " + failedUpserts + " did not"));
      }
      return;
    }
    for (List<Change> level : levels(mine)) {
      runLevel(level);
    }
  }

  /**
   * Whether the keeper found the baseline the plan was made from. When it did not (another run
   * applied since, or the keeper could not be opened), nothing is written: every write is stale, or
   * skipped, and the caller plans again.
   */
  private boolean sameBaseline(List<Change> writes, Side keeper) {
    WriteSession session = sessions.get(keeper);
    String cause;
    Outcome outcome;
    if (session == null) {
      cause = "not written: " + keeper.displayName() + ", which keeps the baseline, could not be opened";
      outcome = Outcome.SKIPPED;
    } else {
      Optional<String> found;
      try {
        found = session.baseline().map(Baseline::identity);
      } catch (DriftlessException e) {
        String why = "the baseline kept in " + keeper.displayName() + " could not be read: " + e.getMessage();
        diagnostics.add(Diagnostic.error(why).onSide(keeper));
        writes.stream().filter(c -> !results.containsKey(Target.of(c)))
            .forEach(c -> record(ChangeResult.of(c, Outcome.FAILED, why)));
        return false;
      }
      if (found.equals(plan.baseline())) {
        return true;
      }
      cause = "the baseline moved since the plan was made (another run applied a plan: it was "
          + plan.baseline().get() + ", it is " + found.orElse("not kept") + "); nothing was written, plan again";
      outcome = Outcome.STALE;
      diagnostics.add(Diagnostic.warning(cause).onSide(keeper));
    }
    for (Change change : writes) {
      if (!results.containsKey(Target.of(change))) {
        record(ChangeResult.of(change, outcome, cause));
      }
    }
    return false;
  }

  /**
   * Stages the next baseline in the keeper, counting as settled only the resources whose writes all
   * succeeded so far, and commits it with the keeper's writes. A baseline that does not move (a
   * first sync that did not settle everything stays without one) is not staged.
   */
  private void commitWithBaseline(Side side, List<Change> writes) {
    Set<ResourceKey> unsettled = new java.util.HashSet<>();
    for (Change change : writes) {
      ChangeResult r = results.get(Target.of(change));
      if (r == null || !r.outcome().isSuccess()) {
        unsettled.add(change.key());
      }
    }
    WriteSession session = sessions.get(side);
    try {
      Baseline planned = session.baseline().orElseThrow();
      Baseline next = plan.nextBaseline(planned, unsettled);
      if (!next.equals(planned)) {
        session.stageBaseline(next);
      }
    } catch (DriftlessException e) {
      String cause = "the baseline could not be staged in " + side.displayName() + ": " + e.getMessage();
      diagnostics.add(Diagnostic.error(cause).onSide(side));
      replace(r -> r.change().side() == side && r.outcome().isSuccess(),
          r -> ChangeResult.of(r.change(), Outcome.FAILED, cause));
      return;
    }
    commit(side);
  }

  private void commit(Side side) {
    WriteSession session = sessions.get(side);
    Predicate<ChangeResult> staged = r -> r.change().side() == side && r.outcome().isSuccess();
    CommitResult committed;
    try {
      committed = session.commit();
    } catch (DriftlessException e) {
      String cause = "the " + side.displayName() + " commit failed: " + e.getMessage();
      diagnostics.add(Diagnostic.error(cause).onSide(side));
      replace(staged, r -> ChangeResult.of(r.change(), Outcome.FAILED, cause));
      return;
    }
    if (committed.isRejected()) {
      String cause = committed.rejection().orElseThrow();
      diagnostics.add(Diagnostic.warning(cause + "; nothing was written to " + side.displayName() + ", plan again")
          .onSide(side));
      replace(staged, r -> ChangeResult.of(r.change(), Outcome.STALE, cause));
      return;
    }
    committed.commit().ifPresent(c -> commits.put(side, c));
  }

  private void readBack() {
    for (Map.Entry<Side, WriteSession> e : sessions.entrySet()) {
      List<ChangeResult> applied = results.values().stream()
          .filter(r -> r.change().side() == e.getKey() && r.outcome().isSuccess()).toList();
      if (applied.isEmpty()) {
        continue;
      }
      Collection<ResourceKey> keys = applied.stream().map(r -> r.change().key()).toList();
      Map<ResourceKey, Optional<Fingerprint>> found;
      try {
        found = e.getValue().readBack(keys);
      } catch (DriftlessException ex) {
        diagnostics.add(Diagnostic.warning("what was written could not be read back: " + ex.getMessage())
            .onSide(e.getKey()));
        continue;
      }
      for (ChangeResult r : applied) {
        Optional<Fingerprint> actual = found.getOrDefault(r.change().key(), Optional.empty());
        if (!actual.equals(r.change().after())) {
          String cause = "read back " + describe(actual) + " after writing " + describe(r.change().after());
          diagnostics.add(Diagnostic.error(cause).onSide(e.getKey()).forKey(r.change().key()));
          record(ChangeResult.of(r.change(), Outcome.FAILED, cause));
        }
      }
    }
  }

  private void closeSessions() {
    for (WriteSession session : sessions.values()) {
      try {
        session.close();
      } catch (RuntimeException e) {
        diagnostics.add(Diagnostic.warning("a write session did not close cleanly: " + e.getMessage()));
      }
    }
  }

  private void record(ChangeResult result) {
    boolean first = results.put(Target.of(result.change()), result) == null;
    if (first) {
      listener.changed(result, results.size(), plan.writes().size());
    }
  }

  private void replace(Predicate<ChangeResult> which, java.util.function.Function<ChangeResult, ChangeResult> how) {
    results.replaceAll((k, r) -> which.test(r) ? how.apply(r) : r);
  }

  /** What a change writes: a key on a side. */
  private record Target(Side side, ResourceKey key) {
    static Target of(Change change) {
      return new Target(change.side(), change.key());
    }
  }

  private static String describe(Optional<Fingerprint> fingerprint) {
    return fingerprint.map(f -> f.shortForm()).orElse("nothing");
  }
}
