package dev.driftless.kestra.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The items of Kestra's listings ({@code /flows/search}, {@code /dashboards}, {@code /apps/search},
 * {@code /tests/search}, {@code /namespaces/search}), decoded into plain records: one page at a
 * time, with the total the server reports.
 */
public final class Listings {

  private Listings() {}

  /**
   * One page of a listing, with the total number of items the server says the whole listing holds
   * (absent when it gives none), and whether it is paged at all (a bare array is the whole listing).
   */
  public record Page<T>(List<T> results, OptionalLong total, boolean paged) {
    public Page {
      results = List.copyOf(results);
    }
  }

  /** A flow as a search lists it: no source, but its revision and whether it is a draft (2.0). */
  public record FlowItem(String namespace, String id, Optional<Integer> revision, boolean draft) {
    public FlowItem {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(revision, "revision");
    }
  }

  /** A dashboard: the server's id and its YAML ({@code sourceCode}) when the listing carries it. */
  public record DashboardItem(String id, Optional<String> source) {
    public DashboardItem {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
    }
  }

  /** An app: the server's uid, the id and namespace the server read from its YAML, and its source when given. */
  public record AppItem(String uid, String id, String namespace, Optional<String> source) {
    public AppItem {
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(source, "source");
    }
  }

  /** A test suite: keyed by namespace and id, with its source when given. */
  public record TestItem(String namespace, String id, Optional<String> source) {
    public TestItem {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A page of the flow search. Every item must name its flow with text {@code id} and
   * {@code namespace} fields: a listing is what says which flows exist, and one that cannot be read
   * is an error, never fewer flows.
   */
  public static Page<FlowItem> flows(byte[] body) {
    return page(body, "flow search", n -> new FlowItem(
        requiredText(n, "namespace", "flow search"), requiredText(n, "id", "flow search"),
        Json.integer(n, "revision"), Json.bool(n, "draft")));
  }

  private static String requiredText(JsonNode item, String field, String what) {
    JsonNode value = item.get(field);
    if (!item.isObject() || value == null || !value.isTextual()) {
      throw new WireException(what + ": an item has no text '" + field + "' (" + describe(value) + "): the answer is"
          + " not a listing Driftless can trust, so nothing is planned from it");
    }
    return value.textValue();
  }

  private static String describe(JsonNode value) {
    return value == null || value.isMissingNode() ? "missing" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Page<DashboardItem> dashboards(byte[] body) {
    return page(body, "dashboard listing", n -> new DashboardItem(Json.scalar(n, "id").orElse(""),
        Json.text(n, "sourceCode").or(() -> Json.text(n, "source"))));
  }

  public static DashboardItem dashboard(byte[] body) {
    JsonNode n = Json.parse(body, "dashboard");
    return new DashboardItem(Json.scalar(n, "id").orElse(""),
        Json.text(n, "sourceCode").or(() -> Json.text(n, "source")));
  }

  public static Page<AppItem> apps(byte[] body) {
    return page(body, "app search", Listings::app);
  }

  public static AppItem app(byte[] body) {
    return app(Json.parse(body, "app"));
  }

  private static AppItem app(JsonNode n) {
    return new AppItem(Json.scalar(n, "uid").orElse(""), Json.scalar(n, "id").orElse(""),
        Json.scalar(n, "namespace").orElse(""), Json.text(n, "source"));
  }

  public static Page<TestItem> tests(byte[] body) {
    return page(body, "test search", Listings::test);
  }

  public static TestItem test(byte[] body) {
    return test(Json.parse(body, "test suite"));
  }

  private static TestItem test(JsonNode n) {
    return new TestItem(Json.scalar(n, "namespace").orElse(""), Json.scalar(n, "id").orElse(""),
        Json.text(n, "source"));
  }

  public static Page<String> namespaces(byte[] body) {
    return page(body, "namespace search", n -> n.isTextual() ? n.textValue() : Json.scalar(n, "id").orElse(""));
  }

  /** A page: {@code {"results": [...], "total": n}}, or a bare array (older listings). */
  private static <T> Page<T> page(byte[] body, String what, Function<JsonNode, T> item) {
    JsonNode node = Json.parse(body, what);
    JsonNode results = node.isArray() ? node : node.get("results");
    if (results == null || !results.isArray()) {
      throw new WireException(what + ": the answer has no 'results' list");
    }
    List<T> out = new ArrayList<>(results.size());
    results.forEach(n -> out.add(item.apply(n)));
    JsonNode total = node.isArray() ? null : node.get("total");
    if (total != null && !total.isIntegralNumber()) {
      throw new WireException(what + ": 'total' is not a whole number (" + describe(total) + ")");
    }
    if (total != null && total.asLong() < 0) {
      throw new WireException(what + ": 'total' is negative (" + total.asLong() + ")");
    }
    return new Page<>(out, total == null ? OptionalLong.empty() : OptionalLong.of(total.asLong()), !node.isArray());
  }
}
