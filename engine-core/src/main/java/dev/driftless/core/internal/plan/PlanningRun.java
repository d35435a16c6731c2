package dev.driftless.core.internal.plan;

import dev.driftless.core.internal.diff.SecretMasker;
import dev.driftless.core.internal.diff.TextDiff;
import dev.driftless.core.internal.merge.LineMerge;
import dev.driftless.core.yaml.FlowReference;
import dev.driftless.core.yaml.ParsedYaml;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.core.yaml.YamlProblem;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Diff;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.plan.Reason;
import dev.driftless.plan.SnapshotRef;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.port.Review;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One planning run: a pure function of two snapshots, a policy and options.
 *
 * <p>Per kind, both sides are indexed by target key (hash maps, so the run is O(n log n) with the
 * final sort), each key gets one decision, then guards, ordering, the id and the diffs follow.
 * Nothing outside the effective scope (both snapshots' scopes after namespace mapping, the selector
 * and the child-namespace rule) is looked at, nor any key either snapshot leaves out of the sync.
 */
public final class PlanningRun {

  private final Snapshot git;
  private final Snapshot kestra;
  private final Policy policy;
  private final PlanOptions options;
  private final Review review;
  /** The baseline of a two-way plan; empty for a one-way plan. */
  private final Optional<Baseline> baseline;
  private final boolean diffs;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  /** One masker for the whole plan: a value masked in a diff has the same mask in a message. */
  private final SecretMasker masker = new SecretMasker();
  private final List<Decision> decisions = new ArrayList<>();
  private final Map<Side, Integer> targetsInScope = new EnumMap<>(Side.class);
  /** By target side: how many entries its sources hold in scope (selected, not left out). */
  private final Map<Side, Integer> sourcesInScope = new EnumMap<>(Side.class);
  private final List<ResourceKey> missingUnderFail = new ArrayList<>();
  /** Every key either side holds in scope, selected or not: what the selector's includes are held to. */
  private final List<ResourceKey> inScope = new ArrayList<>();
  /** Per resource of a two-way kind, what the baseline becomes if its decisions all go ahead. */
  private final List<TwoWay.Pending> pending = new ArrayList<>();

  private PlanningRun(Snapshot git, Snapshot kestra, Policy policy, PlanOptions options, Review review,
      Optional<Baseline> baseline, boolean diffs) {
    this.git = git;
    this.kestra = kestra;
    this.policy = policy;
    this.options = options;
    this.review = review;
    this.baseline = baseline;
    this.diffs = diffs && options.includeDiffs();
  }

  public static Plan plan(Snapshot first, Snapshot second, Policy policy, PlanOptions options) {
    return plan(first, second, policy, options, Review.none());
  }

  /** A two-way plan against a baseline ({@link Baseline#none()} on the first sync). */
  public static Plan plan(Snapshot first, Snapshot second, Baseline baseline, Policy policy, PlanOptions options,
      Review review) {
    return start(first, second, Optional.of(baseline), policy, options, review, true).run();
  }

  /** A two-way plan reviewed by a side (see {@link #reviewed(Snapshot, Snapshot, Policy, PlanOptions, Function)}). */
  public static Plan reviewed(Snapshot first, Snapshot second, Baseline baseline, Policy policy, PlanOptions options,
      Function<Plan, Review> reviewer) {
    return start(first, second, Optional.of(baseline), policy, options, Review.none(), true).reviewed(reviewer);
  }

  /**
   * A plan whose writes the target side reviewed: each write it refused is blocked with its words
   * (reason {@link Reason#TARGET_REFUSES}, a warning), a write that calls a refused flow says so, and
   * the side's notes join the diagnostics.
   */
  public static Plan plan(Snapshot first, Snapshot second, Policy policy, PlanOptions options, Review review) {
    return start(first, second, Optional.empty(), policy, options, review, true).run();
  }

  /**
   * A plan a side reviewed: each key is decided once; the side reviews the draft made of those
   * decisions — every write the policy calls for, guards off (a side must see the deletions a guard
   * would hold back, or an approved plan would run them unreviewed), no diffs — and the plan is then
   * made of the same decisions with its review, guards on, with diffs.
   */
  public static Plan reviewed(Snapshot first, Snapshot second, Policy policy, PlanOptions options,
      Function<Plan, Review> reviewer) {
    return start(first, second, Optional.empty(), policy, options, Review.none(), true).reviewed(reviewer);
  }

  private static PlanningRun start(Snapshot first, Snapshot second, Optional<Baseline> baseline, Policy policy,
      PlanOptions options, Review review, boolean diffs) {
    if (first.side() == second.side()) {
      throw new IllegalArgumentException("a plan needs one Git and one Kestra snapshot, got two " + first.side().displayName());
    }
    if (policy.twoWay() && baseline.isEmpty()) {
      throw new IllegalArgumentException("a two-way policy (sourceOfTruth BOTH) plans against a baseline: give the"
          + " one the last two-way apply recorded, or Baseline.none() for the first sync");
    }
    if (!policy.twoWay() && baseline.isPresent()) {
      throw new IllegalArgumentException("a baseline is only planned against with a two-way policy"
          + " (sourceOfTruth BOTH)");
    }
    Snapshot git = first.side() == Side.GIT ? first : second;
    Snapshot kestra = first.side() == Side.KESTRA ? first : second;
    return new PlanningRun(git, kestra, policy, options, review, baseline, diffs);
  }

  private Plan run() {
    decide();
    return finish();
  }

  private Plan reviewed(Function<Plan, Review> reviewer) {
    decide();
    Plan draft = after(policy.withGuards(Guards.none()), Review.none(), false).finish();
    return after(policy, reviewer.apply(draft), true).finish();
  }

  /** Each key's decision, and what the snapshots say, for {@link #finish} to make a plan of. */
  private void decide() {
    addSnapshotDiagnostics(git);
    addSnapshotDiagnostics(kestra);
    Map<ResourceKind, List<SnapshotEntry>> gitByKind = byKind(git);
    Map<ResourceKind, List<SnapshotEntry>> kestraByKind = byKind(kestra);
    for (ResourceKind kind : ResourceKind.values()) {
      planKind(kind, gitByKind.getOrDefault(kind, List.of()), kestraByKind.getOrDefault(kind, List.of()));
    }
  }

