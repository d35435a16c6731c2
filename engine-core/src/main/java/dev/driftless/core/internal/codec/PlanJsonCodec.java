package dev.driftless.core.internal.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.core.internal.diff.TextDiff;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Diff;
import dev.driftless.plan.Edit;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.plan.Reconciliation;
import dev.driftless.plan.SnapshotRef;
import dev.driftless.policy.Guards;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.OnConflict;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan JSON format, version 4. Field names are snake_case; enums are lower-case labels.
 *
 * <p>Version 2 sealed the file: {@code digest} is a SHA-256 of everything else in it as this codec
 * writes it (compact, fields in their fixed order), and reading checks it, then checks that every
 * derived field (the summary, {@code applyable}) agrees with the rest and that nothing was added.
 * So a plan file edited after it was made (its diffs, reasons, names, warnings) is refused rather
 * than shown; a change in layout (spaces, field order) is not a change of the plan. The digest is
 * not a signature: who can write the file can write a matching digest, which is why applying a saved
 * plan also plans again and requires the same plan, field for field ({@link #difference}).
 * Version 1 files, which had no digest, are refused with the advice to plan again.
 *
 * <p>Version 3 names a snapshot scope's children {@code include_child_namespaces}, the policy's word,
 * where version 2 wrote {@code include_children}, and adds the policy's {@code protected_resources}
 * (each a kind, a namespace and a name; empty in every version 2 plan). A version 2 file is still
 * read, and its seal checked against the tree version 2 wrote, so a plan saved before stays valid
 * and an edited one is still refused.
 *
 * <p>Version 4 adds the policy's {@code two_way} and {@code on_conflict}, and {@code baseline}: null
 * for a one-way plan; for a two-way plan the identity of the baseline it was made from and one
 * reconciliation per resource (its key, what each side did since the baseline, the baseline's
 * fingerprint, the next one and whether the plan settles it). Versions 2 and 3 are read as one-way plans.
 *
 * <p>Version 5 adds the guard's {@code min_population} and {@code allowed_deletes} (null for none).
 * An older file's guard is read as it meant then: a population of 0 (its rules judge every side)
 * and no deletions allowed in advance.
 */
public final class PlanJsonCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern CHANGE_PATH = Pattern.compile("'changes\\[(\\d+)]\\.?(.*)'");
  /** The oldest version read: the first sealed one. */
  private static final int OLDEST_READ = 2;

  private PlanJsonCodec() {}

  // ---------------------------------------------------------------------------------------------
  // Writing

  public static String write(Plan plan) {
    ObjectNode content = tree(plan, Plan.FORMAT_VERSION);
    ObjectNode root = NODES.objectNode();
    root.set("format_version", content.get("format_version"));
    root.set("plan_id", content.get("plan_id"));
    root.put("digest", digestOf(content));
    content.fields().forEachRemaining(e -> root.putIfAbsent(e.getKey(), e.getValue()));
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

  /** The digest {@link #write} seals a plan's file with: {@code sha256:} and 64 hex digits. */
  public static String digest(Plan plan) {
    return digestOf(tree(plan, Plan.FORMAT_VERSION));
  }

  /**
   * Where two plans differ in anything written or drawn (the first such field, in file order), or
   * empty when they are the same plan in every field.
   */
  public static Optional<String> difference(Plan expected, Plan actual) {
    ObjectNode a = tree(expected, Plan.FORMAT_VERSION);
    return firstDifference(a, tree(actual, Plan.FORMAT_VERSION), "").map(path -> describe(path, a));
  }

  /** The plan as a file of this format version holds it, without its digest. */
  private static ObjectNode tree(Plan plan, int version) {
    ObjectNode root = NODES.objectNode();
    root.put("format_version", version);
    root.put("plan_id", plan.id());
    root.put("applyable", plan.isApplyable());
    ObjectNode snapshots = root.putObject("snapshots");
    snapshots.set("git", snapshot(plan.git(), version));
    snapshots.set("kestra", snapshot(plan.kestra(), version));
    root.set("policy", policy(plan.policy(), version));
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
    if (version >= 4) {
      if (plan.baseline().isPresent()) {
        ObjectNode baseline = root.putObject("baseline");
        baseline.put("identity", plan.baseline().get());
        ArrayNode rows = baseline.putArray("reconciliations");
        for (Reconciliation r : plan.reconciliations()) {
          ObjectNode row = key(r.key());
          row.put("git", r.git().label());
          row.put("kestra", r.kestra().label());
          putOptional(row, "base", r.base().map(Fingerprint::value));
          putOptional(row, "next", r.next().map(Fingerprint::value));
          row.put("settled", r.settled());
          rows.add(row);
        }
      } else {
        root.putNull("baseline");
      }
    }
    return root;
  }

  private static String digestOf(ObjectNode content) {
    try {
      byte[] canonical = MAPPER.writeValueAsBytes(content);
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a plan tree always serialises", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  private static ObjectNode snapshot(SnapshotRef ref, int version) {
    ObjectNode node = NODES.objectNode();
    node.put("identity", ref.identity());
    node.set("scope", scope(ref.scope(), version));
    return node;
  }

  private static ObjectNode scope(Scope scope, int version) {
    ObjectNode node = NODES.objectNode();
    ArrayNode namespaces = node.putArray("namespaces");
    new TreeSet<>(scope.namespaces()).forEach(namespaces::add);
    node.put(childNamespacesField(version), scope.includeChildNamespaces());
    node.put("tenant_wide", scope.tenantWide());
    node.set("kinds", kinds(scope.kinds()));
    return node;
  }

  /** The scope's field for {@link Scope#includeChildNamespaces()}: version 2 called it {@code include_children}. */
  private static String childNamespacesField(int version) {
    return version == 2 ? "include_children" : "include_child_namespaces";
  }

  private static ArrayNode kinds(Set<ResourceKind> kinds) {
    ArrayNode node = NODES.arrayNode();
    if (!kinds.isEmpty()) {
      EnumSet.copyOf(kinds).forEach(k -> node.add(k.label()));
    }
    return node;
  }

  private static ObjectNode policy(Policy p, int version) {
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
    if (version >= 3) {
      ArrayNode protectedResources = node.putArray("protected_resources");
      new TreeSet<>(p.protectedResources()).forEach(k -> protectedResources.addObject()
          .put("kind", k.kind().label()).put("namespace", k.namespace()).put("name", k.name()));
    }
    node.put("on_invalid_syntax", label(p.onInvalidSyntax()));
    ArrayNode mapping = node.putArray("namespace_mapping");
    for (NamespaceMapping.Rule rule : p.namespaceMapping().rules()) {
      mapping.addObject().put("from", rule.from()).put("to", rule.to());
    }
    node.put("include_child_namespaces", p.includeChildNamespaces());
    if (version >= 4) {
      node.put("two_way", p.twoWay());
      node.put("on_conflict", label(p.onConflict()));
    }
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
    if (version >= 5) {
      guards.put("min_population", p.guards().minPopulation());
      if (p.guards().allowedDeletes().isPresent()) {
        guards.put("allowed_deletes", p.guards().allowedDeletes().getAsInt());
      } else {
        guards.putNull("allowed_deletes");
      }
    }
    return node;
  }

  /** The change's fields as its diff row holds them, the action as a one-entry array; then what is not flat. */
  private static ObjectNode change(Change c) {
    ObjectNode node = NODES.objectNode();
    ChangeFields.of(c).forEach((field, value) -> {
      if (field.equals(ChangeFields.ACTION)) {
        node.putArray("actions").add(value);
      } else if (value == null) {
        node.putNull(field);
      } else {
        node.put(field, value);
      }
    });
    ArrayNode deps = node.putArray("depends_on");
    c.dependsOn().forEach(k -> deps.add(key(k)));
    putOptional(node, "diff", c.diff().map(Diff::text));
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
    return ChangeFields.label(value);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /**
   * Reads a plan file, checking its seal.
   *
   * @param origin what the text is, to begin each message with ("the plan file plan.json")
   */
  public static Plan read(String json, String origin) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(origin + " is not a Driftless plan: invalid JSON at line "
          + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(origin + " is not a Driftless plan: expected a JSON object");
    }
    int version;
    try {
      version = Reader.integer(root, "format_version");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " is not a Driftless plan: " + e.getMessage(), e);
    }
    if (version > Plan.FORMAT_VERSION) {
      throw new IllegalArgumentException(origin + " has plan format_version " + version
          + ", written by a newer Driftless; this one reads versions up to " + Plan.FORMAT_VERSION);
    }
    if (version == 1) {
      throw new IllegalArgumentException(origin + " has plan format_version 1, written by an older Driftless"
          + " that did not seal plan files against changes; plan again to get a plan of version "
          + Plan.FORMAT_VERSION);
    }
    if (version < OLDEST_READ) {
      throw new IllegalArgumentException(origin + " has plan format_version " + version + ", not a known format");
    }
    Plan plan;
    try {
      plan = new Reader(version).plan(root);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException(origin + " is not a Driftless plan: " + e.getMessage(), e);
    }
    ObjectNode expected = tree(plan, version);
    JsonNode digest = root.get("digest");
    if (digest == null || !digest.isTextual()) {
      throw new IllegalArgumentException(origin + " was changed after it was made: its digest is missing. Plan again"
          + " rather than edit a plan file");
    }
    if (!digest.textValue().equals(digestOf(expected))) {
      throw new IllegalArgumentException(origin + " was changed after it was made: its content does not match"
          + " its digest. Plan again rather than edit a plan file");
    }
    ObjectNode given = root.deepCopy();
    given.remove("digest");
    Optional<String> odd = firstDifference(expected, given, "");
    if (odd.isPresent()) {
      throw new IllegalArgumentException(origin + " was changed after it was made: " + odd.get()
          + " does not agree with the rest of the plan. Plan again rather than edit a plan file");
    }
    return plan;
  }

  /** The first path at which two trees differ, in the order of {@code expected}'s fields. */
  private static Optional<String> firstDifference(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject() && actual.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        JsonNode other = actual.get(e.getKey());
        if (other == null) {
          return Optional.of("'" + at + "'");
        }
        Optional<String> inside = firstDifference(e.getValue(), other, at);
        if (inside.isPresent()) {
          return inside;
        }
      }
      for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!expected.has(name)) {
          return Optional.of("'" + (path.isEmpty() ? name : path + "." + name) + "'");
        }
      }
      return Optional.empty();
    }
    if (expected.isArray() && actual.isArray()) {
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        Optional<String> inside = firstDifference(expected.get(i), actual.get(i), path + "[" + i + "]");
        if (inside.isPresent()) {
          return inside;
        }
      }
      return expected.size() == actual.size() ? Optional.empty() : Optional.of("'" + path + "'");
    }
    return expected.equals(actual) ? Optional.empty() : Optional.of("'" + path + "'");
  }

  /** A path of a plan's tree for people: the change's address, where the path is in a change. */
  private static String describe(String quotedPath, ObjectNode tree) {
    Matcher m = CHANGE_PATH.matcher(quotedPath);
    if (m.matches()) {
      JsonNode change = tree.path("changes").path(Integer.parseInt(m.group(1)));
      String field = m.group(2).isEmpty() ? "" : "'" + m.group(2) + "' of ";
      return change.has("address") ? field + "the change to " + change.get("address").asText() : quotedPath;
    }
    return quotedPath;
  }

  /** Reads fields of a file of one format version, with messages that name the JSON path of the problem. */
  private static final class Reader {

    private final int version;

    Reader(int version) {
      this.version = version;
    }

    Plan plan(JsonNode root) {
      JsonNode snapshots = object(root, "snapshots");
      Plan.Builder plan = Plan.builder()
          .id(text(root, "plan_id"))
          .git(snapshot(object(snapshots, "git"), Side.GIT, "snapshots.git"))
          .kestra(snapshot(object(snapshots, "kestra"), Side.KESTRA, "snapshots.kestra"))
          .policy(policy(object(root, "policy")));
      int i = 0;
      for (JsonNode change : array(root, "changes")) {
        plan.addChanges(change(change, "changes[" + i++ + "]"));
      }
      i = 0;
      for (JsonNode diagnostic : array(root, "diagnostics")) {
        plan.addDiagnostics(diagnostic(diagnostic, "diagnostics[" + i++ + "]"));
      }
      JsonNode metadata = object(root, "metadata");
      for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw new IllegalArgumentException("metadata." + e.getKey() + ": not text");
        }
        plan.putMetadata(e.getKey(), e.getValue().textValue());
      }
      JsonNode baseline = root.get("baseline");
      if (version >= 4 && baseline != null && !baseline.isNull()) {
        plan.baseline(text(object(root, "baseline"), "identity"));
        int r = 0;
        for (JsonNode row : array(baseline, "reconciliations")) {
          plan.addReconciliations(reconciliation(row, "baseline.reconciliations[" + r++ + "]"));
        }
      }
      try {
        return plan.build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new IllegalArgumentException("not a valid plan: " + e.getMessage(), e);
      }
    }

    SnapshotRef snapshot(JsonNode node, Side side, String path) {
      JsonNode scope = object(node, "scope");
      try {
        return new SnapshotRef(side, text(node, "identity"), new Scope(Set.copyOf(strings(scope, "namespaces")),
            bool(scope, childNamespacesField(version)), bool(scope, "tenant_wide"), kindSet(scope, "kinds")));
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
      if (version >= 4) {
        p.twoWay(bool(node, "two_way"))
            .onConflict(enumValue(OnConflict.class, text(node, "on_conflict"), "policy.on_conflict"));
      }
      if (version >= 3) {
        for (JsonNode key : array(node, "protected_resources")) {
          p.addProtectedResources(key(key));
        }
      }
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
      // Before format 5 the guard had no population or allowance: 0 and none keep what it meant.
      JsonNode allowed = guards.get("allowed_deletes");
      p.guards(new Guards(bool(guards, "refuse_deleting_everything"),
          share == null || share.isNull() ? OptionalDouble.empty() : OptionalDouble.of(share.asDouble()),
          version >= 5 ? integer(guards, "min_population") : 0,
          version < 5 || allowed == null || allowed.isNull() ? OptionalInt.empty() : OptionalInt.of(allowed.asInt())));
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
            deps, optionalText(node, "diff").map(TextDiff::read));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
      }
    }

    Reconciliation reconciliation(JsonNode node, String path) {
      try {
        return new Reconciliation(key(node), Edit.fromLabel(text(node, "git")), Edit.fromLabel(text(node, "kestra")),
            optionalText(node, "base").map(Fingerprint::parse), optionalText(node, "next").map(Fingerprint::parse),
            bool(node, "settled"));
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

    static int integer(JsonNode node, String field) {
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
