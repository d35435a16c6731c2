package dev.driftless.kestra.internal.read;

import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.wire.Listings;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads dashboards, keyed by id and never by title. From 2.0 the id is the one in the YAML, and the
 * server's. Before 2.0 the server makes the id; a dashboard whose YAML declares an {@code id} is
 * keyed by that declared id (it is what names its Git file), one without by the server's id. The
 * writer keeps the link from key to server id.
 */
final class DashboardsRead {

  private DashboardsRead() {}

  static void read(ReadContext ctx, StateBuilder out) {
    ApiCall list = ApiCall.of(Operation.SEARCH_DASHBOARDS, ApiCall.path("dashboards"));
    Optional<List<Listings.DashboardItem>> items = Pager.all(ctx, list, Listings::dashboards);
    if (items.isEmpty()) {
      out.dropKind(ResourceKind.DASHBOARD, ctx.server().describeShort() + " has no dashboard API (GET "
          + ctx.where(list.path()) + " is not there)");
      return;
    }
    for (Listings.DashboardItem item : items.get()) {
      String source = item.source().orElseGet(() -> Listings.dashboard(
          ctx.client().sendOk(ApiCall.of(Operation.DASHBOARD, ApiCall.path("dashboards", item.id()))).body()).source().orElse(""));
      String origin = ctx.where(ApiCall.path("dashboards", item.id()));
      Optional<String> name = keyName(ctx, item.id(), source);
      if (name.isEmpty()) {
        String why = "dashboard '" + item.id() + "' has no id that can name it (use letters, digits, '.', '_', '-')";
        out.diagnostic(Diagnostic.warning(why).inFile(origin));
        out.unreadable(new SnapshotEntry.Unreadable(ResourceKind.DASHBOARD, "", Optional.empty(),
            SnapshotEntry.Failure.INVALID_SYNTAX, why, Optional.of(origin), OptionalInt.empty()), Optional.empty());
        continue;
      }
      ResourceKey key = ResourceKey.dashboard(name.get());
      out.dashboardId(key, item.id());
      YamlEntries.add(out, key, source, origin);
    }
  }

  /** The key's name: the declared id before 2.0 when there is a valid one, else the server's id. */
  private static Optional<String> keyName(ReadContext ctx, String serverId, String source) {
    if (ctx.server().assignsDashboardIds()) {
      Optional<String> declared = YamlDocument.parse(Content.ofText(source)).document()
          .flatMap(YamlDocument::id)
          .or(() -> LenientIdentity.id(source))
          .filter(id -> ResourceKey.problem(ResourceKind.DASHBOARD, "", id).isEmpty());
      if (declared.isPresent()) {
        return declared;
      }
    }
    return Optional.of(serverId).filter(id -> ResourceKey.problem(ResourceKind.DASHBOARD, "", id).isEmpty());
  }
}
