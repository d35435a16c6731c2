package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * {@code /tests}: test suites, Enterprise only, since about 0.23. Keyed by namespace and id. A suite
 * needs an {@code id}, a {@code namespace} and a {@code flowId}; its {@code testCases}, when given,
 * are a list of mappings each with an {@code id} and a {@code type}, and their {@code assertions} a
 * list of mappings (the SDK's {@code UnitTest} and {@code Assertion} cannot read anything else).
 */
public final class TestsApi {

  private static final String[] REQUIRED = {"id", "namespace", "flowId"};

  private TestsApi() {
  }

  public static void register(Router router, EmulatorSettings config) {
    boolean on = config.enterprise() && config.version().testSuites();
    router.add(on, "POST", "/tests", TestsApi::create).consumes(Router.YAML)
        .add(on, "GET", "/tests/search", TestsApi::search)
        .add(on, "POST", "/tests/validate", TestsApi::validate).consumes(Router.YAML)
        .add(on, "DELETE", "/tests/by-ids", TestsApi::deleteByIds)
        .add(on, "GET", "/tests/{namespace}/{id}", TestsApi::get)
        .add(on, "PUT", "/tests/{namespace}/{id}", TestsApi::update).consumes(Router.YAML)
        .add(on, "DELETE", "/tests/{namespace}/{id}", TestsApi::delete);
  }

  static Reply create(Call c) {
    String source = c.text();
    ObjectNode tree = parse(source);
    TenantStore.Key key = new TenantStore.Key(FlowSources.text(tree, "namespace"), FlowSources.text(tree, "id"));
    if (c.data().tests().containsKey(key)) {
      throw ApiException.alreadyExists(c.version(), "id", "Test suite id already exists",
          "Test suite " + key.namespace() + "." + key.id() + " already exists");
    }
    Instant now = Instant.now();
    TenantStore.TestSuite saved = new TenantStore.TestSuite(key.namespace(), key.id(), source, now, now);
    c.data().tests().put(key, saved);
    return Reply.ok(render(saved, c, true));
  }

  static Reply get(Call c) {
    return Reply.ok(render(find(c), c, true));
  }

  static Reply update(Call c) {
    TenantStore.TestSuite existing = find(c);
    String source = c.text();
    ObjectNode tree = parse(source);
    List<ConstraintViolation> errors = new ArrayList<>();
    if (!FlowSources.text(tree, "id").equals(existing.id())) {
      errors.add(new ConstraintViolation("id", "Illegal test suite id update"));
    }
    if (!FlowSources.text(tree, "namespace").equals(existing.namespace())) {
      errors.add(new ConstraintViolation("namespace", "Illegal namespace update"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.violations(errors);
    }
    TenantStore.TestSuite saved = new TenantStore.TestSuite(
        existing.namespace(), existing.id(), source, existing.created(), Instant.now());
    c.data().tests().put(new TenantStore.Key(saved.namespace(), saved.id()), saved);
    return Reply.ok(render(saved, c, true));
  }

  static Reply delete(Call c) {
    TenantStore.TestSuite existing = find(c);
    c.data().tests().remove(new TenantStore.Key(existing.namespace(), existing.id()));
    return Reply.noContent();
  }

  static Reply search(Call c) {
    Call.Page page = c.page();
    String namespace = c.query("namespace").orElse("");
    boolean children = c.flag("includeChildNamespaces", false);
    String flowId = c.query("flowId").orElse("");
    String q = c.query("q").orElse("");
    List<TenantStore.TestSuite> all = c.data().tests().values().stream()
        .filter(t -> namespace.isEmpty() || t.namespace().equals(namespace)
            || (children && t.namespace().startsWith(namespace + ".")))
        .filter(t -> flowId.isEmpty() || flowId.equals(Sources.tryParse(t.source())
            .map(tree -> FlowSources.text(tree, "flowId")).orElse("")))
        .filter(t -> q.isEmpty() || t.id().contains(q))
        .toList();
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    page.slice(all).forEach(t -> results.add(render(t, c, false)));
    out.put("total", all.size());
    return Reply.ok(out);
  }

  static Reply validate(Call c) {
    return Reply.ok(Sources.validation(c.text(), TestsApi::parse));
  }

  /**
   * Parses and checks a suite: the required fields, then the shape of {@code testCases}.
   *
   * @throws ApiException 422 with every violation
   */
  private static ObjectNode parse(String source) {
    ObjectNode tree = Sources.parse(source, REQUIRED);
    List<ConstraintViolation> errors = new ArrayList<>();
    JsonNode cases = tree.get("testCases");
    if (cases != null && !cases.isNull()) {
      if (!cases.isArray()) {
        errors.add(new ConstraintViolation("testCases", "must be a list of test cases"));
      } else {
        for (int i = 0; i < cases.size(); i++) {
          String at = "testCases[" + i + "]";
          JsonNode testCase = cases.get(i);
          if (!testCase.isObject()) {
            errors.add(new ConstraintViolation(at, "must be a mapping with an id and a type"));
            continue;
          }
          for (String field : List.of("id", "type")) {
            if (FlowSources.text(testCase, field).isEmpty()) {
              errors.add(new ConstraintViolation(at + "." + field, "must not be null"));
            }
          }
          JsonNode assertions = testCase.get("assertions");
          if (assertions != null && !assertions.isNull()
              && (!assertions.isArray() || !StreamSupport.stream(assertions.spliterator(), false)
                  .allMatch(JsonNode::isObject))) {
            errors.add(new ConstraintViolation(at + ".assertions", "must be a list of assertions"));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.violations(errors);
    }
    return tree;
  }

  static Reply deleteByIds(Call c) {
    JsonNode body = c.json();
    int count = 0;
    for (TenantStore.Key key : FlowsApi.ids(body)) {
      if (c.data().tests().remove(key) != null) {
        count++;
      }
    }
    ObjectNode out = Json.object();
    out.put("count", count);
    return Reply.ok(out);
  }

  private static TenantStore.TestSuite find(Call c) {
    TenantStore.Key key = new TenantStore.Key(c.param("namespace"), c.param("id"));
    TenantStore.TestSuite t = c.data().tests().get(key);
    if (t == null) {
      throw ApiException.notFound("Test suite " + key.namespace() + "." + key.id() + " not found");
    }
    return t;
  }

  static ObjectNode render(TenantStore.TestSuite t, Call c, boolean withSource) {
    ObjectNode out = Json.object();
    out.put("id", t.id());
    out.put("namespace", t.namespace());
    if (c.config().mode().tenantInPath()) {
      out.put("tenantId", c.tenant());
    }
    Sources.copy(t.source(), out, Set.of("id", "namespace", "source", "tenantId", "deleted"));
    if (withSource) {
      out.put("source", t.source());
    }
    out.put("deleted", false);
    out.put("created", Json.time(t.created()));
    out.put("updated", Json.time(t.updated()));
    return out;
  }
}
