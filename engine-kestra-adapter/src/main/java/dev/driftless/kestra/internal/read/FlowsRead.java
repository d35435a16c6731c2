package dev.driftless.kestra.internal.read;

import dev.driftless.core.yaml.DeclaredIdentity;
import dev.driftless.core.yaml.ParsedYaml;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.core.yaml.YamlProblem;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.wire.Listings;
import dev.driftless.port.DriftlessException;
import dev.driftless.resource.Content;
import dev.driftless.resource.Namespaces;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads flows: per exported namespace, the search lists which flows exist (with their revision and
 * whether they are drafts) and one export-by-query ZIP holds their sources. Each source is keyed by
 * the {@code id} and {@code namespace} in its YAML, never by its entry name (names vary by version).
 *
 * <p>The listing is the authority on what exists, the export on what it holds: a listed flow whose
 * source cannot be matched is unreadable, never absent. A source that does not parse is unreadable
 * with its line, keyed by its top-level {@code id:}/{@code namespace:} lines, or by matching its
 * entry name against the listed flows nothing else claimed.
 */
final class FlowsRead {

  private final ReadContext ctx;
  private final Fetches fetches;
  private final Scope scope;
  private final StateBuilder out;
  private final Set<String> namespacesSeen = new TreeSet<>();

  private FlowsRead(ReadContext ctx, Fetches fetches, Scope scope, StateBuilder out) {
    this.ctx = ctx;
    this.fetches = fetches;
    this.scope = scope;
    this.out = out;
  }

  /** Reads the scope's flows into {@code out}; returns the namespaces holding flows, for discovery. */
  static Set<String> read(ReadContext ctx, Fetches fetches, Scope scope, StateBuilder out) {
    FlowsRead run = new FlowsRead(ctx, fetches, scope, out);
    for (Optional<String> root : roots(scope)) {
      run.readRoot(root);
    }
    return run.namespacesSeen;
  }

  /**
   * The namespaces to export, each with its children: the whole tenant, or the scope's namespaces
   * without those inside another one of them.
   */
  static List<Optional<String>> roots(Scope scope) {
    if (scope.tenantWide()) {
      return List.of(Optional.empty());
    }
    List<Optional<String>> roots = new ArrayList<>();
    for (String ns : new TreeSet<>(scope.namespaces())) {
      boolean covered = roots.stream().anyMatch(r -> Namespaces.isSameOrChild(ns, r.orElseThrow()));
      if (!covered) {
        roots.add(Optional.of(ns));
      }
    }
    return roots;
  }

  private ApiCall filtered(ApiCall call, Optional<String> root) {
    if (root.isEmpty()) {
      return call;
    }
    return ctx.server().tenantPaths()
        ? call.query("filters[namespace][PREFIX]", root.get())
        : call.query("namespace", root.get());
  }

