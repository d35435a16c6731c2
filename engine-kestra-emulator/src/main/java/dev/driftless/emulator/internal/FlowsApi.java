package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.emulator.FlowRevision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code /flows}: Kestra's FlowController, quirks included. */
public final class FlowsApi {


  private FlowsApi() {
  }

  /**
   * The routes of Kestra's FlowController with the media types each consumes and produces, which
   * decide, as on Kestra, which route a request takes: {@code /flows/export/by-query} with a JSON
   * {@code Accept} is {@code /flows/{namespace}/{id}}, and {@code /flows/source},
   * {@code /flows/graph} are not namespaces.
   */
  public static void register(Router router, KestraVersion version) {
    router.add(true, "POST", "/flows", FlowsApi::create).consumes(Router.ANY)
        .add(true, "GET", "/flows/search", FlowsApi::search)
        .add(true, "GET", "/flows/source", FlowsApi::searchSources)
        .add(true, "GET", "/flows/distinct-namespaces", FlowsApi::distinctNamespaces)
        .add(version.deprecatedFlowsRoute(), "GET", "/flows/deprecated", FlowsApi::deprecated)
        .add(true, "GET", "/flows/export/by-query", FlowsApi::exportByQuery).produces(Router.OCTET_STREAM)
        .add(true, "POST", "/flows/export/by-ids", FlowsApi::exportByIds).produces(Router.OCTET_STREAM)
        .add(true, "POST", "/flows/validate", FlowsApi::validate).consumes(Router.YAML, Router.MULTIPART)
        .add(true, "POST", "/flows/graph", FlowsApi::graphOfSource).consumes(Router.YAML)
        .add(true, "POST", "/flows/bulk", FlowsApi::bulk).consumes(Router.YAML)
        .add(true, "POST", "/flows/import", FlowsApi::importFlows).consumes(Router.MULTIPART)
        .add(true, "DELETE", "/flows/delete/by-ids", FlowsApi::deleteByIds)
        .add(true, "DELETE", "/flows/delete/by-query", FlowsApi::deleteByQuery)
        .add(true, "POST", "/flows/enable/by-ids", c -> setDisabledByIds(c, false))
        .add(true, "POST", "/flows/disable/by-ids", c -> setDisabledByIds(c, true))
        .add(true, "POST", "/flows/enable/by-query", c -> setDisabledByQuery(c, false))
        .add(true, "POST", "/flows/disable/by-query", c -> setDisabledByQuery(c, true))
        .add(true, "GET", "/flows/{namespace}", FlowsApi::listByNamespace)
        .add(true, "POST", "/flows/{namespace}", FlowsApi::replaceNamespace)
        .consumes(Router.YAML, Router.JSON, Router.MULTIPART)
        .add(true, "GET", "/flows/{namespace}/{id}", FlowsApi::get)
        .add(true, "PUT", "/flows/{namespace}/{id}", FlowsApi::update).consumes(Router.ANY)
        .add(true, "DELETE", "/flows/{namespace}/{id}", FlowsApi::delete)
        .add(true, "GET", "/flows/{namespace}/{id}/revisions", FlowsApi::revisions)
        .add(true, "GET", "/flows/{namespace}/{id}/graph", FlowsApi::graphOfFlow)
        .add(true, "GET", "/flows/{namespace}/{id}/dependencies", FlowsApi::dependencies);
  }

  // ---- one flow

  /**
   * Creates a flow; before 0.23, in the tenant the flow names with a top-level {@code tenantId:}
   * when it has one (seen on 0.20.7), so that such a flow lands where the caller cannot see it. From
   * 0.23 the tenant is the call's, whatever the source says.
   */
  static Reply create(Call c) {
    String source = sourceOf(c);
    FlowSources.Parsed parsed = validator(c).check(source);
    TenantStore tenant = parsed.declaredTenant().filter(t -> c.version().honoursFlowTenantId())
        .map(t -> c.store().tenant(t)).orElse(c.data());
    if (tenant.flow(parsed.namespace(), parsed.id()).isPresent()) {
      throw ApiException.alreadyExists(c.version(), "flow.id", "Flow id already exists",
          "Flow " + parsed.namespace() + "." + parsed.id() + " already exists");
    }
    FlowRevision saved = tenant.saveFlow(parsed.namespace(), parsed.id(), source, draft(c), c.version());
    return Reply.ok(FlowSources.render(saved, c, !c.isJsonBody()));
  }

