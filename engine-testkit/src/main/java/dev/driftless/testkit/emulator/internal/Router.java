package dev.driftless.testkit.emulator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Route table for the paths under the API base (after {@code /api/v1} and the tenant). Templates are
 * segment lists where {@code {name}} matches one segment. When several routes match, the one with a
 * literal segment where another has a variable wins, as in Micronaut. A path that matches only
 * routes of other methods is a 405, one that matches nothing a 404. Routes the emulated server
 * lacks (its edition or version) are simply not registered, so they answer like absent routes.
 */
public final class Router {

  /** Handles one call; throws {@link ApiException} for error answers. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call);
  }

  /** A registered route. */
  public record Route(String method, String template, List<String> segments, Handler handler) {
  }

  /**
   * The outcome of matching a request: the route and its bound variables when one matched;
   * otherwise the methods the path exists for (empty: the path is unknown).
   */
  public record Resolution(Optional<Route> route, Map<String, String> params, Set<String> otherMethods) {

    static Resolution none() {
      return new Resolution(Optional.empty(), Map.of(), Set.of());
    }
  }

  private final List<Route> routes = new ArrayList<>();

  /** Registers a route when {@code available}; an unavailable route is the same as none. */
  public Router add(boolean available, String method, String template, Handler handler) {
    if (available) {
      routes.add(new Route(method, template, split(template), handler));
    }
    return this;
  }

  public Resolution resolve(String method, List<String> segments) {
    List<Resolution> found = new ArrayList<>();
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = bind(route.segments(), segments);
      if (params.isEmpty()) {
        continue;
      }
      if (route.method().equals(method)) {
        found.add(new Resolution(Optional.of(route), params.get(), Set.of()));
      } else {
        allowed.add(route.method());
      }
    }
    if (!found.isEmpty()) {
      found.sort(Comparator.comparing(r -> r.route().orElseThrow(), Router::bySpecificity));
      return found.get(0);
    }
    return new Resolution(Optional.empty(), Map.of(), Set.copyOf(allowed));
  }

  private static int bySpecificity(Route a, Route b) {
    for (int i = 0; i < a.segments().size(); i++) {
      boolean literalA = !isVariable(a.segments().get(i));
      boolean literalB = !isVariable(b.segments().get(i));
      if (literalA != literalB) {
        return literalA ? -1 : 1;
      }
    }
    return 0;
  }

  private static Optional<Map<String, String>> bind(List<String> template, List<String> segments) {
    if (template.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      if (isVariable(t)) {
        params.put(t.substring(1, t.length() - 1), segments.get(i));
      } else if (!t.equals(segments.get(i))) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  private static boolean isVariable(String segment) {
    return segment.startsWith("{") && segment.endsWith("}");
  }

  /** Splits a path into its non-empty segments (so trailing and doubled slashes do not matter). */
  public static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
