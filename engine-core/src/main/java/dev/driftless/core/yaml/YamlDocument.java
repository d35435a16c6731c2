package dev.driftless.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.core.internal.yaml.BlockStyleScan;
import dev.driftless.core.internal.yaml.NamespaceRewrite;
import dev.driftless.core.internal.yaml.YamlParsing;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One parsed YAML document, with the exact text it came from.
 *
 * <p>A document is a single YAML mapping with no duplicate keys. Comparison is by meaning: two
 * documents are the {@linkplain #sameAs same} when their trees are equal, ignoring the keys the
 * server manages ({@code revision}, {@code deleted}, {@code updated}); comments, quoting and layout
 * never matter there.
 */
public final class YamlDocument implements ParsedYaml {

  /** Top-level keys Kestra manages itself; they never make two documents differ in meaning. */
  public static final Set<String> SERVER_MANAGED_KEYS = Set.of("revision", "deleted", "updated");

  /**
   * The version of the rules {@link #parse} and {@link #identityProblem} judge a text by. Bump it
   * whenever they may judge some text differently: what was remembered under the old rules (a
   * Git cache's verdicts) is then dropped.
   */
  private static final int RULES = 4;

  private final String text;
  private final ObjectNode root;

  private YamlDocument(String text, ObjectNode root) {
    this.text = text;
    this.root = root;
  }

  /**
   * Names the rules a text is judged by: {@link #RULES} and the versions of the YAML libraries, whose
   * messages and limits are part of the verdict. Equal names, equal verdicts.
   */
  public static String rulesVersion() {
    return RULES + "/jackson-dataformat-yaml " + com.fasterxml.jackson.dataformat.yaml.PackageVersion.VERSION
        + "/snakeyaml " + Optional.ofNullable(org.yaml.snakeyaml.Yaml.class.getPackage().getImplementationVersion())
        .orElse("unknown");
  }

  /**
   * Parses a text, in bounded time and memory: a text longer than 8 Mi characters, holding more than
   * 100,000 keys and values, or nested deeper than 200 levels is a problem that names the limit.
   */
  public static ParsedYaml parse(String text) {
    return YamlParsing.parse(text).fold(p -> p, root -> new YamlDocument(text, root));
  }

  /** Parses content, which must be UTF-8 text. */
  public static ParsedYaml parse(Content content) {
    Optional<String> text = content.text();
    if (text.isEmpty()) {
      return YamlProblem.of("not UTF-8 text");
    }
    return parse(text.get());
  }

  /**
   * What a text declares of itself when it is certainly a valid resource of {@code kind}: exactly
   * the {@link #id()} and {@link #namespace()} that {@link #parse(Content)} gives when it finds no
   * problem and {@link #identityProblem} finds none either, but found without building a tree, for
   * texts in the plain block style most files are written in. Empty when that cannot be told so
   * (another style, or anything wrong with the text): parse the text then, which also says what is
   * wrong with it.
   */
  public static Optional<DeclaredIdentity> declaredQuickly(Content content, ResourceKind kind) {
    if (!kind.isYaml()) {
      throw new IllegalArgumentException(kind.label() + " is not a YAML kind");
    }
    Optional<DeclaredIdentity> declared = content.text().flatMap(BlockStyleScan::scan);
    if (declared.isEmpty()) {
      return declared;
    }
    // The rules of identityProblem, for an id and a namespace that are each absent or a string.
    Optional<String> id = declared.get().id();
    Optional<String> namespace = declared.get().namespace();
    if (id.isEmpty()) {
      return kind == ResourceKind.DASHBOARD ? declared : Optional.empty();
    }
    if (id.get().isBlank() || (kind.isNamespaced() && namespace.isEmpty())) {
      return Optional.empty();
    }
    // ResourceKey.problem checks the namespace first, as identityProblem does
    boolean valid = ResourceKey.problem(kind, kind.isNamespaced() ? namespace.get() : "", id.get()).isEmpty();
    return valid ? declared : Optional.empty();
  }

  /** The text it was parsed from, byte for byte. */
  public String text() {
    return text;
  }

  /** A top-level string field. */
  public Optional<String> field(String name) {
    JsonNode node = root.get(name);
    return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
  }

  public Optional<String> id() {
    return field("id");
  }

  public Optional<String> namespace() {
    return field("namespace");
  }

  /** Top-level field names, in document order. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * What is wrong with this document as a resource of the given kind: a missing or non-text
   * {@code id}, a missing {@code namespace} for namespaced kinds, an id or namespace Kestra would
   * refuse. Dashboards may omit their id (servers before 2.0 assign it). {@link #declaredQuickly}
   * applies the same rules: change both together.
   */
  public Optional<YamlProblem> identityProblem(ResourceKind kind) {
    if (!kind.isYaml()) {
      throw new IllegalArgumentException(kind.label() + " is not a YAML kind");
    }
    JsonNode id = root.get("id");
    if (id == null || id.isNull()) {
      if (kind == ResourceKind.DASHBOARD) {
        return Optional.empty();
      }
      return Optional.of(YamlProblem.of("has no 'id'"));
    }
    if (!id.isTextual() || id.textValue().isBlank()) {
      return Optional.of(YamlProblem.of("'id' must be a non-empty string"));
    }
    if (kind.isNamespaced()) {
      JsonNode ns = root.get("namespace");
      if (ns == null || ns.isNull()) {
        return Optional.of(YamlProblem.of("has no 'namespace'"));
      }
      if (!ns.isTextual()) {
        return Optional.of(YamlProblem.of("'namespace' must be a string"));
      }
      Optional<String> nsProblem = ResourceKey.namespaceProblem(ns.textValue());
      if (nsProblem.isPresent()) {
        return Optional.of(YamlProblem.of(nsProblem.get()));
      }
    }
    Optional<String> keyProblem = ResourceKey.problem(kind, kind.isNamespaced() ? root.get("namespace").textValue() : "",
        id.textValue());
    return keyProblem.map(YamlProblem::of);
  }

  /**
   * The flows this document names by {@code namespace} + {@code flowId} anywhere in its tree
   * (subflow tasks, flow triggers and their conditions, a test's or an app's flow), in document
   * order, without duplicates. Templated values ({@code {{ ... }}}) are not references.
   */
  public List<FlowReference> flowReferences() {
    Set<FlowReference> refs = new LinkedHashSet<>();
    collect(root, refs);
    return List.copyOf(refs);
  }

  private static void collect(JsonNode node, Set<FlowReference> refs) {
    if (node.isObject()) {
      JsonNode ns = node.get("namespace");
      JsonNode flowId = node.get("flowId");
      if (ns != null && flowId != null && ns.isTextual() && flowId.isTextual()
          && isLiteral(ns.textValue()) && isLiteral(flowId.textValue())
          && ResourceKey.problem(ResourceKind.FLOW, ns.textValue(), flowId.textValue()).isEmpty()) {
        refs.add(new FlowReference(ns.textValue(), flowId.textValue()));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        collect(it.next().getValue(), refs);
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collect(child, refs);
      }
    }
  }

  private static boolean isLiteral(String value) {
    return !value.contains("{{") && !value.contains("{%");
  }

  /** Whether both documents mean the same, ignoring {@link #SERVER_MANAGED_KEYS}. */
  public boolean sameAs(YamlDocument other) {
    return withoutServerKeys(root).equals(withoutServerKeys(other.root));
  }

  private static JsonNode withoutServerKeys(ObjectNode node) {
    boolean has = false;
    for (String key : SERVER_MANAGED_KEYS) {
      has |= node.has(key);
    }
    if (!has) {
      return node;
    }
    ObjectNode copy = node.deepCopy();
    copy.remove(SERVER_MANAGED_KEYS);
    return copy;
  }

  /**
   * This document with its top-level {@code namespace:} value replaced and every other byte kept:
   * comments, quotes (the value keeps its quoting style), blank lines, line endings. Nested
   * {@code namespace:} keys (tasks, subflow references) are never touched.
   *
   * @return the rewritten document, or the problem when there is no plain top-level namespace value
   */
  public ParsedYaml withNamespace(String namespace) {
    ResourceKey.namespaceProblem(namespace).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    if (namespace().filter(namespace::equals).isPresent()) {
      return this;
    }
    return NamespaceRewrite.rewrite(text, namespace).fold(p -> p, YamlDocument::parse);
  }

  @Override
  public Optional<YamlDocument> document() {
    return Optional.of(this);
  }

  @Override
  public Optional<YamlProblem> problem() {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "YamlDocument[" + id().orElse("?") + "]";
  }
}