  private void readRoot(Optional<String> root) {
    // The export is fetched while the search pages are read; the search's failure comes first.
    ApiCall export = filtered(ApiCall.of(Operation.EXPORT_FLOWS_BY_QUERY, ApiCall.path("flows", "export", "by-query")), root);
    String what = "Kestra's flow export of " + root.map(ns -> "namespace " + ns).orElse("the tenant");
    Fetches.Fetch<List<ZipEntries.Entry>> exporting = fetches.submit(
        () -> ctx.client().download(export, in -> out.export(ctx, in, what)));
    ApiCall search = filtered(ApiCall.of(Operation.SEARCH_FLOWS, ApiCall.path("flows", "search")).query("sort", "id:asc"), root);
    List<Listings.FlowItem> items;
    try {
      items = Pager.all(ctx, fetches, search, Listings::flows)
          .orElseThrow(() -> new DriftlessException(ctx.server().describe() + " has no flow search (GET "
              + ctx.where(search.path()) + " is not there): is this a Kestra API?"));
    } catch (RuntimeException | Error e) {
      exporting.cancel();
      throw e;
    }
    Map<ResourceKey, Listings.FlowItem> listed = new LinkedHashMap<>();
    for (Listings.FlowItem item : items) {
      if (ResourceKey.problem(ResourceKind.FLOW, item.namespace(), item.id()).isPresent()) {
        out.diagnostic(Diagnostic.warning("Kestra lists a flow '" + item.id() + "' in namespace '" + item.namespace()
            + "' whose id or namespace is not valid; it is ignored"));
        continue;
      }
      listed.put(ResourceKey.flow(item.namespace(), item.id()), item);
    }
    Set<ResourceKey> excludedDrafts = new HashSet<>();
    for (Map.Entry<ResourceKey, Listings.FlowItem> e : listed.entrySet()) {
      if (e.getValue().draft()) {
        out.draft(e.getKey());
        if (!ctx.settings().includeDrafts()) {
          excludedDrafts.add(e.getKey());
        }
      }
    }

    List<ZipEntries.Entry> exported = exporting.await();
    List<Declared> declared = declare(exported);

    Set<ResourceKey> claimed = new HashSet<>();
    List<Unkeyed> unkeyed = new ArrayList<>();
    for (int i = 0; i < exported.size(); i++) {
      ZipEntries.Entry entry = exported.get(i);
      Optional<Identified> identified = identify(entry, declared.get(i), listed, claimed);
      if (identified.isEmpty()) {
        unkeyed.add(new Unkeyed(entry, problemOf(entry)));
        continue;
      }
      ResourceKey key = identified.get().key();
      claimed.add(key);
      if (excludedDrafts.contains(key)) {
        continue;
      }
      accept(key, entry, identified.get().problem(), listed.get(key));
    }

    List<ResourceKey> unmatched = new ArrayList<>();
    for (ResourceKey key : listed.keySet()) {
      if (!claimed.contains(key) && !excludedDrafts.contains(key)) {
        unmatched.add(key);
      }
    }
    if (unkeyed.size() == 1 && unmatched.size() == 1) {
      Unkeyed only = unkeyed.get(0);
      accept(unmatched.get(0), only.entry(), Optional.of(only.problem()), listed.get(unmatched.get(0)));
      return;
    }
    for (ResourceKey key : unmatched) {
      if (scope.covers(ResourceKind.FLOW, key.namespace())) {
        namespacesSeen.add(key.namespace());
        out.unreadable(new SnapshotEntry.Unreadable(ResourceKind.FLOW, key.namespace(), Optional.of(key.name()),
            SnapshotEntry.Failure.UNREADABLE, "Kestra lists this flow, but no source in its export could be matched to it",
            Optional.of(origin(key)), OptionalInt.empty()), Optional.empty());
      }
    }
    for (Unkeyed u : unkeyed) {
      Diagnostic d = Diagnostic.warning("a flow source in Kestra's export (entry '" + u.entry().name()
          + "') could not be read or matched to a flow: " + u.problem().describe()
          + "; every flow Kestra lists without a source is treated as unreadable");
      out.diagnostic(u.problem().line().isPresent() ? d.atLine(u.problem().line().getAsInt()) : d);
    }
  }

  /** A flow's key and, when its source is not a valid flow, why. */
  private record Identified(ResourceKey key, Optional<YamlProblem> problem) {}

  private record Unkeyed(ZipEntries.Entry entry, YamlProblem problem) {}

  /**
   * What a source declares itself to be, parsed strictly: its key, or why it is not a valid flow.
   * Only this is kept of the parse, not the document.
   */
  private record Declared(Optional<ResourceKey> key, Optional<YamlProblem> problem) {
    static final Declared NOTHING = new Declared(Optional.empty(), Optional.empty());
  }

  /** Entries parsed per chunk at the same time, as many chunks as the read's concurrency allows. */
  private static final int CHUNK = 256;

  /**
   * Parses every source, side by side in chunks (each parse stands alone); the results are in the
   * entries' order, so what follows is the same as parsing them one after another.
   */
  private List<Declared> declare(List<ZipEntries.Entry> entries) {
    List<Fetches.Fetch<List<Declared>>> chunks = new ArrayList<>();
    for (int from = 0; from < entries.size(); from += CHUNK) {
      List<ZipEntries.Entry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
      chunks.add(fetches.submit(() -> chunk.stream().map(FlowsRead::declared).toList()));
    }
    List<Declared> out = new ArrayList<>(entries.size());
    try {
      for (Fetches.Fetch<List<Declared>> chunk : chunks) {
        out.addAll(chunk.await());
      }
    } finally {
      chunks.forEach(Fetches.Fetch::cancel);
    }
    return out;
  }

  private static Declared declared(ZipEntries.Entry entry) {
    if (entry.content().isEmpty()) {
      return Declared.NOTHING;
    }
    Content content = Content.of(entry.content().get());
    // Most sources are plain block-style YAML whose identity one quick pass can vouch for, as the
    // strict parse would; the others are parsed, which also says what is wrong with them.
    Optional<DeclaredIdentity> quickly = YamlDocument.declaredQuickly(content, ResourceKind.FLOW);
    if (quickly.isPresent()) {
      return new Declared(Optional.of(ResourceKey.flow(quickly.get().namespace().orElseThrow(),
          quickly.get().id().orElseThrow())), Optional.empty());
    }
    ParsedYaml parsed = YamlDocument.parse(content);
    Optional<YamlDocument> doc = parsed.document();
    if (doc.isPresent() && doc.get().identityProblem(ResourceKind.FLOW).isEmpty()) {
      return new Declared(Optional.of(ResourceKey.flow(doc.get().namespace().orElseThrow(), doc.get().id().orElseThrow())),
          Optional.empty());
    }
    return new Declared(Optional.empty(), Optional.of(parsed.problem()
        .or(() -> doc.flatMap(d -> d.identityProblem(ResourceKind.FLOW))).orElseThrow()));
  }

