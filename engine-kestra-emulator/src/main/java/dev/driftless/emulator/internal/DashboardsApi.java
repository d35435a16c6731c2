package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /dashboards}. 0.20: Enterprise only. 0.21 to 1.x: OSS too, and a create whose YAML holds an
 * {@code id} is refused (422 "Dashboard id is not editable") because the server makes the id.
 * 2.0: the id comes from the YAML, and writes are Enterprise only (OSS answers 405, since the
 * read routes exist on the same paths).
 *
 * <p>A dashboard needs a {@code title}; its {@code charts}, when given, are a list of charts, each a
 * mapping with an {@code id} and a {@code type}, and its {@code timeWindow} a mapping, as Kestra's
 * model requires (the SDK's {@code ChartChartOption} requires both). Answers are Kestra's
 * {@code DashboardResponse}: the model's fields from the YAML, the {@code sourceCode} and the dates.
 */
public final class DashboardsApi {

  /** The fields of Kestra's dashboard model an answer carries from the YAML. */
  private static final List<String> MODEL_FIELDS = List.of("title", "description", "timeWindow", "charts");

  private DashboardsApi() {
  }

  public static void register(Router router, EmulatorSettings config) {
    KestraVersion v = config.version();
    boolean reads = config.enterprise() || v.ossDashboards();
    boolean writes = config.enterprise() || (v.ossDashboards() && !v.dashboardIdFromYaml());
    router.add(reads, "GET", "/dashboards", DashboardsApi::list)
        .add(reads, "GET", "/dashboards/{id}", DashboardsApi::get)
        .add(reads, "POST", "/dashboards/validate", DashboardsApi::validate).consumes(Router.YAML)
        .add(writes, "POST", "/dashboards", DashboardsApi::create).consumes(Router.YAML)
        .add(writes, "PUT", "/dashboards/{id}", DashboardsApi::update).consumes(Router.YAML)
        .add(writes, "DELETE", "/dashboards/{id}", DashboardsApi::delete);
  }

  static Reply list(Call c) {
    Call.Page page = c.page();
    String q = c.query("q").orElse("").toLowerCase(Locale.ROOT);
    List<TenantStore.Dashboard> all = c.data().dashboards().values().stream()
        .filter(d -> q.isEmpty() || title(d).toLowerCase(Locale.ROOT).contains(q))
        .toList();
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    page.slice(all).forEach(d -> results.add(render(d, c)));
    out.put("total", all.size());
    return Reply.ok(out);
  }

  static Reply get(Call c) {
    return Reply.ok(render(find(c), c));
  }

  static Reply create(Call c) {
    String source = c.text();
    ObjectNode tree = parse(source);
    String id;
    if (c.version().dashboardIdFromYaml()) {
      id = FlowSources.text(tree, "id");
      if (id.isEmpty()) {
        throw ApiException.violation("id", "must not be null");
      }
      if (c.data().dashboards().containsKey(id)) {
        throw ApiException.alreadyExists(c.version(), "id", "Dashboard id already exists",
            "Dashboard " + id + " already exists");
      }
    } else {
      if (tree.hasNonNull("id")) {
        throw ApiException.illegalArgument("Dashboard id is not editable");
      }
      id = Ids.create();
    }
    Instant now = Instant.now();
    TenantStore.Dashboard saved = new TenantStore.Dashboard(id, source, now, now);
    c.data().dashboards().put(id, saved);
    return Reply.ok(render(saved, c));
  }

  static Reply update(Call c) {
    TenantStore.Dashboard existing = find(c);
    String source = c.text();
    ObjectNode tree = parse(source);
    if (c.version().dashboardIdFromYaml() && tree.hasNonNull("id")
        && !FlowSources.text(tree, "id").equals(existing.id())) {
      throw ApiException.violation("id", "Illegal dashboard id update");
    }
    TenantStore.Dashboard saved = new TenantStore.Dashboard(existing.id(), source, existing.created(), Instant.now());
    c.data().dashboards().put(existing.id(), saved);
    return Reply.ok(render(saved, c));
  }

  static Reply delete(Call c) {
    if (c.data().dashboards().remove(c.param("id")) == null) {
      throw ApiException.notFound("Dashboard " + c.param("id") + " not found");
    }
    return Reply.noContent();
  }

  /** A {@code ValidateConstraintViolation}: the index, and the constraints of an invalid dashboard. */
  static Reply validate(Call c) {
    return Reply.ok(Sources.validation(c.text(), DashboardsApi::parse));
  }

  /**
   * Parses and checks a dashboard source: a {@code title}, {@code charts} a list of mappings each
   * with an {@code id} and a {@code type}, {@code timeWindow} a mapping.
   *
   * @throws ApiException 422 with every violation
   */
  private static ObjectNode parse(String source) {
    ObjectNode tree = Sources.parse(source, "title");
    List<ConstraintViolation> errors = new ArrayList<>();
    JsonNode charts = tree.get("charts");
    if (charts != null && !charts.isNull()) {
      if (!charts.isArray()) {
        errors.add(new ConstraintViolation("charts", "must be a list of charts"));
      } else {
        for (int i = 0; i < charts.size(); i++) {
          JsonNode chart = charts.get(i);
          if (!chart.isObject()) {
            errors.add(new ConstraintViolation("charts[" + i + "]", "must be a mapping with an id and a type"));
            continue;
          }
          for (String field : List.of("id", "type")) {
            if (FlowSources.text(chart, field).isEmpty()) {
              errors.add(new ConstraintViolation("charts[" + i + "]." + field, "must not be null"));
            }
          }
        }
      }
    }
    JsonNode timeWindow = tree.get("timeWindow");
    if (timeWindow != null && !timeWindow.isNull() && !timeWindow.isObject()) {
      errors.add(new ConstraintViolation("timeWindow", "must be a mapping"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.violations(errors);
    }
    return tree;
  }

  private static TenantStore.Dashboard find(Call c) {
    TenantStore.Dashboard d = c.data().dashboards().get(c.param("id"));
    if (d == null) {
      throw ApiException.notFound("Dashboard " + c.param("id") + " not found");
    }
    return d;
  }

  private static String title(TenantStore.Dashboard d) {
    return Sources.tryParse(d.source()).map(t -> FlowSources.text(t, "title")).orElse("");
  }

  static ObjectNode render(TenantStore.Dashboard d, Call c) {
    ObjectNode out = Json.object();
    out.put("id", d.id());
    if (c.config().mode().tenantInPath()) {
      out.put("tenantId", c.tenant());
    }
    Sources.tryParse(d.source()).ifPresent(tree -> MODEL_FIELDS.forEach(field -> {
      if (tree.has(field)) {
        out.set(field, tree.get(field));
      }
    }));
    out.put("sourceCode", d.source());
    out.put("created", Json.time(d.created()));
    out.put("updated", Json.time(d.updated()));
    out.put("deleted", false);
    return out;
  }
}