  /**
   * A run that finishes this one's decisions under another policy's guards, review and diffs, and
   * leaves this one as it is. The decisions do not depend on the guards (only {@link #guard} reads
   * them), nor on the review or the diffs.
   */
  private PlanningRun after(Policy guarded, Review review, boolean diffs) {
    PlanningRun next = new PlanningRun(git, kestra, guarded, options, review, baseline, diffs);
    next.diagnostics.addAll(diagnostics);
    next.decisions.addAll(decisions);
    next.targetsInScope.putAll(targetsInScope);
    next.sourcesInScope.putAll(sourcesInScope);
    next.missingUnderFail.addAll(missingUnderFail);
    next.inScope.addAll(inScope);
    next.pending.addAll(pending);
    return next;
  }

  /** The plan of the decisions: the review, guards, ordering, the id and the diffs. */
  private Plan finish() {
    warnIncludesMatchingNothing();
    if (!review.refusals().isEmpty()) {
      decisions.replaceAll(this::unlessRefused);
      warnCallersOfRefused();
    }
    review.notes().forEach(note -> diagnostics.add(new Diagnostic(note.severity(), masked(note.message()), note.side(),
        note.key(), note.file(), note.line(), note.field())));
    if (!missingUnderFail.isEmpty()) {
      diagnostics.add(Diagnostic.error("whenMissingInSource is FAIL and " + missingUnderFail.size()
          + " resource(s) are missing in the source of truth: " + list(missingUnderFail)
          + ". Nothing will be written. Add them to the source, or choose KEEP or DELETE."));
    }

    List<Decision> upserts = new ArrayList<>();
    List<Decision> deletes = new ArrayList<>();
    List<Decision> others = new ArrayList<>();
    for (Decision d : decisions) {
      Action action = d.change().action();
      (action.isUpsert() ? upserts : action == Action.DELETE ? deletes : others).add(d);
    }
    List<Decision> ordered = new ArrayList<>(decisions.size());
    ordered.addAll(Ordering.upserts(upserts));
    ordered.addAll(Ordering.deletes(deletes));
    ordered.addAll(Ordering.byKey(others));

    SnapshotRef gitRef = new SnapshotRef(Side.GIT, git.identity(), git.scope());
    SnapshotRef kestraRef = new SnapshotRef(Side.KESTRA, kestra.identity(), kestra.scope());
    String id = PlanIdentity.of(gitRef, kestraRef, policy,
        ordered.stream().map(Decision::change).toList(), baseline.map(Baseline::identity));

    ordered = guard(ordered, id);
    ordered = withDiffs(ordered);
    TwoWay.Settled settled = TwoWay.settle(pending, ordered);

    Map<ResourceKey, Content> payloads = new LinkedHashMap<>();
    for (Decision d : ordered) {
      if (d.change().action().isUpsert()) {
        payloads.put(d.change().key(), d.payload().orElseThrow());
      }
    }
    return Plan.builder()
        .id(id)
        .git(gitRef)
        .kestra(kestraRef)
        .policy(policy)
        .addAllChanges(ordered.stream().map(Decision::change).toList())
        .addAllDiagnostics(diagnostics.stream().map(this::masked).toList())
        .putAllMetadata(options.metadata())
        .putAllPayloads(payloads)
        .baseline(baseline.map(Baseline::identity))
        .addAllReconciliations(settled.reconciliations())
        .putAllAgreed(settled.agreed())
        .build();
  }

  /**
   * Each include of the selector that matches nothing either side holds in scope is a warning,
   * named by the property it was written under: a selection that selects nothing makes an empty
   * plan, which reads as "in sync" when it is a typo, a folder that is not there or a prefixed
   * pattern written without a path's leading {@code /}.
   */
  private void warnIncludesMatchingNothing() {
    Selector selector = policy.selector();
    Side first = policy.sourceOfTruth();
    for (String pattern : selector.includesMatchingNone(inScope)) {
      String message = "'" + pattern + "' matches no " + selected(selector) + " in " + first.displayName() + " or "
          + first.other().displayName() + ", so it selects nothing" + prefixHint(selector, pattern);
      Diagnostic warning = Diagnostic.warning(message);
      diagnostics.add(selector.property().map(warning::atField).orElse(warning));
    }
  }

  private static String selected(Selector selector) {
    return selector.kinds().size() == 1
        ? selector.kinds().iterator().next().label().replace('-', ' ')
        : "resource";
  }

  /** For a {@code glob:} or {@code regex:} pattern on paths written without the leading {@code /} they are matched with. */
  private static String prefixHint(Selector selector, String pattern) {
    boolean paths = selector.kinds().isEmpty() || selector.kinds().stream().anyMatch(ResourceKind::isPath);
    if (!paths || !Selector.isPrefixed(pattern)) {
      return "";
    }
    int colon = pattern.indexOf(':');
    String prefix = pattern.substring(0, colon + 1);
    String body = pattern.substring(colon + 1);
    if (body.startsWith("/")) {
      return "";
    }
    String rooted = prefix + "/" + body;
    return ". A " + prefix + " pattern is matched against a file's path with a leading '/', as in Kestra "
        + "(/scripts/etl.py): write '" + rooted + "'" + (prefix.equals("glob:") && !body.startsWith("**")
            ? " from the root, or '" + prefix + "**/" + body + "' in any folder" : "");
  }

  /** A write the target refused in its review becomes blocked, with the target's reason as a warning. */
  private Decision unlessRefused(Decision d) {
    Change c = d.change();
    String why = review.refusals().get(c.key());
    if (why == null || !c.action().isWrite()) {
      return d;
    }
    boolean delete = c.action() == Action.DELETE;
    Diagnostic warning = Diagnostic.warning(masked(why) + (delete ? "; it is not deleted" : "; it is not written"))
        .onSide(c.side()).forKey(c.key());
    Optional<String> where = delete ? d.targetOrigin() : d.sourceOrigin();
    diagnostics.add(where.map(warning::inFile).orElse(warning));
    return new Decision(c.withAction(Action.BLOCKED, Reason.TARGET_REFUSES), Optional.empty(), d.current(),
        d.sourceOrigin(), d.targetOrigin(), List.of());
  }

  /** A flow that is still written but calls (or triggers on) a refused one is told it will be missing. */
  private void warnCallersOfRefused() {
    Set<ResourceKey> refused = new HashSet<>();
    for (Decision d : decisions) {
      if (d.change().reason() == Reason.TARGET_REFUSES && d.change().key().kind() == ResourceKind.FLOW) {
        refused.add(d.change().key());
      }
    }
    for (Decision d : decisions) {
      if (!d.change().action().isUpsert()) {
        continue;
      }
      for (FlowReference ref : d.references()) {
        ResourceKey called = ResourceKey.flow(ref.namespace(), ref.flowId());
        if (refused.contains(called)) {
          diagnostics.add(Diagnostic.warning("refers to flow " + called.address() + ", which " + d.change().side()
              .displayName() + " refuses (see its warning): it is written, but " + called.address() + " will not be"
              + " there").onSide(d.change().side()).forKey(d.change().key()));
        }
      }
    }
  }

