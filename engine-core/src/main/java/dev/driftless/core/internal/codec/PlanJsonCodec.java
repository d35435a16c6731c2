package dev.driftless.core.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.plan.SnapshotRef;
import dev.driftless.policy.Guards;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The plan JSON format, version 1. Field names are snake_case; enums are lower-case labels. */
public final class PlanJsonCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlanJsonCodec() {}

  // ---------------------------------------------------------------------------------------------
  // Writing

  public static String write(Plan plan) {
    ObjectNode root = NODES.objectNode();
    root.put("format_version", Plan.FORMAT_VERSION);
    root.put("plan_id", plan.id());
    root.put("applyable", plan.isApplyable());
    ObjectNode snapshots = root.putObject("snapshots");
    snapshots.set("git", snapshot(plan.git()));
    snapshots.set("kestra", snapshot(plan.kestra()));
    root.set("policy", policy(plan.policy()));
    ObjectNode summary = root.putObject("summary");
    summary.put("create", plan.summary().create());
    summary.put("update", plan.summary().update());
    summary.put("delete", plan.summary().delete());
    summary.put("keep", plan.summary().keep());
    summary.put("protected", plan.summary().protect());
    summary.put("blocked", plan.summary().blocked());
    summary.put("no_op", plan.summary().noOp());
    ArrayNode changes = root.putArray("changes");
    plan.changes().forEach(c -> changes.add(change(c)));
    ArrayNode diagnostics = root.putArray("diagnostics");
    plan.diagnostics().forEach(d -> diagnostics.add(diagnostic(d)));
    ObjectNode metadata = root.putObject("metadata");
    new TreeMap<>(plan.metadata()).forEach(metadata::put);
    try {
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
          .withSeparators(Separators.createDefaultInstance()
              .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
              .withObjectEmptySeparator("")
              .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      return MAPPER.writer(printer).with(JsonEscapes.INSTANCE).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan tree always serialises", e);
    }
  }

  private static ObjectNode snapshot(SnapshotRef ref) {
    ObjectNode node = NODES.objectNode();
    node.put("identity", ref.identity());
    node.set("scope", scope(ref.scope()));
    return node;
  }

  private static ObjectNode scope(Scope scope) {
    ObjectNode node = NODES.objectNode();
    ArrayNode namespaces = node.putArray("namespaces");
    new TreeSet<>(scope.namespaces()).forEach(namespaces::add);
    node.put("include_children", scope.includeChildren());
    node.put("tenant_wide", scope.tenantWide());
    node.set("kinds", kinds(scope.kinds()));
    return node;
  }

  private static ArrayNode kinds(Set<ResourceKind> kinds) {
    ArrayNode node = NODES.arrayNode();
    if (!kinds.isEmpty()) {
      EnumSet.copyOf(kinds).forEach(k -> node.add(k.label()));
    }
    return node;
  }

  private static ObjectNode policy(Policy p) {
    ObjectNode node = NODES.objectNode();
    node.put("source_of_truth", label(p.sourceOfTruth()));
    ObjectNode byKind = node.putObject("source_of_truth_by_kind");
    for (ResourceKind kind : ResourceKind.values()) {
      Side side = p.sourceOfTruthByKind().get(kind);
      if (side != null) {
        byKind.put(kind.label(), label(side));
      }
    }
    node.put("when_missing_in_source", label(p.whenMissingInSource()));
    ArrayNode protectedNs = node.putArray("protected_namespaces");
    new TreeSet<>(p.protectedNamespaces()).forEach(protectedNs::add);
    node.put("on_invalid_syntax", label(p.onInvalidSyntax()));
    ArrayNode mapping = node.putArray("namespace_mapping");
    for (NamespaceMapping.Rule rule : p.namespaceMapping().rules()) {
      mapping.addObject().put("from", rule.from()).put("to", rule.to());
    }
    node.put("include_child_namespaces", p.includeChildNamespaces());
    ObjectNode selector = node.putObject("selector");
    selector.set("kinds", kinds(p.selector().kinds()));
    ArrayNode includes = selector.putArray("includes");
    p.selector().includes().forEach(includes::add);
    ArrayNode excludes = selector.putArray("excludes");
    p.selector().excludes().forEach(excludes::add);
    ObjectNode guards = node.putObject("guards");
    guards.put("refuse_deleting_everything", p.guards().refuseDeletingEverything());
    if (p.guards().maxDeleteShare().isPresent()) {
      guards.put("max_delete_share", p.guards().maxDeleteShare().getAsDouble());
    } else {
      guards.putNull("max_delete_share");
    }
    return node;
  }

  private static ObjectNode change(Change c) {
    ObjectNode node = NODES.objectNode();
    node.put("address", c.key().address());
    node.put("kind", c.key().kind().label());
    node.put("namespace", c.key().namespace());
    node.put("name", c.key().name());
    node.put("source_namespace", c.sourceKey().namespace());
    node.put("side", label(c.side()));
    node.putArray("actions").add(c.action().label());
    node.put("reason", c.reason().label());
    putOptional(node, "before", c.before().map(Fingerprint::value));
    putOptional(node, "after", c.after().map(Fingerprint::value));
    ArrayNode deps = node.putArray("depends_on");
    c.dependsOn().forEach(k -> deps.add(key(k)));
    putOptional(node, "diff", c.diff());
    return node;
  }

  private static ObjectNode key(ResourceKey key) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", key.kind().label());
    node.put("namespace", key.namespace());
    node.put("name", key.name());
    return node;
  }

  private static ObjectNode diagnostic(Diagnostic d) {
    ObjectNode node = NODES.objectNode();
    node.put("severity", d.severity().label());
    node.put("message", d.message());
    d.side().ifPresent(s -> node.put("side", label(s)));
    d.key().ifPresent(k -> node.set("key", key(k)));
    d.file().ifPresent(f -> node.put("file", f));
    d.line().ifPresent(l -> node.put("line", l));
    d.field().ifPresent(f -> node.put("field", f));
    return node;
  }

  private static void putOptional(ObjectNode node, String field, Optional<String> value) {
    if (value.isPresent()) {
      node.put(field, value.get());
    } else {
      node.putNull(field);
    }
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  public static Plan read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a plan: invalid JSON at line " + e.getLocation().getLineNr()
          + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a plan: expected a JSON object");
    }
    Reader r = new Reader();
    int version = r.integer(root, "format_version");
    if (version > Plan.FORMAT_VERSION) {
      throw new IllegalArgumentException("plan format_version " + version + " was written by a newer Driftless; "
          + "this one reads version " + Plan.FORMAT_VERSION);
    }
    if (version < 1) {
      throw new IllegalArgumentException("plan format_version " + version + " is not a known format");
    }
    JsonNode snapshots = r.object(root, "snapshots");
    Plan.Builder plan = Plan.builder()
        .id(r.text(root, "plan_id"))
        .git(r.snapshot(r.object(snapshots, "git"), Side.GIT, "snapshots.git"))
        .kestra(r.snapshot(r.object(snapshots, "kestra"), Side.KESTRA, "snapshots.kestra"))
        .policy(r.policy(r.object(root, "policy")));
    int i = 0;
    for (JsonNode change : r.array(root, "changes")) {
      plan.addChanges(r.change(change, "changes[" + i++ + "]"));
    }
    i = 0;
    for (JsonNode diagnostic : r.array(root, "diagnostics")) {
      plan.addDiagnostics(r.diagnostic(diagnostic, "diagnostics[" + i++ + "]"));
    }
    JsonNode metadata = root.get("metadata");
    if (metadata != null && metadata.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        plan.putMetadata(e.getKey(), e.getValue().asText());
      }
    }
    try {
      return plan.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException("not a valid plan: " + e.getMessage(), e);
    }
  }

  /** Reads fields with messages that name the JSON path of the problem. */
  private static final class Reader {

    SnapshotRef snapshot(JsonNode node, Side side, String path) {
      JsonNode scope = object(node, "scope");
      try {
        return new SnapshotRef(side, text(node, "identity"), new Scope(
            Set.copyOf(strings(scope, "namespaces")), bool(scope, "include_children"), bool(scope, "tenant_wide"),
            kindSet(scope, "kinds")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    Policy policy(JsonNode node) {
      Policy.Builder p = Policy.builder()
          .sourceOfTruth(side(text(node, "source_of_truth"), "policy.source_of_truth"))
          .whenMissingInSource(enumValue(WhenMissing.class, text(node, "when_missing_in_source"), "policy.when_missing_in_source"))
          .protectedNamespaces(Set.copyOf(strings(node, "protected_namespaces")))
          .onInvalidSyntax(enumValue(OnInvalidSyntax.class, text(node, "on_invalid_syntax"), "policy.on_invalid_syntax"))
          .includeChildNamespaces(bool(node, "include_child_namespaces"));
      JsonNode byKind = object(node, "source_of_truth_by_kind");
      for (Iterator<Map.Entry<String, JsonNode>> it = byKind.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        p.putSourceOfTruthByKind(kind(e.getKey(), "policy.source_of_truth_by_kind"),
            side(e.getValue().asText(), "policy.source_of_truth_by_kind." + e.getKey()));
      }
      List<NamespaceMapping.Rule> rules = new ArrayList<>();
      for (JsonNode rule : array(node, "namespace_mapping")) {
        rules.add(new NamespaceMapping.Rule(text(rule, "from"), text(rule, "to")));
      }
      p.namespaceMapping(new NamespaceMapping(rules));
      JsonNode selector = object(node, "selector");
      p.selector(Selector.of(kindSet(selector, "kinds"), strings(selector, "includes"), strings(selector, "excludes")));
      JsonNode guards = object(node, "guards");
      JsonNode share = guards.get("max_delete_share");
      p.guards(new Guards(bool(guards, "refuse_deleting_everything"),
          share == null || share.isNull() ? OptionalDouble.empty() : OptionalDouble.of(share.asDouble())));
      try {
        return p.build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new IllegalArgumentException("policy: " + e.getMessage(), e);
      }
    }

    Change change(JsonNode node, String path) {
      try {
        ResourceKind kind = kind(text(node, "kind"), path + ".kind");
        ResourceKey key = new ResourceKey(kind, text(node, "namespace"), text(node, "name"));
        ResourceKey sourceKey = key.withNamespace(text(node, "source_namespace"));
        ArrayNode actions = array(node, "actions");
        if (actions.size() != 1) {
          throw new IllegalArgumentException("actions holds exactly one action");
        }
        List<ResourceKey> deps = new ArrayList<>();
        for (JsonNode dep : array(node, "depends_on")) {
          deps.add(key(dep));
        }
        return new Change(key, sourceKey, side(text(node, "side"), path + ".side"),
            Action.fromLabel(actions.get(0).asText()), Reason.fromLabel(text(node, "reason")),
            optionalText(node, "before").map(Fingerprint::parse), optionalText(node, "after").map(Fingerprint::parse),
            deps, optionalText(node, "diff"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    ResourceKey key(JsonNode node) {
      return new ResourceKey(kind(text(node, "kind"), "kind"), text(node, "namespace"), text(node, "name"));
    }

    Diagnostic diagnostic(JsonNode node, String path) {
      try {
        Severity severity = enumValue(Severity.class, text(node, "severity"), path + ".severity");
        JsonNode line = node.get("line");
        return new Diagnostic(severity, text(node, "message"),
            optionalText(node, "side").map(s -> side(s, path + ".side")),
            node.has("key") ? Optional.of(key(node.get("key"))) : Optional.empty(),
            optionalText(node, "file"),
            line == null || line.isNull() ? OptionalInt.empty() : OptionalInt.of(line.asInt()),
            optionalText(node, "field"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    JsonNode object(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isObject()) {
        throw new IllegalArgumentException("missing object '" + field + "'");
      }
      return value;
    }

    ArrayNode array(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isArray()) {
        throw new IllegalArgumentException("missing array '" + field + "'");
      }
      return (ArrayNode) value;
    }

    String text(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual()) {
        throw new IllegalArgumentException("missing text '" + field + "'");
      }
      return value.textValue();
    }

    Optional<String> optionalText(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    int integer(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.canConvertToInt()) {
        throw new IllegalArgumentException("missing number '" + field + "'");
      }
      return value.asInt();
    }

    boolean bool(JsonNode node, String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isBoolean()) {
        throw new IllegalArgumentException("missing boolean '" + field + "'");
      }
      return value.booleanValue();
    }

    List<String> strings(JsonNode node, String field) {
      List<String> out = new ArrayList<>();
      for (JsonNode item : array(node, field)) {
        out.add(item.asText());
      }
      return out;
    }

    Set<ResourceKind> kindSet(JsonNode node, String field) {
      Set<ResourceKind> out = EnumSet.noneOf(ResourceKind.class);
      for (String label : strings(node, field)) {
        out.add(kind(label, field));
      }
      return out;
    }

    ResourceKind kind(String label, String path) {
      try {
        return ResourceKind.fromLabel(label);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    Side side(String label, String path) {
      return enumValue(Side.class, label, path);
    }

    <E extends Enum<E>> E enumValue(Class<E> type, String label, String path) {
      try {
        return Enum.valueOf(type, label.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": unknown value '" + label + "'", e);
      }
    }
  }
}
