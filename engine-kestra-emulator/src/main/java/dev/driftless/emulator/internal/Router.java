package dev.driftless.emulator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Route table for the paths under the API base (after {@code /api/v1} and the tenant), choosing a
 * route the way Kestra's web framework (Micronaut) does, because real clients depend on it:
 *
 * <ol>
 *   <li>routes whose template matches the path and whose method is the request's;
 *   <li>of those, the ones that consume the request's {@code Content-Type} (a request without one
 *       passes) and produce a type its {@code Accept} allows (no header, or {@code *}{@code /*},
 *       allows any);
 *   <li>when several remain, the first type of the {@code Accept} header (by quality, then order)
 *       narrows them to the routes that produce exactly that type; unless that type is
 *       {@code *}{@code /*}, a route that does not is dropped even when none is left;
 *   <li>of the rest, the route with a literal segment where another has a variable wins.
 * </ol>
 *
 * So {@code GET /flows/export/by-query} with {@code Accept: application/json, *}{@code /*} is taken
 * by {@code GET /flows/{namespace}/{id}} (which produces JSON) and answers that no flow
 * {@code export/by-query} exists, exactly as Kestra does; the ZIP comes only to a client that
 * accepts {@code application/octet-stream} first (or anything, or sends no {@code Accept}).
 *
 * <p>A path that matches only routes of other methods is a 405, one whose routes do not consume
 * the body's type a 415, one whose routes do not produce an accepted type a 406, one that matches
 * nothing a 404. Routes the emulated server lacks (its edition or version) are not registered, so
 * they answer like absent routes.
 */
public final class Router {

  public static final String JSON = "application/json";
  public static final String YAML = "application/x-yaml";
  public static final String OCTET_STREAM = "application/octet-stream";
  public static final String MULTIPART = "multipart/form-data";
  public static final String ANY = "*/*";

  /** Handles one call; throws {@link ApiException} for error answers. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call);
  }

  /**
   * A registered route.
   *
   * @param produces the media types it answers with (Kestra's default is JSON)
   * @param consumes the media types of the bodies it takes ({@code *}{@code /*}: any)
   */
  public record Route(String method, String template, List<String> segments, List<String> produces,
      List<String> consumes, Handler handler) {

    public Route {
      produces = List.copyOf(produces);
      consumes = List.copyOf(consumes);
    }

    boolean consumes(Optional<String> contentType) {
      return contentType.isEmpty() || consumes.contains(ANY) || consumes.contains(contentType.get());
    }

    boolean producesAnyOf(List<String> accepted) {
      return accepted.isEmpty() || accepted.stream().anyMatch(a -> a.equals(ANY) || produces.contains(a)
          || (a.endsWith("/*") && produces.stream().anyMatch(p -> p.startsWith(a.substring(0, a.length() - 1)))));
    }

    Route producing(List<String> types) {
      return new Route(method, template, segments, types, consumes, handler);
    }

    Route consuming(List<String> types) {
      return new Route(method, template, segments, produces, types, handler);
    }
  }

  /**
   * The outcome of matching a request: the route and its bound variables when one matched;
   * otherwise why none did, as the status Kestra answers with and a message.
   */
  public record Resolution(Optional<Route> route, Map<String, String> params, Optional<Refusal> refusal) {

    static Resolution none() {
      return new Resolution(Optional.empty(), Map.of(), Optional.empty());
    }

    static Resolution refused(Refusal refusal) {
      return new Resolution(Optional.empty(), Map.of(), Optional.of(refusal));
    }
  }

  /** Why routes exist for a path but none was taken: 405, 415 or 406, with the allowed values. */
  public record Refusal(int status, String allowed) {}

  private final List<Route> routes = new ArrayList<>();
  private int lastAdded = -1;

  /**
   * Registers a route producing and consuming JSON (Kestra's defaults) when {@code available}; an
   * unavailable route is the same as none, and the {@link #produces}/{@link #consumes} that follow
   * it change nothing.
   */
  public Router add(boolean available, String method, String template, Handler handler) {
    if (available) {
      routes.add(new Route(method, template, split(template), List.of(JSON), List.of(JSON), handler));
      lastAdded = routes.size() - 1;
    } else {
      lastAdded = -1;
    }
    return this;
  }

  /** The media types the route just added answers with. */
  public Router produces(String... types) {
    if (lastAdded >= 0) {
      routes.set(lastAdded, routes.get(lastAdded).producing(List.of(types)));
    }
    return this;
  }

  /** The media types the route just added takes as a body. */
  public Router consumes(String... types) {
    if (lastAdded >= 0) {
      routes.set(lastAdded, routes.get(lastAdded).consuming(List.of(types)));
    }
    return this;
  }

  /**
   * Chooses the route for a request.
   *
   * @param contentType the body's media type, lower case without parameters; empty when none was sent
   * @param accepted the {@code Accept} header's media types, best first; empty when none was sent
   */
  public Resolution resolve(String method, List<String> segments, Optional<String> contentType,
      List<String> accepted) {
    List<Match> sameMethod = new ArrayList<>();
    Set<String> otherMethods = new TreeSet<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = bind(route.segments(), segments);
      if (params.isEmpty()) {
        continue;
      }
      if (route.method().equals(method)) {
        sameMethod.add(new Match(route, params.get()));
      } else {
        otherMethods.add(route.method());
      }
    }
    if (sameMethod.isEmpty()) {
      return otherMethods.isEmpty() ? Resolution.none()
          : Resolution.refused(new Refusal(405, String.join(", ", otherMethods)));
    }
    List<Match> consuming = sameMethod.stream().filter(m -> m.route().consumes(contentType)).toList();
    if (consuming.isEmpty()) {
      return Resolution.refused(new Refusal(415, allOf(sameMethod, Route::consumes)));
    }
    List<Match> candidates = consuming.stream().filter(m -> m.route().producesAnyOf(accepted)).toList();
    if (candidates.isEmpty()) {
      return Resolution.refused(new Refusal(406, allOf(consuming, Route::produces)));
    }
    if (candidates.size() > 1 && !accepted.isEmpty()) {
      String first = accepted.get(0);
      List<Match> explicit = candidates.stream().filter(m -> m.route().produces().contains(first)).toList();
      if (!explicit.isEmpty() || !first.equals(ANY)) {
        candidates = explicit;
      }
    }
    return candidates.stream()
        .min(Comparator.comparing(Match::route, Router::bySpecificity))
        .map(m -> new Resolution(Optional.of(m.route()), m.params(), Optional.empty()))
        .orElseGet(Resolution::none);
  }

  private record Match(Route route, Map<String, String> params) {}

  private static String allOf(List<Match> matches, java.util.function.Function<Route, List<String>> types) {
    Set<String> out = new TreeSet<>();
    matches.forEach(m -> out.addAll(types.apply(m.route())));
    return String.join(", ", out);
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

  /**
   * The media types of an {@code Accept} header, best first: by quality ({@code q}), ties in the
   * order given; types with {@code q=0} are left out. Empty for no header.
   */
  public static List<String> acceptedTypes(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return List.of();
    }
    record Weighted(String type, double q, int order) {}
    List<Weighted> out = new ArrayList<>();
    String[] parts = header.get().split(",");
    for (int i = 0; i < parts.length; i++) {
      String[] params = parts[i].split(";");
      String type = params[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (type.isEmpty()) {
        continue;
      }
      double q = 1.0;
      for (int p = 1; p < params.length; p++) {
        String param = params[p].trim();
        if (param.startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 1.0;
          }
        }
      }
      if (q > 0) {
        out.add(new Weighted(type.equals("*") ? ANY : type, q, i));
      }
    }
    out.sort(Comparator.comparingDouble(Weighted::q).reversed().thenComparingInt(Weighted::order));
    return out.stream().map(Weighted::type).toList();
  }
}
