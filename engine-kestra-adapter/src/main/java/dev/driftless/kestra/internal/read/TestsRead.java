package dev.driftless.kestra.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.wire.Listings;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads test suites (Enterprise, from 0.23), keyed by the namespace and id Kestra stores them under.
 * The search lists them per namespace; when it does not carry their sources, each is read on its
 * own (Kestra has no export of test suites).
 */
final class TestsRead {

  private TestsRead() {}

  static void read(ReadContext ctx, Scope scope, StateBuilder out) {
    Map<ResourceKey, Listings.TestItem> found = new LinkedHashMap<>();
    for (Optional<String> root : FlowsRead.roots(scope)) {
      ApiCall search = ApiCall.of(Operation.SEARCH_TESTS, ApiCall.path("tests", "search"));
      if (root.isPresent()) {
        search = search.query("namespace", root.get())
            .query("includeChildNamespaces", String.valueOf(scope.includeChildNamespaces() || isParentOfOthers(root.get(), scope)));
      }
      Optional<List<Listings.TestItem>> items = Pager.all(ctx, search, Listings::tests);
      if (items.isEmpty()) {
        out.dropKind(ResourceKind.TEST, ctx.server().describeShort() + " has no test suite API (GET "
            + ctx.where(search.path()) + " is not there)");
        return;
      }
      for (Listings.TestItem item : items.get()) {
        if (ResourceKey.problem(ResourceKind.TEST, item.namespace(), item.id()).isPresent()) {
          // The listing is the only way to know a test suite is there: one that cannot be named may be any
          // of them, so none may be taken for absent.
          String why = "Kestra lists a test suite '" + item.id() + "' in namespace '" + item.namespace()
              + "' whose id or namespace is not valid";
          if (ResourceKey.namespaceProblem(item.namespace()).isEmpty() && scope.covers(ResourceKind.TEST, item.namespace())) {
            out.diagnostic(Diagnostic.warning(why + ": it is left alone, and no test suite of namespace "
                + item.namespace() + " is deleted while it is there"));
            out.unreadable(new SnapshotEntry.Unreadable(ResourceKind.TEST, item.namespace(), Optional.empty(),
                SnapshotEntry.Failure.UNREADABLE, why, Optional.of(ctx.where(search.path())), OptionalInt.empty()),
                Optional.empty());
            continue;
          }
          out.dropKind(ResourceKind.TEST, why + ", so any test suite may be the one it names");
          return;
        }
        ResourceKey key = ResourceKey.test(item.namespace(), item.id());
        if (scope.covers(ResourceKind.TEST, item.namespace())) {
          found.putIfAbsent(key, item);
        }
      }
    }
    for (Map.Entry<ResourceKey, Listings.TestItem> e : found.entrySet()) {
      ResourceKey key = e.getKey();
      String path = ApiCall.path("tests", key.namespace(), key.name());
      String source = e.getValue().source()
          .or(() -> Listings.test(ctx.client().sendOk(ApiCall.of(Operation.TEST, path)).body()).source())
          .orElse("");
      YamlEntries.add(out, key, source, ctx.where(path));
    }
  }

  /** Whether other namespaces of the scope lie below this one (then its children are needed too). */
  private static boolean isParentOfOthers(String root, Scope scope) {
    return scope.namespaces().stream().anyMatch(ns -> !ns.equals(root) && ns.startsWith(root + "."));
  }
}
