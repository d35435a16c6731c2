package dev.driftless.kestra.internal.read;

import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.port.DriftlessException;
import dev.driftless.kestra.internal.client.ApiResponse;
import dev.driftless.kestra.internal.wire.Listings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
    return all(ctx, null, call, decode);
  }

  /**
   * {@link #all(ReadContext, ApiCall, Function)}, with the pages the first one's total announces
   * fetched side by side on the read's {@code fetches}: they are taken in order and held to the same
   * checks, so the items and the failures are those of reading them one after another; pages asked
   * for past a short one are dropped.
   */
  static <T> Optional<List<T>> all(ReadContext ctx, Fetches fetches, ApiCall call,
      Function<byte[], Listings.Page<T>> decode) {
    Listing<T> listing = new Listing<>(ctx, call, decode);
    Optional<Listings.Page<T>> first = listing.first();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    if (listing.take(1, first.get())) {
      return Optional.of(listing.items);
    }
    int page = 2;
    if (fetches != null && listing.total.isPresent()) {
      // The total was checked against maxExportEntries; at most readConcurrency pages are asked for ahead.
      int size = ctx.settings().pageSize();
      long announced = (listing.total.getAsLong() + size - 1) / size;
      Deque<Fetches.Fetch<Listings.Page<T>>> ahead = new ArrayDeque<>();
      long next = 2;
      try {
        while (page <= announced) {
          for (; next <= announced && ahead.size() < ctx.settings().readConcurrency(); next++) {
            int number = (int) next;
            ahead.add(fetches.submit(() -> listing.fetch(number)));
          }
          if (listing.take(page, ahead.remove().await())) {
            return Optional.of(listing.items);
          }
          page++;
        }
      } finally {
        ahead.forEach(Fetches.Fetch::cancel);
      }
    }
    for (; ; page++) {
      if (listing.take(page, listing.fetch(page))) {
        return Optional.of(listing.items);
      }
    }
  }

  /** One listing's pages as they are taken, in order, and the checks on them. */
  private static final class Listing<T> {
    private final ReadContext ctx;
    private final ApiCall call;
    private final Function<byte[], Listings.Page<T>> decode;
    private final int size;
    private final List<T> items = new ArrayList<>();
    private OptionalLong total = OptionalLong.empty();

    Listing(ReadContext ctx, ApiCall call, Function<byte[], Listings.Page<T>> decode) {
      this.ctx = ctx;
      this.call = call;
      this.decode = decode;
      this.size = ctx.settings().pageSize();
    }

    /** The first page, decoded; empty when the route is not there. */
    Optional<Listings.Page<T>> first() {
      return send(1).map(decode);
    }

    /** A page, decoded; past the first, "not there" is a failure like any other status. */
    Listings.Page<T> fetch(int page) {
      return decode.apply(send(page).orElseThrow());
    }

    private Optional<byte[]> send(int page) {
      ApiCall paged = call.query("page", page).query("size", size);
      ApiResponse response = ctx.client().send(paged);
      if (!response.isSuccess()) {
        if (page == 1 && (response.status() == 404 || response.status() == 405)) {
          return Optional.empty();
        }
        throw ctx.client().failure(paged, response);
      }
      return Optional.of(response.body());
    }

    /** Adds the page's items after checking them; whether the listing is complete. */
    boolean take(int page, Listings.Page<T> result) {
      items.addAll(result.results());
      int most = ctx.settings().maxExportEntries();
      if (result.total().orElse(0) > most || items.size() > most) {
        throw new DriftlessException(ctx.server().describeShort() + " lists more than " + most + " items at "
            + ctx.where(call.path()) + ", the limit (maxExportEntries); nothing is planned from it");
      }
      if (page == 1) {
        total = result.total();
      } else if (!total.equals(result.total())) {
        throw inconsistent(ctx, call, "its total changed from " + describe(total) + " to " + describe(result.total())
            + " between pages (it changed while it was read)");
      }
      if (total.isPresent() && items.size() > total.getAsLong()) {
        throw inconsistent(ctx, call, "it gave more items (" + items.size() + ") than the total it gave ("
            + total.getAsLong() + ")");
      }
      if (!result.paged() || result.results().size() < size) {
        if (total.isPresent() && items.size() != total.getAsLong()) {
          throw inconsistent(ctx, call, "it gave " + items.size() + " items, not the total of " + total.getAsLong()
              + " it gave");
        }
        return true;
      }
      return false;
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
