package dev.driftless.kestra.internal.read;

import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.port.DriftlessException;
import dev.driftless.kestra.internal.client.ApiResponse;
import dev.driftless.kestra.internal.wire.Listings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Reads every page of a listing, pages counted from 1, as many items per page as the settings say. */
final class Pager {

  private Pager() {}

  /**
   * All items of a listing; empty when the route is not there (404 or 405 on a collection can only
   * mean that this edition or version lacks it). Pages are read until one comes back short, even
   * past the total the server gave, and the items read must then add up to that total, which must
   * not change from page to page: a total that undercounts or overcounts its items, or a listing
   * that changed while it was read, fails the read rather than hide an item. A listing of more items
   * than {@code maxExportEntries} is refused, so that a server that pages forever cannot hold the
   * read.
   */
  static <T> Optional<List<T>> all(ReadContext ctx, ApiCall call, Function<byte[], Listings.Page<T>> decode) {
    List<T> out = new ArrayList<>();
    int size = ctx.settings().pageSize();
    OptionalLong total = OptionalLong.empty();
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
      if (result.total().orElse(0) > most || out.size() > most) {
        throw new DriftlessException(ctx.server().describeShort() + " lists more than " + most + " items at "
            + ctx.where(call.path()) + ", the limit (maxExportEntries); nothing is planned from it");
      }
      if (page == 1) {
        total = result.total();
      } else if (!total.equals(result.total())) {
        throw inconsistent(ctx, call, "its total changed from " + describe(total) + " to " + describe(result.total())
            + " between pages (it changed while it was read)");
      }
      if (total.isPresent() && out.size() > total.getAsLong()) {
        throw inconsistent(ctx, call, "it gave more items (" + out.size() + ") than the total it gave ("
            + total.getAsLong() + ")");
      }
      if (!result.paged() || result.results().size() < size) {
        if (total.isPresent() && out.size() != total.getAsLong()) {
          throw inconsistent(ctx, call, "it gave " + out.size() + " items, not the total of " + total.getAsLong()
              + " it gave");
        }
        return Optional.of(out);
      }
    }
  }

  private static DriftlessException inconsistent(ReadContext ctx, ApiCall call, String what) {
    return new DriftlessException(ctx.server().describeShort() + "'s listing at " + ctx.where(call.path())
        + " does not add up: " + what + "; nothing is planned from it. Read again; if it persists, something"
        + " in front of Kestra may be altering its answers");
  }

  private static String describe(OptionalLong total) {
    return total.isPresent() ? String.valueOf(total.getAsLong()) : "none";
  }
}
