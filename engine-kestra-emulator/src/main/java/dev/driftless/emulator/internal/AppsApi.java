package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code /apps}, Enterprise only: apps are keyed by a server-made {@code uid}; bulk calls take
 * {@code {"uids":[...]}}. Answers have the two shapes of Kestra's {@code AppsController} (those of
 * the SDK's {@code AppsControllerApiAppSource} and {@code AppsControllerApiApp}): one app read or
 * written carries its {@code source} and {@code disabled}; a search hit, and the answer of enabling
 * or disabling one, carries its {@code id}, {@code type}, {@code flowId} and {@code enabled} instead.
 */
public final class AppsApi {

  private static final String[] REQUIRED = {"id", "namespace", "type"};

  private AppsApi() {
  }

  public static void register(Router router, EmulatorSettings config) {
    boolean on = config.enterprise();
    router.add(on, "POST", "/apps", AppsApi::create).consumes(Router.YAML)
        .add(on, "GET", "/apps/search", AppsApi::search)
        .add(on, "GET", "/apps/tags", AppsApi::tags)
        .add(on, "POST", "/apps/export", AppsApi::export).produces(Router.OCTET_STREAM)
        .add(on, "POST", "/apps/import", AppsApi::importApps).consumes(Router.MULTIPART)
        .add(on, "DELETE", "/apps", AppsApi::bulkDelete)
        .add(on, "POST", "/apps/enable", c -> bulkSetDisabled(c, false))
        .add(on, "POST", "/apps/disable", c -> bulkSetDisabled(c, true))
        .add(on, "GET", "/apps/{uid}", AppsApi::get)
        .add(on, "PUT", "/apps/{uid}", AppsApi::update).consumes(Router.YAML)
        .add(on, "DELETE", "/apps/{uid}", AppsApi::delete)
        .add(on, "POST", "/apps/{uid}/enable", c -> setDisabled(c, false))
        .add(on, "POST", "/apps/{uid}/disable", c -> setDisabled(c, true));
  }

  static Reply create(Call c) {
    return Reply.ok(withSource(save(c, c.text())));
  }

  private static TenantStore.App save(Call c, String source) {
    Sources.parse(source, REQUIRED);
    Instant now = Instant.now();
    TenantStore.App app = new TenantStore.App(Ids.create(), source, false, now, now);
    c.data().apps().put(app.uid(), app);
    return app;
  }

  static Reply get(Call c) {
    return Reply.ok(withSource(find(c, c.param("uid"))));
  }

  static Reply update(Call c) {
    TenantStore.App existing = find(c, c.param("uid"));
    String source = c.text();
    Sources.parse(source, REQUIRED);
    TenantStore.App saved = new TenantStore.App(existing.uid(), source, existing.disabled(), existing.created(), Instant.now());
    c.data().apps().put(saved.uid(), saved);
    return Reply.ok(withSource(saved));
  }

  static Reply delete(Call c) {
    find(c, c.param("uid"));
    c.data().apps().remove(c.param("uid"));
    return Reply.noContent();
  }

  static Reply setDisabled(Call c, boolean disabled) {
    TenantStore.App existing = find(c, c.param("uid"));
    TenantStore.App saved = new TenantStore.App(existing.uid(), existing.source(), disabled, existing.created(), Instant.now());
    c.data().apps().put(saved.uid(), saved);
    return Reply.ok(listed(saved));
  }

  /**
   * The legacy parameters ({@code q}, {@code namespace} with its children, {@code flowId},
   * {@code tags}: any of them) and the {@code filters[field][OP]} ones on {@code namespace},
   * {@code flowId}, {@code id}, {@code q} and {@code tags}; filters on other fields match everything.
   */
  static Reply search(Call c) {
    Call.Page page = c.page();
    Predicate<TenantStore.App> predicate = a -> true;
    String q = c.query("q").orElse("").toLowerCase(Locale.ROOT);
    if (!q.isEmpty()) {
      predicate = predicate.and(a -> matchesQuery(a, q));
    }
    String namespace = c.query("namespace").orElse("");
    if (!namespace.isEmpty()) {
      predicate = predicate.and(a -> QueryFilters.matches(field(a, "namespace"), "PREFIX", namespace));
    }
    String flowId = c.query("flowId").orElse("");
    if (!flowId.isEmpty()) {
      predicate = predicate.and(a -> field(a, "flowId").equals(flowId));
    }
    List<String> tags = c.queryAll("tags").stream().flatMap(v -> Stream.of(v.split(",")))
        .filter(v -> !v.isBlank()).toList();
    if (!tags.isEmpty()) {
      predicate = predicate.and(a -> tagsOf(a).stream().anyMatch(tags::contains));
    }
    for (Map.Entry<String, List<String>> e : c.queryParams().entrySet()) {
      Matcher m = QueryFilters.FILTER.matcher(e.getKey());
      if (m.matches()) {
        for (String value : e.getValue()) {
          predicate = predicate.and(filter(m.group(1), m.group(2).toUpperCase(Locale.ROOT), value));
        }
      }
    }
    List<TenantStore.App> all = c.data().apps().values().stream().filter(predicate).toList();
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    page.slice(all).forEach(a -> results.add(listed(a)));
    out.put("total", all.size());
    return Reply.ok(out);
  }

  private static Predicate<TenantStore.App> filter(String field, String op, String value) {
    return switch (field) {
      case "namespace" -> a -> QueryFilters.matches(field(a, "namespace"), op, value);
      case "flowId" -> a -> QueryFilters.matches(field(a, "flowId"), op, value);
      case "id" -> a -> QueryFilters.matches(field(a, "id"), op, value);
      case "q", "query" -> a -> matchesQuery(a, value.toLowerCase(Locale.ROOT));
      case "tags" -> a -> {
        List<String> tags = tagsOf(a);
        return switch (op) {
          case "NOT_EQUALS", "NOT_IN" -> tags.stream().noneMatch(tag -> QueryFilters.matches(tag, op.substring(4), value));
          default -> tags.stream().anyMatch(tag -> QueryFilters.matches(tag, op, value));
        };
      };
      default -> a -> true;
    };
  }