  /** A side's words, with anything that looks like a secret masked, as in diffs. */
  private String masked(String text) {
    return String.join("\n", masker.maskLines(List.of(text.split("\n", -1))));
  }

  /** Every diagnostic's words masked too: a side's reading problems may quote what it read. */
  private Diagnostic masked(Diagnostic d) {
    return new Diagnostic(d.severity(), masked(d.message()), d.side(), d.key(), d.file(), d.line(), d.field());
  }

  private void addSnapshotDiagnostics(Snapshot snapshot) {
    List<Diagnostic> sorted = new ArrayList<>(snapshot.diagnostics());
    sorted.sort(Comparator.comparing(Diagnostic::render));
    for (Diagnostic d : sorted) {
      diagnostics.add(d.side().isPresent() ? d : d.onSide(snapshot.side()));
    }
  }

  private static Map<ResourceKind, List<SnapshotEntry>> byKind(Snapshot snapshot) {
    Map<ResourceKind, List<SnapshotEntry>> out = new EnumMap<>(ResourceKind.class);
    for (SnapshotEntry e : snapshot.entries()) {
      out.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  private Snapshot snapshot(Side side) {
    return side == Side.GIT ? git : kestra;
  }

  // ---------------------------------------------------------------------------------------------
  // Per kind

  private void planKind(ResourceKind kind, List<SnapshotEntry> gitEntries, List<SnapshotEntry> kestraEntries) {
    if (policy.isTwoWay(kind)) {
      if (policy.selector().selectsKind(kind) && git.scope().kinds().contains(kind)
          && kestra.scope().kinds().contains(kind)) {
        planTwoWay(kind, gitEntries, kestraEntries);
      }
      return;
    }
    Side sourceSide = policy.sourceOfTruth(kind);
    Side targetSide = sourceSide.other();
    Snapshot source = snapshot(sourceSide);
    Snapshot target = snapshot(targetSide);
    if (!kind.isWritableOn(targetSide) || !policy.selector().selectsKind(kind)
        || !source.scope().kinds().contains(kind) || !target.scope().kinds().contains(kind)) {
      return;
    }
    KindRun run = new KindRun(kind, source, target,
        sourceSide == Side.GIT ? gitEntries : kestraEntries,
        targetSide == Side.GIT ? gitEntries : kestraEntries);
    run.plan();
  }

  /** The planning of one kind: its source and target indexes and the namespaces it cannot see into. */
  private final class KindRun {
    private final ResourceKind kind;
    private final Snapshot source;
    private final Snapshot target;
    private final List<SnapshotEntry> sourceEntries;
    private final List<SnapshotEntry> targetEntries;
    private final boolean forwards;
    private final Map<ResourceKey, List<SnapshotEntry>> sources = new HashMap<>();
    private final Map<ResourceKey, List<SnapshotEntry>> targets = new HashMap<>();
    /** Target namespaces where the source has entries it could not read: no deletion there. */
    private final Set<String> blind = new HashSet<>();
    private final Map<String, Integer> heldBack = new TreeMap<>();
    /** Keys a side left out of the sync, by that side and its reason. */
    private final Map<Side, Map<String, Set<ResourceKey>>> leftOut = new EnumMap<>(Side.class);

    KindRun(ResourceKind kind, Snapshot source, Snapshot target, List<SnapshotEntry> sourceEntries,
        List<SnapshotEntry> targetEntries) {
      this.kind = kind;
      this.source = source;
      this.target = target;
      this.sourceEntries = sourceEntries;
      this.targetEntries = targetEntries;
      this.forwards = source.side() == policy.sourceOfTruth();
    }

    String toTarget(String namespace) {
      return policy.namespaceMapping().map(namespace, forwards);
    }

    String toSource(String namespace) {
      return policy.namespaceMapping().map(namespace, !forwards);
    }

    boolean inScope(Snapshot snapshot, String namespace) {
      if (!snapshot.scope().covers(kind, namespace)) {
        return false;
      }
      return !kind.isNamespaced() || policy.includeChildNamespaces() || snapshot.scope().tenantWide()
          || snapshot.scope().namespaces().contains(namespace);
    }

    void plan() {
      indexSources();
      indexTargets();
      int present = 0;
      for (List<SnapshotEntry> entries : targets.values()) {
        for (SnapshotEntry e : entries) {
          present += e.present().isPresent() ? 1 : 0;
        }
      }
      targetsInScope.merge(target.side(), present, Integer::sum);
      sourcesInScope.merge(target.side(), sources.size(), Integer::sum);

      TreeSet<ResourceKey> keys = new TreeSet<>(sources.keySet());
      keys.addAll(targets.keySet());
      List<ResourceKey> missing = new ArrayList<>();
      for (ResourceKey key : keys) {
        if (sources.containsKey(key)) {
          decisions.add(decideWithSource(key, sources.get(key), targets.getOrDefault(key, List.of())));
        } else {
          missing.add(key);
        }
      }
      for (ResourceKey key : missing) {
        decisions.add(decideMissing(key, targets.get(key)));
      }
      report();
    }

    /** The deletions held back and the keys left out of the plan, as diagnostics. */
    private void report() {
      heldBack.forEach((ns, count) -> diagnostics.add(Diagnostic.warning(count + " deletion(s) of " + kind.label()
          + "s in " + (ns.isEmpty() ? "the tenant" : "namespace " + ns) + " held back: "
          + source.side().displayName() + " has " + kind.label()
          + "s there that could not be read, and any of them may be what would be deleted. Fix them first.")
          .onSide(source.side())));
      leftOut.forEach((side, reasons) -> reasons.forEach((why, left) -> diagnostics.add(Diagnostic.info(left.size()
          + " " + kind.label() + "(s) left out of the plan: " + why).onSide(side))));
    }

    /**
     * Whether either side leaves this key (of the target) out of the sync; if so it is counted, and
     * nothing is planned for it on either side.
     */
    private boolean isLeftOut(ResourceKey targetKey) {
      ResourceKey sourceKey = targetKey.withNamespace(toSource(targetKey.namespace()));
      Optional<String> bySource = source.exclusion().reason(sourceKey);
      Optional<String> why = bySource.or(() -> target.exclusion().reason(targetKey));
      why.ifPresent(w -> leftOut.computeIfAbsent(bySource.isPresent() ? source.side() : target.side(),
          s -> new TreeMap<>()).computeIfAbsent(w, x -> new HashSet<>()).add(targetKey));
      return why.isPresent();
    }

    private void indexSources() {
      for (SnapshotEntry e : sourceEntries) {
        if (!inScope(source, e.namespace())) {
          continue;
        }
        String targetNs = toTarget(e.namespace());
        if (!inScope(target, targetNs)) {
          diagnostics.add(Diagnostic.info("maps to namespace '" + targetNs + "', outside "
              + target.side().displayName() + "'s scope; left alone").onSide(source.side())
              .forKey(e.key().orElse(new ResourceKey(kind, e.namespace(), "unknown"))));
          continue;
        }
        Optional<ResourceKey> key = e.key().map(k -> k.withNamespace(targetNs));
        key.ifPresent(inScope::add);
        if (key.isPresent() && policy.selector().selects(key.get()) && isLeftOut(key.get())) {
          continue;
        }
        if (e.present().isEmpty()) {
          blind.add(targetNs);
          if (key.isEmpty()) {
            diagnostics.add(unreadableDiagnostic(e.unreadable().orElseThrow(), source.side(), Optional.empty()));
            continue;
          }
        }
        if (key.isPresent() && policy.selector().selects(key.get())) {
          sources.computeIfAbsent(key.get(), k -> new ArrayList<>(1)).add(e);
        }
      }
    }

    private void indexTargets() {
      for (SnapshotEntry e : targetEntries) {
        if (!inScope(target, e.namespace())) {
          continue;
        }
        String sourceNs = toSource(e.namespace());
        if (!inScope(source, sourceNs) || !toTarget(sourceNs).equals(e.namespace())) {
          continue;
        }
        if (e.key().isEmpty()) {
          diagnostics.add(unreadableDiagnostic(e.unreadable().orElseThrow(), target.side(), Optional.empty()));
          continue;
        }
        ResourceKey key = e.key().get();
        inScope.add(key);
        if (policy.selector().selects(key) && !isLeftOut(key)) {
          targets.computeIfAbsent(key, k -> new ArrayList<>(1)).add(e);
        }
      }
    }

    // -------------------------------------------------------------------------------------------
    // Decisions

    private Decision decideWithSource(ResourceKey key, List<SnapshotEntry> sourceCopies, List<SnapshotEntry> targetCopies) {
      ResourceKey sourceKey = sourceCopies.get(0).key().orElseThrow();
      Optional<Resource> current = targetCopies.size() == 1 ? targetCopies.get(0).present() : Optional.empty();
      if (sourceCopies.size() > 1 || targetCopies.size() > 1) {
        List<SnapshotEntry> copies = sourceCopies.size() > 1 ? sourceCopies : targetCopies;
        Side where = sourceCopies.size() > 1 ? source.side() : target.side();
        diagnostics.add(Diagnostic.error(copies.size() + " entries in " + where.displayName() + " claim this "
            + kind.label() + ": " + origins(copies) + ". Keep exactly one.").onSide(where).forKey(key));
        return blocked(key, sourceKey, Reason.IDENTITY_CONFLICT, current);
      }
      SnapshotEntry sourceEntry = sourceCopies.get(0);
      if (sourceEntry.present().isEmpty()) {
        SnapshotEntry.Unreadable unreadable = sourceEntry.unreadable().orElseThrow();
        diagnostics.add(unreadableDiagnostic(unreadable, source.side(), Optional.of(key)));
        Reason reason = unreadable.failure() == SnapshotEntry.Failure.INVALID_SYNTAX ? Reason.INVALID_SOURCE : Reason.UNREADABLE;
        return blocked(key, sourceKey, reason, current);
      }
      Resource wanted = sourceEntry.present().get();
      if (tooLarge(wanted)) {
        blind.add(key.namespace());
        diagnostics.add(tooLargeDiagnostic(wanted, source.side(), key, "it is not written, and no " + kind.label()
            + " is deleted in its namespace"));
        return blocked(key, sourceKey, Reason.TOO_LARGE, current);
      }
      if (!targetCopies.isEmpty() && targetCopies.get(0).present().isEmpty()) {
        return unreadableTarget(key, sourceKey, targetCopies.get(0).unreadable().orElseThrow());
      }
      if (current.isPresent() && tooLarge(current.get())) {
        diagnostics.add(tooLargeDiagnostic(current.get(), target.side(), key, "it is left alone, not overwritten"));
        return blocked(key, sourceKey, Reason.TOO_LARGE, current);
      }
      if (current.isPresent() && sourceKey.equals(key) && current.get().fingerprint().equals(wanted.fingerprint())) {
        return unchanged(key, sourceKey, Action.NO_OP, Reason.IN_SYNC, Optional.of(wanted), current);
      }
      Either<YamlProblem, Desired> desired = desired(wanted, key);
      if (desired.isLeft()) {
        blind.add(key.namespace());
        diagnostics.add(invalidDiagnostic(desired.getLeft(), wanted, key));
        return blocked(key, sourceKey, Reason.INVALID_SOURCE, current);
      }
      Desired d = desired.get();
      Fingerprint after = d.content().fingerprint();
      if (current.isEmpty()) {
        return decision(key, sourceKey, Action.CREATE, Reason.MISSING_IN_TARGET, Optional.of(after),
            Optional.of(d.content()), Optional.of(wanted), Optional.empty(), d.references());
      }
      if (current.get().fingerprint().equals(after)) {
        return unchanged(key, sourceKey, Action.NO_OP, Reason.IN_SYNC, Optional.of(wanted), current);
      }
      Reason reason = d.document().isPresent() && sameMeaning(d.document().get(), current.get().content())
          ? Reason.FORMAT_ONLY : Reason.CONTENT_CHANGED;
      return decision(key, sourceKey, Action.UPDATE, reason, Optional.of(after), Optional.of(d.content()),
          Optional.of(wanted), current, d.references());
    }

    private Decision decideMissing(ResourceKey key, List<SnapshotEntry> targetCopies) {
      ResourceKey sourceKey = key.withNamespace(toSource(key.namespace()));
      Optional<Resource> current = targetCopies.size() == 1 ? targetCopies.get(0).present() : Optional.empty();
      if (targetCopies.size() > 1) {
        diagnostics.add(Diagnostic.error(targetCopies.size() + " entries in " + target.side().displayName()
            + " claim this " + kind.label() + ": " + origins(targetCopies) + ". Keep exactly one.")
            .onSide(target.side()).forKey(key));
        return blocked(key, sourceKey, Reason.IDENTITY_CONFLICT, Optional.empty());
      }
      if (current.isEmpty()) {
        return unreadableTarget(key, sourceKey, targetCopies.get(0).unreadable().orElseThrow());
      }
      if (policy.isProtected(key.protectionNamespace()) || policy.isProtected(sourceKey.protectionNamespace())) {
        return unchanged(key, sourceKey, Action.PROTECTED, Reason.PROTECTED_NAMESPACE, Optional.empty(), current);
      }
      if (policy.protectedResources().contains(key) || policy.protectedResources().contains(sourceKey)) {
        return unchanged(key, sourceKey, Action.PROTECTED, Reason.PROTECTED_RESOURCE, Optional.empty(), current);
      }
      if (policy.whenMissingInSource() == WhenMissing.KEEP) {
        return unchanged(key, sourceKey, Action.KEEP, Reason.POLICY_KEEP, Optional.empty(), current);
      }
      if (policy.whenMissingInSource() == WhenMissing.FAIL) {
        missingUnderFail.add(key);
        return blocked(key, sourceKey, Reason.POLICY_FAIL, current);
      }
      if (blind.contains(key.namespace())) {
        heldBack.merge(key.namespace(), 1, Integer::sum);
        return blocked(key, sourceKey, Reason.INCOMPLETE_SOURCE, current);
      }
      if (tooLarge(current.get())) {
        diagnostics.add(tooLargeDiagnostic(current.get(), target.side(), key, "it is left alone, not deleted"));
        return blocked(key, sourceKey, Reason.TOO_LARGE, current);
      }
      List<FlowReference> references = List.of();
      if (kind.isYaml()) {
        ParsedYaml parsed = YamlDocument.parse(current.get().content());
        Optional<YamlProblem> problem = parsed.problem()
            .or(() -> parsed.document().flatMap(doc -> doc.identityProblem(kind)));
        if (problem.isPresent()) {
          diagnostics.add(Diagnostic.warning("is not a valid " + kind.label() + " (" + problem.get().describe()
              + "), so it is not deleted: its identity cannot be trusted").onSide(target.side()).forKey(key));
          return blocked(key, sourceKey, Reason.INVALID_TARGET, current);
        }
        references = parsed.document().orElseThrow().flowReferences();
      }
      return decision(key, sourceKey, Action.DELETE, Reason.MISSING_IN_SOURCE, Optional.empty(), Optional.empty(),
          Optional.empty(), current, references);
    }

    /** A target entry that cannot be read is left alone: there is nothing to compare and swap against. */
    private Decision unreadableTarget(ResourceKey key, ResourceKey sourceKey, SnapshotEntry.Unreadable entry) {
      boolean syntax = entry.failure() == SnapshotEntry.Failure.INVALID_SYNTAX;
      Diagnostic d = Diagnostic.warning((syntax ? "is not a valid " + kind.label() + " in " : "cannot be read in ")
          + target.side().displayName() + ", so it is left alone: " + entry.reason()).onSide(target.side()).forKey(key);
      if (entry.origin().isPresent()) {
        d = d.inFile(entry.origin().get());
      }
      diagnostics.add(entry.line().isPresent() ? d.atLine(entry.line().getAsInt()) : d);
      return blocked(key, sourceKey, syntax ? Reason.INVALID_TARGET : Reason.UNREADABLE, Optional.empty());
    }

    private boolean tooLarge(Resource resource) {
      return resource.content().size() > options.maxResourceBytes();
    }

    /** Names the resource, its size, the limit and the setting that raises it. */
    private Diagnostic tooLargeDiagnostic(Resource resource, Side side, ResourceKey key, String consequence) {
      Diagnostic d = Diagnostic.warning("is " + bytes(resource.content().size()) + ", more than the size limit of "
          + bytes(options.maxResourceBytes()) + " for one resource on either side; " + consequence + ". Make it smaller,"
          + " or raise the limit for both sides: --max-file-size (in the library, PlanOptions.maxResourceBytes with"
          + " GitSettings.maxFileBytes and KestraSettings.namespaceFileSizeLimit)").onSide(side).forKey(key);
      return resource.origin().map(d::inFile).orElse(d);
    }

    private Decision blocked(ResourceKey key, ResourceKey sourceKey, Reason reason, Optional<Resource> current) {
      return decision(key, sourceKey, Action.BLOCKED, reason, current.map(Resource::fingerprint), Optional.empty(),
          Optional.empty(), current, List.of());
    }

    /** A decision that leaves the target as it is. */
    private Decision unchanged(ResourceKey key, ResourceKey sourceKey, Action action, Reason reason,
        Optional<Resource> wanted, Optional<Resource> current) {
      return decision(key, sourceKey, action, reason, current.map(Resource::fingerprint), Optional.empty(), wanted,
          current, List.of());
    }

    private Decision decision(ResourceKey key, ResourceKey sourceKey, Action action, Reason reason,
        Optional<Fingerprint> after, Optional<Content> payload, Optional<Resource> wanted, Optional<Resource> current,
        List<FlowReference> refs) {
      Optional<Fingerprint> before = current.map(Resource::fingerprint);
      Change change = new Change(key, sourceKey, target.side(), action, reason, before, after, List.of(), Optional.empty());
      return new Decision(change, payload, current.map(Resource::content),
          wanted.flatMap(Resource::origin), current.flatMap(Resource::origin), refs);
    }

    /** The content the target should hold: the source's, checked, with the namespace it lands in. */
    private Either<YamlProblem, Desired> desired(Resource wanted, ResourceKey key) {
      if (!kind.isYaml()) {
        return Either.right(new Desired(wanted.content(), Optional.empty(), List.of()));
      }
      ParsedYaml parsed = YamlDocument.parse(wanted.content());
      if (parsed.problem().isPresent()) {
        return Either.left(parsed.problem().get());
      }
      YamlDocument doc = parsed.document().orElseThrow();
      Optional<YamlProblem> identity = doc.identityProblem(kind);
      if (identity.isPresent()) {
        return Either.left(identity.get());
      }
      if (doc.id().isPresent() && !doc.id().get().equals(key.name())) {
        return Either.left(YamlProblem.of("declares id '" + doc.id().get() + "' but is read as '" + key.name() + "'"));
      }
      Content content = wanted.content();
      if (kind.isNamespaced() && !doc.namespace().orElseThrow().equals(key.namespace())) {
        ParsedYaml rewritten = doc.withNamespace(key.namespace());
        if (rewritten.problem().isPresent()) {
          return Either.left(rewritten.problem().get());
        }
        doc = rewritten.document().orElseThrow();
        content = Content.ofText(doc.text());
      }
      return Either.right(new Desired(content, Optional.of(doc), doc.flowReferences()));
    }

    private boolean sameMeaning(YamlDocument wanted, Content current) {
      return YamlDocument.parse(current).document().map(wanted::sameAs).orElse(false);
    }

    private Diagnostic invalidDiagnostic(YamlProblem problem, Resource wanted, ResourceKey key) {
      Diagnostic d = Diagnostic.of(invalidSeverity(), "is not a valid " + kind.label() + ": " + problem.message()
          + consequence()).onSide(source.side()).forKey(key);
      if (wanted.origin().isPresent()) {
        d = d.inFile(wanted.origin().get());
      }
      return problem.line().isPresent() ? d.atLine(problem.line().getAsInt()) : d;
    }

    private Diagnostic unreadableDiagnostic(SnapshotEntry.Unreadable entry, Side side, Optional<ResourceKey> key) {
      boolean syntax = entry.failure() == SnapshotEntry.Failure.INVALID_SYNTAX;
      Severity severity = syntax && side == source.side() ? invalidSeverity() : Severity.WARNING;
      String what = syntax ? "is not a valid " + kind.label() + ": " : "could not be read: ";
      String consequence = side != source.side() ? "; it is left alone"
          : syntax ? consequence()
          : "; it is not synced, and no " + kind.label() + " is deleted in its namespace";
      Diagnostic d = Diagnostic.of(severity, what + entry.reason() + consequence).onSide(side);
      if (key.isPresent()) {
        d = d.forKey(key.get());
      }
      if (entry.origin().isPresent()) {
        d = d.inFile(entry.origin().get());
      }
      return entry.line().isPresent() ? d.atLine(entry.line().getAsInt()) : d;
    }

    private String consequence() {
      return switch (policy.onInvalidSyntax()) {
        case FAIL -> " (onInvalidSyntax: FAIL, so the plan cannot be applied)";
        case WARN, SKIP -> "; it is not synced, and no " + kind.label() + " is deleted in its namespace";
      };
    }

    private Severity invalidSeverity() {
      return switch (policy.onInvalidSyntax()) {
        case FAIL -> Severity.ERROR;
        case WARN -> Severity.WARNING;
        case SKIP -> Severity.INFO;
      };
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Two-way kinds

  /**
   * Plans a kind both ways from the baseline (see {@link TwoWay} for the rules). The kind is indexed
   * once, Git as the source: both directions' runs share those indexes, each with the namespaces its
   * own source cannot see into, so that each write goes through the one-way decisions (validation,
   * sizes, protection, unreadable entries) of its direction. Deletions are decided last, once every
   * namespace an invalid or too large copy blinds is known.
   */
  private void planTwoWay(ResourceKind kind, List<SnapshotEntry> gitEntries, List<SnapshotEntry> kestraEntries) {
    Baseline base = baseline.orElseThrow();
    KindRun fromGit = new KindRun(kind, git, kestra, gitEntries, kestraEntries);
    KindRun fromKestra = new KindRun(kind, kestra, git, kestraEntries, gitEntries);
    fromGit.indexSources();
    fromGit.indexTargets();
    fromKestra.sources.putAll(fromGit.targets);
    fromKestra.targets.putAll(fromGit.sources);
    for (SnapshotEntry e : kestraEntries) {
      if (e.present().isEmpty() && fromGit.inScope(kestra, e.namespace())) {
        fromKestra.blind.add(e.namespace());
      }
    }
    targetsInScope.merge(Side.GIT, present(fromGit.sources), Integer::sum);
    targetsInScope.merge(Side.KESTRA, present(fromGit.targets), Integer::sum);

    TreeSet<ResourceKey> keys = new TreeSet<>(fromGit.sources.keySet());
    keys.addAll(fromGit.targets.keySet());
    for (ResourceKey key : base.entries().keySet()) {
      if (key.kind() == kind && fromGit.inScope(git, key.namespace()) && fromGit.inScope(kestra, key.namespace())
          && policy.selector().selects(key) && git.exclusion().reason(key).isEmpty()
          && kestra.exclusion().reason(key).isEmpty()) {
        keys.add(key);
      }
    }
    List<Runnable> deletions = new ArrayList<>();
    List<ResourceKey> firstSyncConflicts = new ArrayList<>();
    for (ResourceKey key : keys) {
      Optional<Content> was = base.content(key);
      List<SnapshotEntry> gitCopies = fromGit.sources.getOrDefault(key, List.of());
      List<SnapshotEntry> kestraCopies = fromGit.targets.getOrDefault(key, List.of());
      TwoWay.Copy g = TwoWay.Copy.of(gitCopies);
      TwoWay.Copy k = TwoWay.Copy.of(kestraCopies);
      TwoWay.Verdict verdict = TwoWay.decide(was, g, k, !base.isRecorded(), policy.onConflict(),
          () -> merged(kind, key, was.orElseThrow(), g.content().orElseThrow(), k.content().orElseThrow()));
      TwoWay.Pending pending = new TwoWay.Pending(key, g.since(was), k.since(was), was, was);
      if (verdict.reason().filter(r -> r.isConflict() || r == Reason.CONFLICT_RESOLVED).isPresent()) {
        conflictDiagnostic(key, verdict, !base.isRecorded(), firstSyncConflicts);
      }
      switch (verdict.way()) {
        case EQUAL -> {
          if (g.content().isPresent()) {
            decisions.add(fromGit.decideWithSource(key, gitCopies, kestraCopies));
            pending = withNext(pending, g.content());
          } else {
            boolean blind = fromGit.blind.contains(key.namespace()) || fromKestra.blind.contains(key.namespace());
            pending = withNext(pending, blind ? was : Optional.empty());
          }
        }
        case FROM_GIT -> pending = oneWay(fromGit, key, gitCopies, kestraCopies, verdict, pending, deletions);
        case FROM_KESTRA -> pending = oneWay(fromKestra, key, kestraCopies, gitCopies, verdict, pending, deletions);
        case MERGE -> {
          Resource merge = Resource.of(key, verdict.merged().orElseThrow()).withOrigin("merge of Git and Kestra");
          List<SnapshotEntry> mergeCopies = List.of(SnapshotEntry.present(merge));
          Decision toKestra = reasoned(fromGit.decideWithSource(key, mergeCopies, kestraCopies), Reason.MERGED);
          Decision toGit = reasoned(fromKestra.decideWithSource(key, mergeCopies, gitCopies), Reason.MERGED);
          decisions.add(toKestra);
          decisions.add(toGit);
          pending = withNext(pending, toKestra.payload().or(toGit::payload).or(verdict::merged));
        }
        case CONFLICT -> {
          Reason reason = verdict.reason().orElseThrow();
          String baseLabel = "last synced: " + (was.isPresent() ? key.address() : "(none)");
          decisions.add(fromKestra.blocked(key, key, reason, gitCopies.isEmpty() ? Optional.empty()
              : gitCopies.get(0).present()).withSinceBase(new Decision.SinceBase(baseLabel, was,
              "Kestra: " + origin(kestraCopies, key), k.content())));
          decisions.add(fromGit.blocked(key, key, reason, kestraCopies.isEmpty() ? Optional.empty()
              : kestraCopies.get(0).present()).withSinceBase(new Decision.SinceBase(baseLabel, was,
              "Git: " + origin(gitCopies, key), g.content())));
        }
      }
      this.pending.add(pending);
    }
    deletions.forEach(Runnable::run);
    if (!base.isRecorded()) {
      firstSyncDiagnostic(kind, keys.size() - firstSyncConflicts.size(), firstSyncConflicts);
    }
    fromGit.report();
    fromKestra.report();
  }

  /**
   * The decision of one direction for a resource: its one-way decision, with the reason of the
   * verdict when it writes. A deletion is decided later (see {@link #planTwoWay}); the pending
   * resource's next content is what the written side will hold.
   */
  private TwoWay.Pending oneWay(KindRun run, ResourceKey key, List<SnapshotEntry> sourceCopies,
      List<SnapshotEntry> targetCopies, TwoWay.Verdict verdict, TwoWay.Pending pending, List<Runnable> deletions) {
    if (sourceCopies.isEmpty()) {
      deletions.add(() -> decisions.add(reasoned(run.decideMissing(key, targetCopies), verdict.reason())));
      return withNext(pending, Optional.empty());
    }
    Decision d = reasoned(run.decideWithSource(key, sourceCopies, targetCopies), verdict.reason());
    decisions.add(d);
    return withNext(pending, d.payload().or(() -> sourceCopies.get(0).present().map(Resource::content)));
  }

  private static Decision reasoned(Decision d, Optional<Reason> reason) {
    return reason.map(r -> reasoned(d, r)).orElse(d);
  }

  /** A write with the reason of its verdict (merged, a conflict settled); anything else as it is. */
  private static Decision reasoned(Decision d, Reason reason) {
    Change c = d.change();
    return c.action().isWrite() ? d.withChange(c.withAction(c.action(), reason)) : d;
  }

  private static TwoWay.Pending withNext(TwoWay.Pending p, Optional<Content> next) {
    return new TwoWay.Pending(p.key(), p.git(), p.kestra(), p.base(), next);
  }

  private static int present(Map<ResourceKey, List<SnapshotEntry>> index) {
    int n = 0;
    for (List<SnapshotEntry> entries : index.values()) {
      for (SnapshotEntry e : entries) {
        n += e.present().isPresent() ? 1 : 0;
      }
    }
    return n;
  }

  private static String origin(List<SnapshotEntry> copies, ResourceKey key) {
    return copies.isEmpty() ? key.address() + " (deleted)" : copies.get(0).origin().orElse(key.address());
  }

  /**
   * The line merge of both sides' changes, when it is clean and, for a YAML kind, a valid document
   * of the kind with the resource's id: anything else is a conflict, in words. Binary contents and
   * contents over the diff size limit are not merged.
   */
  private Either<String, Content> merged(ResourceKind kind, ResourceKey key, Content base, Content ours,
      Content theirs) {
    long limit = options.maxDiffBytes();
    if (base.size() > limit || ours.size() > limit || theirs.size() > limit) {
      return Either.left("too large to merge (over " + bytes(limit) + ")");
    }
    Optional<String> b = base.text();
    Optional<String> o = ours.text();
    Optional<String> t = theirs.text();
    if (b.isEmpty() || o.isEmpty() || t.isEmpty()) {
      return Either.left("binary content is not merged");
    }
    Either<String, String> text = LineMerge.merge(b.get(), o.get(), t.get());
    if (text.isLeft()) {
      return Either.left(text.getLeft());
    }
    Content merged = Content.ofText(text.get());
    if (!kind.isYaml()) {
      return Either.right(merged);
    }
    ParsedYaml parsed = YamlDocument.parse(merged);
    Optional<YamlProblem> problem = parsed.problem()
        .or(() -> parsed.document().flatMap(doc -> doc.identityProblem(kind)))
        .or(() -> parsed.document().flatMap(YamlDocument::id).filter(id -> !id.equals(key.name()))
            .map(id -> YamlProblem.of("declares id '" + id + "'")));
    return problem.isPresent()
        ? Either.left("the changes merge line by line, but the result is not a valid " + kind.label() + " ("
            + problem.get().describe() + ")")
        : Either.right(merged);
  }

  private void conflictDiagnostic(ResourceKey key, TwoWay.Verdict verdict, boolean firstSync,
      List<ResourceKey> firstSyncConflicts) {
    if (firstSync) {
      firstSyncConflicts.add(key);
      return;
    }
    String why = verdict.why().orElse("the changes cannot be merged");
    String consequence = switch (policy.onConflict()) {
      case FAIL -> ". Nothing of it is written; make both sides equal, or set onConflict to GIT or KESTRA to keep"
          + " one side's copy";
      case GIT, KESTRA -> "; onConflict: " + policy.onConflict() + " keeps " + side(policy.onConflict()).displayName()
          + "'s copy, and " + side(policy.onConflict()).other().displayName() + "'s changes since the last sync are"
          + " overwritten";
    };
    diagnostics.add(Diagnostic.warning("changed in Git and in Kestra since the last sync: " + why + consequence)
        .forKey(key));
  }

  private static Side side(dev.driftless.policy.OnConflict onConflict) {
    return switch (onConflict) {
      case GIT -> Side.GIT;
      case KESTRA, FAIL -> Side.KESTRA;
    };
  }

  private void firstSyncDiagnostic(ResourceKind kind, int settled, List<ResourceKey> differing) {
    String what = kind.label() + "(s)";
    StringBuilder message = new StringBuilder("first two-way sync of " + kind.label() + "s: there is no baseline yet, so"
        + " no side is known to be unchanged. " + settled + " " + what + " equal on both sides (or left as they are)"
        + " become the baseline");
    if (!differing.isEmpty()) {
      message.append("; ").append(differing.size()).append(" differ: ").append(list(differing)).append(switch (
          policy.onConflict()) {
        case FAIL -> ". They are conflicts and nothing of them is written: make both sides equal, or set"
            + " onConflict to GIT or KESTRA to keep one side's copy. The baseline is recorded once nothing differs";
        case GIT, KESTRA -> ". onConflict: " + policy.onConflict() + " keeps "
            + side(policy.onConflict()).displayName() + "'s copy of each";
      });
    }
    diagnostics.add(Diagnostic.info(message.append('.').toString()));
  }

  /** The content a target should hold, its parsed document for YAML kinds, and its flow references. */
  private record Desired(Content content, Optional<YamlDocument> document, List<FlowReference> references) {}

  // ---------------------------------------------------------------------------------------------
  // Guards and diffs

  /**
   * Holds back the deletions on each side the policy's {@link Guards} trip on (by
   * {@link Guards#tripped}), unless the plan is the approved one: they become BLOCKED, and one error
   * per side says the count, the population, the threshold and how to let them through.
   */
  private List<Decision> guard(List<Decision> ordered, String id) {
    Map<Side, Integer> deletes = new EnumMap<>(Side.class);
    for (Decision d : ordered) {
      if (d.change().action() == Action.DELETE) {
        deletes.merge(d.change().side(), 1, Integer::sum);
      }
    }
    Guards guards = policy.guards();
    Set<Side> tripped = new HashSet<>();
    for (Map.Entry<Side, Integer> e : deletes.entrySet()) {
      Side side = e.getKey();
      int inScope = targetsInScope.getOrDefault(side, 0);
      int sources = sourcesInScope.getOrDefault(side, 0);
      int count = e.getValue();
      Optional<Guards.Rule> rule = guards.tripped(count, inScope, sources);
      if (rule.isEmpty()) {
        continue;
      }
      String what = rule.get() != Guards.Rule.EVERYTHING ? count + " of " + inScope + " resources"
          : inScope == 1 ? "the one resource" : "all " + inScope + " resources";
      if (options.approvedPlanId().filter(id::equals).isPresent()) {
        diagnostics.add(Diagnostic.info("deletes " + what + " in scope in " + side.displayName()
            + "; approved (plan " + id + ")").onSide(side));
        continue;
      }
      tripped.add(side);
      diagnostics.add(Diagnostic.error("this plan deletes " + what + " in scope in " + side.displayName()
          + why(rule.get(), guards, count, inScope, sources, side) + ". If it is intended, approve this exact plan: "
          + "--approve " + id + " on the command line, approvedPlanId: " + id + " in a task (or in PlanOptions). "
          + "To let such plans through without approval: --allow-deletes " + count + " (allowedDeletes: " + count
          + ")" + thresholds(guards) + ", or --no-delete-guard.")
          .onSide(side).atField(Guards.FIELD));
    }
    if (tripped.isEmpty()) {
      return ordered;
    }
    List<Decision> out = new ArrayList<>(ordered.size());
    for (Decision d : ordered) {
      Change c = d.change();
      out.add(c.action() == Action.DELETE && tripped.contains(c.side())
          ? d.withChange(c.withAction(Action.BLOCKED, Reason.GUARD_MASS_DELETE)) : d);
    }
    return out;
  }

  /** Why the guard holds these deletions back, after "this plan deletes ... in <side>". */
  private static String why(Guards.Rule rule, Guards guards, int count, int inScope, int sources, Side side) {
    return switch (rule) {
      case EVERYTHING -> sources == 0
          ? ", and " + side.other().displayName() + " holds nothing in that scope: that is what a wrong directory, "
              + "branch or namespace looks like"
          : " (the guard judges a side holding at least " + guards.minPopulation()
              + " by what it deletes); that is also what a wrong directory, branch or namespace looks like";
      case SHARE -> " (" + Guards.percent((double) count / inScope) + "), more than the "
          + Guards.percent(guards.maxDeleteShare().orElseThrow()) + " allowed of a side holding at least "
          + guards.minPopulation();
    };
  }

  /** The threshold settings as they are, by their flags and task properties. */
  private static String thresholds(Guards guards) {
    String share = guards.maxDeleteShare().isPresent() ? Guards.percent(guards.maxDeleteShare().getAsDouble()) : "none";
    return ", a larger --max-delete-share (maxDeleteShare, now " + share + ") or --delete-guard-min-population "
        + "(deleteGuardMinPopulation, now " + guards.minPopulation() + ")";
  }

  private List<Decision> withDiffs(List<Decision> ordered) {
    if (!diffs) {
      return ordered;
    }
    TextDiff differ = new TextDiff(masker, options.diffContextLines(), options.maxDiffLines(),
        options.maxDiffBytes(), options.maxDiffChangedLines());
    List<Decision> out = new ArrayList<>(ordered.size());
    for (Decision d : ordered) {
      Change c = d.change();
      if (!c.action().isWrite()) {
        out.add(d.sinceBase().map(since -> d.withChange(c.withDiff(Optional.of(
            differ.diff(since.baseLabel(), since.base(), since.label(), since.now()))))).orElse(d));
        continue;
      }
      String beforeLabel = c.side().displayName() + ": " + d.targetOrigin().orElse(c.key().address());
      String afterLabel = c.sourceSide().displayName() + ": " + d.sourceOrigin().orElse(c.sourceKey().address());
      Diff diff = differ.diff(beforeLabel, c.action() == Action.CREATE ? Optional.empty() : d.current(),
          afterLabel, d.payload());
      out.add(d.withChange(c.withDiff(Optional.of(diff))));
    }
    return out;
  }

  private static String origins(List<SnapshotEntry> entries) {
    List<String> out = new ArrayList<>();
    for (SnapshotEntry e : entries) {
      out.add(e.origin().orElse("(no location)"));
    }
    out.sort(Comparator.naturalOrder());
    return String.join(", ", out);
  }

  /** {@code 12,582,912 bytes (12.0 MiB)}. */
  private static String bytes(long n) {
    String exact = String.format(Locale.ROOT, "%,d bytes", n);
    if (n < 1024) {
      return exact;
    }
    return n < 1024 * 1024 ? exact + String.format(Locale.ROOT, " (%.1f KiB)", n / 1024.0)
        : exact + String.format(Locale.ROOT, " (%.1f MiB)", n / (1024.0 * 1024));
  }

  private static String list(List<ResourceKey> keys) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(10, keys.size()); i++) {
      shown.add(keys.get(i).address());
    }
    return String.join(", ", shown) + (keys.size() > 10 ? " and " + (keys.size() - 10) + " more" : "");
  }
}
