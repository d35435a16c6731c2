package dev.driftless.kestra.internal.read;

import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.wire.Listings;
import dev.driftless.kestra.internal.wire.Written;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.SnapshotEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads apps (Enterprise): the search lists them with the uid the server made, one export ZIP holds
 * their sources. An app is keyed by the namespace and id in its YAML; the writer keeps the uid.
 *
 * <p>The search is tenant-wide, because an app whose YAML does not parse has no namespace the
 * server could filter on. Such an app, when even its top-level lines do not name a namespace, makes
 * the read an error: it could be in any namespace, so nothing about apps can be planned safely.
 */
final class AppsRead {

  private AppsRead() {}

  static void read(ReadContext ctx, Scope scope, StateBuilder out) {
    ApiCall search = ApiCall.of(Operation.SEARCH_APPS, ApiCall.path("apps", "search"));
    Optional<List<Listings.AppItem>> items = Pager.all(ctx, search, Listings::apps);
    if (items.isEmpty()) {
      out.dropKind(ResourceKind.APP, ctx.server().describeShort() + " has no app API (GET "
          + ctx.where(search.path()) + " is not there)");
      return;
    }
    Map<String, Listings.AppItem> candidates = new LinkedHashMap<>();
    for (Listings.AppItem item : items.get()) {
      boolean known = ResourceKey.namespaceProblem(item.namespace()).isEmpty();
      if (!item.uid().isEmpty() && (!known || scope.covers(ResourceKind.APP, item.namespace()))) {
        candidates.put(item.uid(), item);
      }
    }
    if (candidates.isEmpty()) {
      return;
    }
    Map<String, String> sources = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Listings.AppItem item : candidates.values()) {
      if (item.source().isPresent()) {
        sources.put(item.uid(), item.source().get());
      } else {
        missing.add(item.uid());
      }
    }
    if (!missing.isEmpty()) {
      ApiCall export = ApiCall.of(Operation.EXPORT_APPS, ApiCall.path("apps", "export"), ApiCall.json(Written.uids(missing))).asIdempotent();
      for (ZipEntries.Entry entry : ctx.client().download(export,
          in -> out.export(ctx, in, "Kestra's app export"))) {
        String stem = entry.name().substring(entry.name().lastIndexOf('/') + 1).replaceFirst("\\.(ya?ml)$", "");
        String text = entry.content().map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        Optional<String> uid = candidates.containsKey(stem) ? Optional.of(stem) : byIdentity(text, candidates);
        uid.ifPresent(u -> sources.put(u, text));
      }
    }
    for (Listings.AppItem item : candidates.values()) {
      String origin = ctx.where(ApiCall.path("apps", item.uid()));
      Optional<String> source = Optional.ofNullable(sources.get(item.uid()));
      Optional<String> namespace = source.flatMap(AppsRead::declaredNamespace)
          .or(() -> Optional.of(item.namespace()).filter(ns -> ResourceKey.namespaceProblem(ns).isEmpty()));
      Optional<String> id = source.flatMap(AppsRead::declaredId)
          .or(() -> Optional.of(item.id()).filter(i -> ResourceKey.problem(ResourceKind.APP, "x", i).isEmpty()));
      if (namespace.isEmpty()) {
        out.diagnostic(Diagnostic.error("app " + item.uid() + " in Kestra cannot be read and does not say which"
            + " namespace it belongs to, so no app can be planned safely: fix or delete it in Kestra").inFile(origin));
        continue;
      }
      if (!scope.covers(ResourceKind.APP, namespace.get())) {
        continue;
      }
      if (id.isEmpty() || source.isEmpty()) {
        String why = source.isEmpty() ? "Kestra lists this app, but its export held no source for it"
            : "its source does not name a valid app id";
        out.unreadable(new SnapshotEntry.Unreadable(ResourceKind.APP, namespace.get(), id,
            source.isEmpty() ? SnapshotEntry.Failure.UNREADABLE : SnapshotEntry.Failure.INVALID_SYNTAX, why,
            Optional.of(origin), OptionalInt.empty()), source.map(s -> s.getBytes(StandardCharsets.UTF_8)));
        continue;
      }
      ResourceKey key = ResourceKey.app(namespace.get(), id.get());
      out.appUid(key, item.uid());
      YamlEntries.add(out, key, source.get(), origin);
    }
  }

  private static Optional<String> byIdentity(String text, Map<String, Listings.AppItem> candidates) {
    Optional<String> ns = declaredNamespace(text);
    Optional<String> id = declaredId(text);
    if (ns.isEmpty() || id.isEmpty()) {
      return Optional.empty();
    }
    return candidates.values().stream().filter(a -> a.namespace().equals(ns.get()) && a.id().equals(id.get()))
        .map(Listings.AppItem::uid).findFirst();
  }

  private static Optional<String> declaredNamespace(String text) {
    return YamlDocument.parse(Content.ofText(text)).document().flatMap(YamlDocument::namespace)
        .filter(ns -> ResourceKey.namespaceProblem(ns).isEmpty())
        .or(() -> LenientIdentity.namespace(text));
  }

  private static Optional<String> declaredId(String text) {
    return YamlDocument.parse(Content.ofText(text)).document().flatMap(YamlDocument::id)
        .filter(id -> ResourceKey.problem(ResourceKind.APP, "x", id).isEmpty())
        .or(() -> LenientIdentity.id(text));
  }
}