  private static boolean matchesQuery(TenantStore.App a, String lowerCaseQuery) {
    return field(a, "id").toLowerCase(Locale.ROOT).contains(lowerCaseQuery)
        || field(a, "displayName").toLowerCase(Locale.ROOT).contains(lowerCaseQuery);
  }

  /** {@code {"tags": [...]}}: every tag of every app, sorted, once. */
  static Reply tags(Call c) {
    Set<String> tags = new TreeSet<>();
    c.data().apps().values().forEach(a -> tags.addAll(tagsOf(a)));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("tags");
    tags.forEach(list::add);
    return Reply.ok(out);
  }

  static Reply export(Call c) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (String uid : uids(c)) {
      TenantStore.App app = find(c, uid);
      entries.put(app.uid() + ".yaml", app.source().getBytes(StandardCharsets.UTF_8));
    }
    return Reply.bytes("application/octet-stream", Zips.write(entries))
        .withHeader("Content-Disposition", "attachment; filename=\"apps.zip\"");
  }

  /**
   * Creates an app from each YAML entry of an uploaded ZIP (or each {@code ---} document of a YAML
   * file): {@code {"success": [uid...], "errors": [{"source", "message"}]}}, the source being the
   * entry's name.
   */
  static Reply importApps(Call c) {
    MultipartParser.Part upload = MultipartParser.find(c.parts(), "fileUpload")
        .orElseThrow(() -> ApiException.internal("Required Part [fileUpload] not specified"));
    Map<String, String> sources = new LinkedHashMap<>();
    if (upload.filenameOrEmpty().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      Zips.read(upload.content()).forEach((name, bytes) -> sources.put(name, new String(bytes, StandardCharsets.UTF_8)));
    } else {
      List<String> parts = FlowSources.naiveSplit(new String(upload.content(), StandardCharsets.UTF_8));
      for (int i = 0; i < parts.size(); i++) {
        sources.put(String.valueOf(i), parts.get(i));
      }
    }
    ObjectNode out = Json.object();
    ArrayNode success = out.putArray("success");
    ArrayNode errors = out.putArray("errors");
    sources.forEach((name, source) -> {
      try {
        success.add(save(c, source).uid());
      } catch (ApiException e) {
        errors.addObject().put("source", name).put("message", e.detail().strip());
      }
    });
    return Reply.ok(out);
  }

  static Reply bulkDelete(Call c) {
    int count = 0;
    for (String uid : uids(c)) {
      if (c.data().apps().remove(uid) != null) {
        count++;
      }
    }
    ObjectNode out = Json.object();
    out.put("count", count);
    return Reply.ok(out);
  }

  static Reply bulkSetDisabled(Call c, boolean disabled) {
    int count = 0;
    for (String uid : uids(c)) {
      TenantStore.App a = c.data().apps().get(uid);
      if (a != null) {
        c.data().apps().put(uid, new TenantStore.App(uid, a.source(), disabled, a.created(), Instant.now()));
        count++;
      }
    }
    ObjectNode out = Json.object();
    out.put("count", count);
    return Reply.ok(out);
  }

  private static List<String> uids(Call c) {
    JsonNode body = c.json();
    JsonNode list = body.get("uids");
    if (list == null || !list.isArray()) {
      throw ApiException.violation("uids", "must not be null");
    }
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static TenantStore.App find(Call c, String uid) {
    TenantStore.App app = c.data().apps().get(uid);
    if (app == null) {
      throw ApiException.notFound("App " + uid + " not found");
    }
    return app;
  }

  private static String field(TenantStore.App app, String name) {
    return Sources.tryParse(app.source()).map(t -> FlowSources.text(t, name)).orElse("");
  }

  private static List<String> tagsOf(TenantStore.App app) {
    List<String> out = new ArrayList<>();
    Sources.tryParse(app.source()).map(t -> t.get("tags")).filter(JsonNode::isArray)
        .ifPresent(list -> list.forEach(t -> out.add(t.asText())));
    return out;
  }

  private static String name(TenantStore.App app) {
    String displayName = field(app, "displayName");
    return displayName.isEmpty() ? field(app, "id") : displayName;
  }

  /** One app read or written, as Kestra's {@code ApiAppSource}. */
  static ObjectNode withSource(TenantStore.App app) {
    ObjectNode out = Json.object();
    out.put("uid", app.uid());
    out.put("name", name(app));
    out.put("namespace", field(app, "namespace"));
    ArrayNode tags = out.putArray("tags");
    tagsOf(app).forEach(tags::add);
    out.put("disabled", app.disabled());
    out.put("source", app.source());
    out.put("created", Json.time(app.created()));
    out.put("updated", Json.time(app.updated()));
    return out;
  }

  /** An app as a search lists it, as Kestra's {@code ApiApp}. */
  static ObjectNode listed(TenantStore.App app) {
    ObjectNode out = Json.object();
    out.put("uid", app.uid());
    out.put("id", field(app, "id"));
    out.put("name", name(app));
    out.put("type", field(app, "type"));
    out.put("namespace", field(app, "namespace"));
    out.put("flowId", field(app, "flowId"));
    ArrayNode tags = out.putArray("tags");
    tagsOf(app).forEach(tags::add);
    out.put("enabled", !app.disabled());
    out.put("created", Json.time(app.created()));
    out.put("updated", Json.time(app.updated()));
    return out;
  }
}
