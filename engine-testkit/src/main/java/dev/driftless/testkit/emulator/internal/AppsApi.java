package dev.driftless.testkit.emulator.internal;

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

/**
 * {@code /apps}, Enterprise only: apps are keyed by a server-made {@code uid}; bulk calls take
 * {@code {"uids":[...]}}.
 */
public final class AppsApi {

  private static final String[] REQUIRED = {"id", "namespace", "type"};

  private AppsApi() {
  }

  public static void register(Router router, ServerConfig config) {
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
    return Reply.ok(render(save(c, c.text()), c, true));
  }

  private static TenantStore.App save(Call c, String source) {
    Sources.parse(source, REQUIRED);
    Instant now = Instant.now();
    TenantStore.App app = new TenantStore.App(Ids.create(), source, false, now, now);
    c.data().apps().put(app.uid(), app);
    return app;
  }

  static Reply get(Call c) {
    return Reply.ok(render(find(c, c.param("uid")), c, true));
  }

  static Reply update(Call c) {
    TenantStore.App existing = find(c, c.param("uid"));
    String source = c.text();
    Sources.parse(source, REQUIRED);
    TenantStore.App saved = new TenantStore.App(existing.uid(), source, existing.disabled(), existing.created(), Instant.now());
    c.data().apps().put(saved.uid(), saved);
    return Reply.ok(render(saved, c, true));
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
    return Reply.ok(render(saved, c, false));
  }

  static Reply search(Call c) {
    Call.Page page = c.page();
    String q = c.query("q").orElse("").toLowerCase(Locale.ROOT);
    String namespace = c.query("namespace").orElse("");
    List<TenantStore.App> all = c.data().apps().values().stream()
        .filter(a -> namespace.isEmpty() || field(a, "namespace").equals(namespace)
            || field(a, "namespace").startsWith(namespace + "."))
        .filter(a -> q.isEmpty() || field(a, "id").toLowerCase(Locale.ROOT).contains(q)
            || field(a, "displayName").toLowerCase(Locale.ROOT).contains(q))
        .toList();
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    page.slice(all).forEach(a -> results.add(render(a, c, false)));
    out.put("total", all.size());
    return Reply.ok(out);
  }

  static Reply tags(Call c) {
    Set<String> tags = new TreeSet<>();
    c.data().apps().values().forEach(a -> Sources.tryParse(a.source())
        .map(t -> t.get("tags")).filter(JsonNode::isArray)
        .ifPresent(list -> list.forEach(t -> tags.add(t.asText()))));
    ArrayNode out = Json.array();
    tags.forEach(out::add);
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

  static Reply importApps(Call c) {
    Multipart.Part upload = Multipart.find(c.parts(), "fileUpload")
        .orElseThrow(() -> ApiException.internal("Required Part [fileUpload] not specified"));
    List<String> wrong = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    if (upload.filenameOrEmpty().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      Zips.read(upload.content()).forEach((name, bytes) -> sources.put(name, new String(bytes, StandardCharsets.UTF_8)));
    } else {
      List<String> parts = FlowSources.naiveSplit(new String(upload.content(), StandardCharsets.UTF_8));
      for (int i = 0; i < parts.size(); i++) {
        sources.put(String.valueOf(i), parts.get(i));
      }
    }
    sources.forEach((name, source) -> {
      try {
        save(c, source);
      } catch (ApiException e) {
        wrong.add(name);
      }
    });
    ArrayNode out = Json.array();
    wrong.forEach(out::add);
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

  static ObjectNode render(TenantStore.App app, Call c, boolean withSource) {
    ObjectNode out = Json.object();
    out.put("uid", app.uid());
    String id = field(app, "id");
    String displayName = field(app, "displayName");
    out.put("id", id);
    out.put("name", displayName.isEmpty() ? id : displayName);
    out.put("namespace", field(app, "namespace"));
    out.put("type", field(app, "type"));
    ArrayNode tags = out.putArray("tags");
    Sources.tryParse(app.source()).map(t -> t.get("tags")).filter(JsonNode::isArray)
        .ifPresent(list -> list.forEach(tags::add));
    out.put("disabled", app.disabled());
    if (withSource) {
      out.put("source", app.source());
    }
    out.put("created", Json.time(app.created()));
    out.put("updated", Json.time(app.updated()));
    if (c.config().mode().tenantInPath()) {
      out.put("tenantId", c.tenant());
    }
    return out;
  }
}