  static FlowValidator validator(Call c) {
    return FlowValidator.of(c.version(), c.catalogue());
  }

  static Reply get(Call c) {
    String namespace = c.param("namespace");
    String id = c.param("id");
    boolean allowDeleted = c.flag("allowDeleted", false);
    Optional<Integer> revision = c.optionalIntQuery("revision");
    List<FlowRevision> revisions = c.data().flowRevisions(namespace, id);
    Optional<FlowRevision> found = revision.isPresent()
        ? revisions.stream().filter(r -> r.revision() == revision.get()).findFirst()
        : revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1));
    found = found.filter(r -> allowDeleted || !r.deleted());
    FlowRevision flow = found.orElseThrow(() -> missing(namespace, id));
    return Reply.ok(FlowSources.render(flow, c, c.flag("source", false)));
  }

  static Reply update(Call c) {
    String namespace = c.param("namespace");
    String id = c.param("id");
    if (c.data().flow(namespace, id).isEmpty()) {
      throw missing(namespace, id);
    }
    String source = sourceOf(c);
    FlowSources.Parsed parsed = validator(c).check(source);
    List<ConstraintViolation> errors = new ArrayList<>();
    if (!parsed.id().equals(id)) {
      errors.add(new ConstraintViolation("flow.id", "Illegal flow id update"));
    }
    if (!parsed.namespace().equals(namespace)) {
      errors.add(new ConstraintViolation("flow.namespace", "Illegal namespace update"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.violations(errors);
    }
    FlowRevision saved = c.data().saveFlow(namespace, id, source, draft(c), c.version());
    return Reply.ok(FlowSources.render(saved, c, true));
  }

  static Reply delete(Call c) {
    String namespace = c.param("namespace");
    String id = c.param("id");
    c.data().deleteFlow(namespace, id).orElseThrow(() -> missing(namespace, id));
    return Reply.noContent();
  }

  /**
   * Every revision, each with its source; soft-delete markers (with {@code deleted: true}) too,
   * unless the server has {@code allowDelete} (1.2 on) and it is not set.
   */
  static Reply revisions(Call c) {
    boolean withDeleted = !c.version().revisionsHideDeleted() || c.flag("allowDelete", false);
    ArrayNode out = Json.array();
    c.data().flowRevisions(c.param("namespace"), c.param("id")).stream()
        .filter(r -> withDeleted || !r.deleted())
        .forEach(r -> out.add(FlowSources.render(r, c, true)));
    return Reply.ok(out);
  }

  /**
   * A flow's graph as Kestra draws it for a sequential flow: a root cluster, one task node per
   * top-level task, an end node, and the edges between them in order.
   */
  static Reply graphOfFlow(Call c) {
    FlowRevision flow = c.data().flow(c.param("namespace"), c.param("id"))
        .orElseThrow(() -> ApiException.notFound(""));
    return Reply.ok(graph(FlowSources.tree(flow.source())));
  }

  static Reply graphOfSource(Call c) {
    return Reply.ok(graph(validator(c).check(c.text()).tree()));
  }

  private static ObjectNode graph(ObjectNode flow) {
    ObjectNode out = Json.object();
    ArrayNode nodes = out.putArray("nodes");
    ArrayNode edges = out.putArray("edges");
    out.putArray("clusters");
    String root = "root.root";
    String end = "root.end";
    nodes.addObject().put("uid", root).put("type", "io.kestra.core.models.hierarchies.GraphClusterRoot")
        .put("error", false);
    nodes.addObject().put("uid", end).put("type", "io.kestra.core.models.hierarchies.GraphClusterEnd")
        .put("error", false);
    String previous = root;
    JsonNode tasks = flow.path("tasks");
    for (JsonNode task : tasks) {
      String uid = "root." + FlowSources.text(task, "id");
      nodes.addObject().put("uid", uid).put("type", "io.kestra.core.models.hierarchies.GraphTask").put("error", false)
          .put("relationType", "SEQUENTIAL").set("task", task);
      edges.addObject().put("source", previous).put("target", uid).putObject("relation");
      previous = uid;
    }
    edges.addObject().put("source", previous).put("target", end).putObject("relation");
    return out;
  }

  /**
   * The flows this one calls as a subflow ({@code namespace} and {@code flowId} of a task) and, unless
   * {@code destinationOnly}, those that call it: nodes and edges of Kestra's flow topology.
   */
  static Reply dependencies(Call c) {
    String namespace = c.param("namespace");
    String id = c.param("id");
    boolean destinationOnly = c.flag("destinationOnly", false);
    ObjectNode out = Json.object();
    ArrayNode nodes = out.putArray("nodes");
    ArrayNode edges = out.putArray("edges");
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (FlowRevision flow : c.data().liveFlows()) {
      boolean self = flow.namespace().equals(namespace) && flow.id().equals(id);
      for (TenantStore.Key called : calledFlows(flow.source())) {
        boolean callsThis = called.namespace().equals(namespace) && called.id().equals(id);
        if (self || (callsThis && !destinationOnly)) {
          for (TenantStore.Key node : List.of(new TenantStore.Key(flow.namespace(), flow.id()), called)) {
            if (seen.add(node.namespace() + "_" + node.id())) {
              nodes.addObject().put("uid", node.namespace() + "_" + node.id()).put("namespace", node.namespace())
                  .put("id", node.id());
            }
          }
          edges.addObject().put("source", flow.namespace() + "_" + flow.id())
              .put("target", called.namespace() + "_" + called.id())
              .putObject("relation").put("relationType", "FLOW_TASK");
        }
      }
    }
    return Reply.ok(out);
  }

  private static List<TenantStore.Key> calledFlows(String source) {
    List<TenantStore.Key> out = new ArrayList<>();
    try {
      collectCalls(FlowSources.tree(source), out);
    } catch (ApiException e) {
      // a stored source that no longer parses calls nothing
    }
    return out;
  }

  private static void collectCalls(JsonNode node, List<TenantStore.Key> out) {
    if (node.isObject()) {
      String flowId = FlowSources.text(node, "flowId");
      String ns = FlowSources.text(node, "namespace");
      if (!flowId.isEmpty() && !ns.isEmpty() && node.has("type")) {
        out.add(new TenantStore.Key(ns, flowId));
      }
    }
    node.forEach(child -> collectCalls(child, out));
  }

  // ---- listing and searching

  static Reply listByNamespace(Call c) {
    String namespace = c.param("namespace");
    ArrayNode out = Json.array();
    c.data().liveFlows().stream()
        .filter(f -> f.namespace().equals(namespace))
        .forEach(f -> out.add(FlowSources.render(f, c, false)));
    return Reply.ok(out);
  }

  static Reply search(Call c) {
    Call.Page page = c.page();
    List<FlowRevision> flows = new ArrayList<>(query(c));
    sort(c, flows);
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    page.slice(flows).forEach(f -> results.add(FlowSources.render(f, c, false)));
    out.put("total", flows.size());
    return Reply.ok(out);
  }

  static Reply distinctNamespaces(Call c) {
    String q = c.query("q").orElse("");
    ArrayNode out = Json.array();
    c.data().liveFlows().stream().map(FlowRevision::namespace).distinct()
        .filter(ns -> ns.contains(q)).sorted().forEach(out::add);
    return Reply.ok(out);
  }

  /**
   * {@code GET /flows/source}: flows whose source contains {@code q}, each as {@code model} (the flow
   * without its source) and {@code fragments}, the matching lines with the match marked.
   */
  static Reply searchSources(Call c) {
    Call.Page page = c.page();
    String q = c.query("q").orElse("");
    Optional<String> namespace = c.query("namespace").filter(s -> !s.isEmpty());
    List<FlowRevision> flows = c.data().liveFlows().stream()
        .filter(f -> namespace.map(ns -> QueryFilters.matches(f.namespace(), "PREFIX", ns)).orElse(true))
        .filter(f -> FlowSources.servedSource(f.source(), c.version()).contains(q))
        .collect(Collectors.toList());
    sort(c, flows);
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    for (FlowRevision f : page.slice(flows)) {
      ObjectNode result = results.addObject();
      result.set("model", FlowSources.render(f, c, false));
      ArrayNode fragments = result.putArray("fragments");
      if (!q.isEmpty()) {
        for (String line : FlowSources.servedSource(f.source(), c.version()).split("\n")) {
          if (line.contains(q)) {
            fragments.add(line.replace(q, "[mark]" + q + "[/mark]"));
          }
        }
      }
    }
    out.put("total", flows.size());
    return Reply.ok(out);
  }

  /**
   * {@code GET /flows/deprecated} (1.x): the flows that use a deprecated plugin type or property,
   * as Kestra's validation reports them ({@code deprecationPaths} or {@code infos}).
   */
  static Reply deprecated(Call c) {
    ArrayNode out = Json.array();
    for (FlowRevision f : c.data().liveFlows()) {
      FlowValidator.Report report = FlowValidator.of(c.version(), c.catalogue())
          .validate(FlowSources.servedSource(f.source(), c.version()));
      if (!report.infos().isEmpty() || !report.deprecationPaths().isEmpty()) {
        out.add(FlowSources.render(f, c, false));
      }
    }
    return Reply.ok(out);
  }

  /** Live flows matching the call's filters: {@code filters[field][OP]=v} and the older params. */
  static List<FlowRevision> query(Call c) {
    Predicate<FlowRevision> predicate = f -> true;
    for (Map.Entry<String, List<String>> e : c.queryParams().entrySet()) {
      Matcher m = QueryFilters.FILTER.matcher(e.getKey());
      if (!m.matches()) {
        continue;
      }
      String field = m.group(1);
      String op = m.group(2).toUpperCase(Locale.ROOT);
      for (String value : e.getValue()) {
        switch (field) {
          case "namespace" -> predicate = predicate.and(f -> QueryFilters.matches(f.namespace(), op, value));
          case "flowId", "id" -> predicate = predicate.and(f -> QueryFilters.matches(f.id(), op, value));
          case "q", "query" -> predicate = predicate.and(
              f -> QueryFilters.matches(f.id(), "CONTAINS", value) || QueryFilters.matches(f.namespace(), "CONTAINS", value));
          default -> { } // labels, scope, time ranges: not emulated, they match everything
        }
      }
    }
    Optional<String> legacyNamespace = c.query("namespace").filter(s -> !s.isEmpty());
    if (legacyNamespace.isPresent()) {
      predicate = predicate.and(f -> QueryFilters.matches(f.namespace(), "PREFIX", legacyNamespace.get()));
    }
    Optional<String> legacyQuery = c.query("q").filter(s -> !s.isEmpty());
    if (legacyQuery.isPresent()) {
      predicate = predicate.and(f -> f.id().contains(legacyQuery.get()) || f.namespace().contains(legacyQuery.get()));
    }
    return c.data().liveFlows().stream().filter(predicate).collect(Collectors.toList());
  }

  private static void sort(Call c, List<FlowRevision> flows) {
    Comparator<FlowRevision> order = null;
    for (String spec : c.queryAll("sort")) {
      for (String one : spec.split(",")) {
        if (one.isBlank()) {
          continue;
        }
        String[] parts = one.split(":");
        Comparator<FlowRevision> by = switch (parts[0].trim()) {
          case "id" -> Comparator.comparing(FlowRevision::id);
          case "namespace" -> Comparator.comparing(FlowRevision::namespace);
          case "revision" -> Comparator.comparingInt(FlowRevision::revision);
          case "updated" -> Comparator.comparing(FlowRevision::updated);
          default -> null;
        };
        if (by == null) {
          continue;
        }
        if (parts.length > 1 && parts[1].trim().equalsIgnoreCase("desc")) {
          by = by.reversed();
        }
        order = order == null ? by : order.thenComparing(by);
      }
    }
    flows.sort(order == null ? TenantStore.BY_NAMESPACE_AND_ID : order.thenComparing(TenantStore.BY_NAMESPACE_AND_ID));
  }

  // ---- export and import

  static Reply exportByQuery(Call c) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    // Entry names vary by version (0.20.7 writes ns.id.yml); clients must key sources by their YAML.
    String separator = c.version().atLeast(0, 21) ? "-" : ".";
    query(c).forEach(f -> entries.put(f.namespace() + separator + f.id() + ".yml",
        FlowSources.servedSource(f.source(), c.version()).getBytes(StandardCharsets.UTF_8)));
    return zip(entries);
  }

  static Reply exportByIds(Call c) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    String extension = c.version().exportByIdsExtension();
    for (TenantStore.Key key : ids(c.json())) {
      FlowRevision f = c.data().flow(key.namespace(), key.id())
          .orElseThrow(() -> ApiException.notFound("No value present"));
      entries.put(f.namespace() + "." + f.id() + extension,
          FlowSources.servedSource(f.source(), c.version()).getBytes(StandardCharsets.UTF_8));
    }
    return zip(entries);
  }

  static Reply zip(Map<String, byte[]> entries) {
    return Reply.bytes("application/octet-stream", Zips.write(entries))
        .withHeader("Content-Disposition", "attachment; filename=\"flows.zip\"");
  }

  static Reply importFlows(Call c) {
    MultipartParser.Part upload = MultipartParser.find(c.parts(), "fileUpload")
        .orElseThrow(() -> ApiException.internal("Required Part [fileUpload] not specified"));
    boolean failOnError = c.flag("failOnError", false);
    List<String> wrong = new ArrayList<>();
    if (upload.filenameOrEmpty().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      Zips.read(upload.content()).forEach((name, bytes) -> {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
          tryImport(c, new String(bytes, StandardCharsets.UTF_8), name, wrong);
        }
      });
    } else {
      List<String> sources = FlowSources.naiveSplit(new String(upload.content(), StandardCharsets.UTF_8));
      for (int i = 0; i < sources.size(); i++) {
        tryImport(c, sources.get(i), String.valueOf(i), wrong);
      }
    }
    if (failOnError && !wrong.isEmpty()) {
      throw ApiException.illegalArgument("Following invalid flows were not imported: " + String.join(", ", wrong));
    }
    ArrayNode out = Json.array();
    wrong.forEach(out::add);
    return Reply.ok(out);
  }

  private static void tryImport(Call c, String source, String name, List<String> wrong) {
    try {
      importFlow(c, source);
    } catch (ApiException e) {
      wrong.add(name);
    }
  }

  /** Creates or updates a flow from a source, as Kestra's {@code FlowService.importFlow}. */
  static FlowRevision importFlow(Call c, String source) {
    FlowSources.Parsed parsed = validator(c).check(source);
    return c.data().saveFlow(parsed.namespace(), parsed.id(), source, false, c.version());
  }

  // ---- validation

  /**
   * One result per document of the body, split as Kestra splits it (on a {@code ---} line, the
   * parts not trimmed, so line numbers in messages match the body); a flow stating a
   * {@code revision} is {@code outdated} unless it states the next one Kestra would make.
   */
  static Reply validate(Call c) {
    List<String> documents = new ArrayList<>();
    if (c.isMultipart()) {
      c.parts().stream().filter(p -> p.name().equals("flows"))
          .forEach(p -> documents.add(new String(p.content(), StandardCharsets.UTF_8)));
    } else {
      documents.addAll(List.of(c.text().split("\\n+---\\n*?")));
    }
    ArrayNode out = Json.array();
    FlowValidator validator = validator(c);
    for (int i = 0; i < documents.size(); i++) {
      out.add(render(validator.validate(documents.get(i), (ns, id) -> lastRevision(c, ns, id)), i));
    }
    return Reply.ok(out);
  }

  private static java.util.OptionalInt lastRevision(Call c, String namespace, String id) {
    List<FlowRevision> revisions = c.data().flowRevisions(namespace, id);
    return revisions.isEmpty() ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(revisions.get(revisions.size() - 1).revision());
  }

  /**
   * One entry of a validation answer, as Kestra writes it (seen on 0.20.7): the flow's id and
   * namespace, the index, the constraints when there are any, {@code outdated}, and the notes; a
   * source that could not be read as a flow has only the index, the constraints and {@code outdated}.
   */
  static ObjectNode render(FlowValidator.Report report, int index) {
    ObjectNode result = Json.object();
    report.flow().ifPresent(id -> result.put("flow", id));
    report.namespace().ifPresent(ns -> result.put("namespace", ns));
    result.put("index", index);
    if (!report.isValid()) {
      result.put("constraints", report.message());
    }
    result.put("outdated", report.outdated());
    if (report.verdict().readable()) {
      ArrayNode deprecated = result.putArray("deprecationPaths");
      report.deprecationPaths().forEach(deprecated::add);
      ArrayNode warnings = result.putArray("warnings");
      report.warnings().forEach(warnings::add);
      ArrayNode infos = result.putArray("infos");
      report.infos().forEach(infos::add);
    }
    return result;
  }

  // ---- bulk writes

  static Reply replaceNamespace(Call c) {
    String namespace = c.param("namespace");
    boolean delete = c.flag("delete", true);
    List<String> sources = new ArrayList<>();
    if (c.isMultipart()) {
      boolean override = c.flag("override", false);
      for (MultipartParser.Part part : c.parts()) {
        if (part.name().equals("flows")) {
          String source = new String(part.content(), StandardCharsets.UTF_8).trim();
          sources.add(override ? source.replaceFirst("(?m)^namespace:.+", "namespace: " + namespace) : source);
        }
      }
    } else if (c.isJsonBody()) {
      // The deprecated JSON variant: a list of flow objects, their sources regenerated.
      JsonNode flows = c.json();
      if (!flows.isArray()) {
        throw ApiException.badRequest("Failed to convert argument [flows]: expected a list of flows");
      }
      flows.forEach(f -> sources.add(FlowSources.fromJson(f)));
    } else if (!c.text().isEmpty()) {
      boolean override = c.flag("override", false);
      for (String source : FlowSources.naiveSplit(c.text())) {
        sources.add(override ? source.replaceFirst("(?m)^namespace:.+", "namespace: " + namespace) : source);
      }
    }
    return bulkUpdateOrCreate(c, Optional.of(namespace), sources, delete, false);
  }

  static Reply bulk(Call c) {
    boolean delete = c.flag("delete", true);
    Optional<String> namespace = c.query("namespace").filter(s -> !s.isEmpty());
    boolean allowChild = c.flag("allowNamespaceChild", false);
    List<String> sources = c.text().isEmpty() ? List.of() : FlowSources.naiveSplit(c.text());
    return bulkUpdateOrCreate(c, namespace, sources, delete, allowChild);
  }

  private record Document(String source, FlowSources.Parsed parsed) {
  }

  /**
   * Kestra's {@code bulkUpdateOrCreate}: every document must parse (else nothing changes), belong
   * to the namespace and have a distinct id; with {@code delete}, live flows of the namespace (of
   * the whole tenant without one) whose <em>id</em> is not among the documents' ids are deleted —
   * ids only, so a flow {@code a} of another namespace survives when any document is {@code a}.
   */
  private static Reply bulkUpdateOrCreate(
      Call c, Optional<String> namespace, List<String> sources, boolean delete, boolean allowChild) {
    List<Document> documents = new ArrayList<>();
    for (String source : sources) {
      documents.add(new Document(source, validator(c).check(source)));
    }
    if (namespace.isPresent()) {
      String ns = namespace.get();
      List<ConstraintViolation> invalid = documents.stream()
          .map(Document::parsed)
          .filter(p -> !p.namespace().equals(ns) && (!p.namespace().startsWith(ns) || !allowChild))
          .map(p -> new ConstraintViolation("flow.namespace", p.namespace() + "." + p.id() + " - flow namespace is invalid"))
          .toList();
      if (!invalid.isEmpty()) {
        throw ApiException.violations(invalid);
      }
    }
    List<String> ids = documents.stream().map(d -> d.parsed().id()).toList();
    if (new HashSet<>(ids).size() < ids.size()) {
      throw ApiException.violation("flow.id", "Duplicate flow id");
    }
    ArrayNode out = Json.array();
    if (delete) {
      Set<String> keep = new HashSet<>(ids);
      for (FlowRevision f : c.data().liveFlows()) {
        boolean inScope = namespace.map(ns -> f.namespace().equals(ns)).orElse(true);
        if (inScope && !keep.contains(f.id())) {
          c.data().deleteFlow(f.namespace(), f.id()).ifPresent(marker -> out.add(FlowSources.render(marker, c, true)));
        }
      }
    }
    for (Document d : documents) {
      FlowRevision saved = c.data().saveFlow(d.parsed().namespace(), d.parsed().id(), d.source(), false, c.version());
      out.add(FlowSources.render(saved, c, true));
    }
    return Reply.ok(out);
  }

  static Reply deleteByIds(Call c) {
    int count = 0;
    for (TenantStore.Key key : ids(c.json())) {
      if (c.data().deleteFlow(key.namespace(), key.id()).isEmpty()) {
        // Kestra deletes one by one and fails on the first missing flow, keeping earlier deletions.
        throw ApiException.notFound("No value present");
      }
      count++;
    }
    return count(count);
  }

  static Reply deleteByQuery(Call c) {
    List<FlowRevision> flows = query(c);
    flows.forEach(f -> c.data().deleteFlow(f.namespace(), f.id()));
    return count(flows.size());
  }

  static Reply setDisabledByIds(Call c, boolean disabled) {
    int count = 0;
    for (TenantStore.Key key : ids(c.json())) {
      Optional<FlowRevision> flow = c.data().flow(key.namespace(), key.id());
      if (flow.isPresent()) {
        setDisabled(c, flow.get(), disabled);
        count++;
      }
    }
    return count(count);
  }

  static Reply setDisabledByQuery(Call c, boolean disabled) {
    List<FlowRevision> flows = query(c);
    flows.forEach(f -> setDisabled(c, f, disabled));
    return count(flows.size());
  }

  private static void setDisabled(Call c, FlowRevision flow, boolean disabled) {
    c.data().saveFlow(flow.namespace(), flow.id(), FlowSources.withDisabled(flow.source(), disabled), flow.draft(),
        c.version());
  }

  // ---- helpers

  private static Reply count(int count) {
    ObjectNode out = Json.object();
    out.put("count", count);
    return Reply.ok(out);
  }

  /** A JSON list of {@code {"namespace","id"}}. */
  static List<TenantStore.Key> ids(JsonNode body) {
    JsonNode list = body.isObject() && body.has("ids") ? body.get("ids") : body;
    if (!list.isArray()) {
      throw ApiException.illegalArgument("Invalid json mapping: expected a list of {namespace, id}");
    }
    List<TenantStore.Key> keys = new ArrayList<>();
    for (JsonNode item : list) {
      String namespace = FlowSources.text(item, "namespace");
      String id = FlowSources.text(item, "id");
      if (namespace.isEmpty() || id.isEmpty()) {
        throw ApiException.violation("ids", "namespace and id must not be null");
      }
      keys.add(new TenantStore.Key(namespace, id));
    }
    return keys;
  }

  private static String sourceOf(Call c) {
    return c.isJsonBody() ? FlowSources.fromJson(c.json()) : c.text();
  }

  private static boolean draft(Call c) {
    return c.version().drafts() && c.flag("draft", false);
  }

  /** A missing flow: Kestra's controller returns nothing, and the framework answers a bare "Not Found". */
  private static ApiException missing(String namespace, String id) {
    return ApiException.notFound("");
  }
}