  private Optional<Identified> identify(ZipEntries.Entry entry, Declared parse, Map<ResourceKey, Listings.FlowItem> listed,
      Set<ResourceKey> claimed) {
    if (entry.content().isPresent()) {
      Content content = Content.of(entry.content().get());
      if (parse.key().isPresent()) {
        ResourceKey declared = parse.key().get();
        if (listed.isEmpty() || listed.containsKey(declared)) {
          return Optional.of(new Identified(declared, Optional.empty()));
        }
        // Not listed under the key it declares: stored under another key (or created since the listing).
        Optional<ResourceKey> stored = byName(entry.name(), listed, claimed);
        if (stored.isPresent() && !stored.get().equals(declared)) {
          return Optional.of(new Identified(stored.get(), Optional.of(YamlProblem.of("declares flow "
              + declared.namespace() + "/" + declared.name() + " but Kestra stores it as " + stored.get().namespace()
              + "/" + stored.get().name()))));
        }
        return Optional.of(new Identified(declared, Optional.empty()));
      }
      YamlProblem problem = parse.problem().orElseThrow();
      Optional<String> text = content.text();
      if (text.isPresent()) {
        Optional<String> id = LenientIdentity.id(text.get());
        Optional<String> ns = LenientIdentity.namespace(text.get());
        if (id.isPresent() && ns.isPresent()) {
          return Optional.of(new Identified(ResourceKey.flow(ns.get(), id.get()), Optional.of(problem)));
        }
      }
      return byName(entry.name(), listed, claimed).map(k -> new Identified(k, Optional.of(problem)));
    }
    return byName(entry.name(), listed, claimed).map(k -> new Identified(k, Optional.of(problemOf(entry))));
  }

  /**
   * The one listed, unclaimed flow the entry's name stands for ({@code ns.id.yml}, {@code ns-id.yml},
   * {@code id.yml}): used only for sources whose own text cannot name them.
   */
  private static Optional<ResourceKey> byName(String name, Map<ResourceKey, Listings.FlowItem> listed,
      Set<ResourceKey> claimed) {
    String stem = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\.(ya?ml)$", "");
    ResourceKey match = null;
    for (ResourceKey key : listed.keySet()) {
      if (claimed.contains(key)) {
        continue;
      }
      if (stem.equals(key.namespace() + "." + key.name()) || stem.equals(key.namespace() + "-" + key.name())
          || stem.equals(key.name())) {
        if (match != null) {
          return Optional.empty();
        }
        match = key;
      }
    }
    return Optional.ofNullable(match);
  }

  private YamlProblem problemOf(ZipEntries.Entry entry) {
    if (entry.tooLarge()) {
      return YamlProblem.of("is larger than the size limit of " + ctx.settings().namespaceFileSizeLimit()
          + " bytes (namespaceFileSizeLimit, --max-file-size)");
    }
    ParsedYaml parsed = YamlDocument.parse(Content.of(entry.content().orElseThrow()));
    return parsed.problem().or(() -> parsed.document().flatMap(d -> d.identityProblem(ResourceKind.FLOW)))
        .orElse(YamlProblem.of("cannot be matched to a flow"));
  }

  private void accept(ResourceKey key, ZipEntries.Entry entry, Optional<YamlProblem> problem,
      Listings.FlowItem item) {
    if (!scope.covers(ResourceKind.FLOW, key.namespace())) {
      return;
    }
    namespacesSeen.add(key.namespace());
    if (problem.isEmpty()) {
      Resource resource = new Resource(key, Content.of(entry.content().orElseThrow()),
          Optional.ofNullable(item).flatMap(Listings.FlowItem::revision).map(String::valueOf),
          Optional.of(origin(key)));
      out.present(resource);
      return;
    }
    YamlProblem p = problem.get();
    SnapshotEntry.Failure kind = entry.tooLarge() ? SnapshotEntry.Failure.UNREADABLE
        : SnapshotEntry.Failure.INVALID_SYNTAX;
    SnapshotEntry.Unreadable unreadable = new SnapshotEntry.Unreadable(ResourceKind.FLOW, key.namespace(),
        Optional.of(key.name()), kind, p.message(), Optional.of(origin(key)), p.line());
    out.unreadable(unreadable, entry.content());
  }

  private String origin(ResourceKey key) {
    return ctx.where(ApiCall.path("flows", key.namespace(), key.name()));
  }
}
