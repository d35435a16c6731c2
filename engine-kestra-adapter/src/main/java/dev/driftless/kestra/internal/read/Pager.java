package dev.driftless.kestra.internal.read;

import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.port.DriftlessException;
import dev.driftless.kestra.internal.client.ApiResponse;
import dev.driftless.kestra.internal.wire.Listings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads every page of a listing, pages counted from 1, as many items per page as the settings say. */
final class Pager {

  private Pager() {}

  /**
   * All items of a listing; empty when the route is not there (404 or 405 on a collection can only
   * mean that this edition or version lacks it). Paging stops at the total the server gave, and a
   * listing of more items than {@code maxExportEntries} is refused, so that a server that pages
   * forever cannot hold the read.
   */
  static <T> Optional<List<T>> all(ReadContext ctx, ApiCall call, Function<byte[], Listings.Page<T>> decode) {
    List<T> out = new ArrayList<>();
    int size = ctx.settings().pageSize();
    for (int page = 1; ; page++) {
      ApiCall paged = call.query("page", page).query("size", size);
      ApiResponse response = ctx.client().send(paged);
      if (!response.isSuccess()) {
        if (page == 1 && (response.status() == 404 || response.status() == 405)) {
          return Optional.empty();
        }
        throw ctx.client().failure(paged, response);
      }
      Listings.Page<T> result = decode.apply(response.body());
      out.addAll(result.results());
      int most = ctx.settings().maxExportEntries();
      if (result.total() > most || out.size() > most) {
        throw new DriftlessException(ctx.server().describeShort() + " lists more than " + most + " items at "
            + ctx.where(call.path()) + ", the limit (maxExportEntries); nothing is planned from it");
      }
      if (result.results().isEmpty() || result.results().size() < size || out.size() >= result.total()) {
        return Optional.of(out);
      }
    }
  }
}
