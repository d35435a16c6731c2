package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /namespaces}: search everywhere; OSS namespaces exist implicitly (through flows and files),
 * Enterprise ones can also be created, updated and deleted.
 */
public final class NamespacesApi {

  private static final Pattern NAMESPACE = Pattern.compile(FlowSources.NAMESPACE_REGEX);

  private NamespacesApi() {
  }

  public static void register(Router router, EmulatorSettings config) {
    boolean ee = config.enterprise();
    router.add(true, "GET", "/namespaces/search", NamespacesApi::search)
        .add(true, "GET", "/namespaces/{id}", NamespacesApi::get)
        .add(ee, "POST", "/namespaces", NamespacesApi::create)
        .add(ee, "PUT", "/namespaces/{id}", NamespacesApi::update)
        .add(ee, "DELETE", "/namespaces/{id}", NamespacesApi::delete);
  }

  /** {@code existing=true}: namespaces that hold something; otherwise their parents too. */
  static Reply search(Call c) {
    Call.Page page = c.page();
    boolean existing = c.flag("existing", false);
    String q = c.query("q").orElse("");
    boolean fromFlowsOnly = !c.config().enterprise() && !c.version().searchListsFileNamespaces();
    List<String> all = (fromFlowsOnly ? fromFlows(c) : c.data().namespaces(!existing)).stream()
        .filter(ns -> ns.toLowerCase(java.util.Locale.ROOT).contains(q.toLowerCase(java.util.Locale.ROOT))).toList();
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    page.slice(all).forEach(ns -> results.add(fromFlowsOnly ? renderDerived(ns) : render(c, ns)));
    out.put("total", all.size());
    return Reply.ok(out);
  }

  /**
   * What Kestra 0.20 lists, whatever {@code existing} says: the namespaces of flows with their
   * parents, and {@code system}; a namespace that holds only files is not among them.
   */
  private static List<String> fromFlows(Call c) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    out.add("system");
    c.data().liveFlows().forEach(f -> {
      String ns = f.namespace();
      out.add(ns);
      for (int dot = ns.indexOf('.'); dot > 0; dot = ns.indexOf('.', dot + 1)) {
        out.add(ns.substring(0, dot));
      }
    });
    return List.copyOf(out);
  }

  /** A listed namespace as 0.20.7 renders it: {@code disabled: true}, whatever it holds. */
  private static ObjectNode renderDerived(String id) {
    ObjectNode out = Json.object();
    out.put("disabled", true);
    out.put("id", id);
    out.put("deleted", false);
    return out;
  }

  static Reply get(Call c) {
    String id = c.param("id");
    if (c.config().enterprise() && !c.data().namespaces(true).contains(id)) {
      throw ApiException.notFound("Namespace " + id + " not found");
    }
    return Reply.ok(render(c, id));
  }

  static Reply create(Call c) {
    JsonNode body = c.json();
    String id = FlowSources.text(body, "id");
    if (id.isEmpty()) {
      throw ApiException.violation("id", "must not be null");
    }
    if (!NAMESPACE.matcher(id).matches()) {
      throw ApiException.violation("id", "must match \"" + FlowSources.NAMESPACE_REGEX + "\"");
    }
    if (c.data().explicitNamespaces().containsKey(id)) {
      throw ApiException.alreadyExists(c.version(), "id", "Namespace already exists", "Namespace " + id + " already exists");
    }
    store(c, id, body);
    return Reply.ok(render(c, id));
  }

  static Reply update(Call c) {
    String id = c.param("id");
    if (!c.data().namespaces(true).contains(id)) {
      throw ApiException.notFound("Namespace " + id + " not found");
    }
    store(c, id, c.json());
    return Reply.ok(render(c, id));
  }

  static Reply delete(Call c) {
    if (c.data().explicitNamespaces().remove(c.param("id")) == null) {
      throw ApiException.notFound("Namespace " + c.param("id") + " not found");
    }
    return Reply.noContent();
  }

  private static void store(Call c, String id, JsonNode body) {
    ObjectNode stored = body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
    stored.put("id", id);
    c.data().explicitNamespaces().put(id, stored);
  }

  private static ObjectNode render(Call c, String id) {
    ObjectNode out = Json.object();
    ObjectNode stored = c.data().explicitNamespaces().get(id);
    if (stored != null) {
      out.setAll(stored);
    }
    out.put("id", id);
    out.put("deleted", false);
    out.put("disabled", false);
    return out;
  }
}
