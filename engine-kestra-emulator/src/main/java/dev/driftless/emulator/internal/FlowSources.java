package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.emulator.FlowRevision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flow sources: reading them (their validation is {@link FlowValidator}'s), the flow JSON the API
 * returns, and the source rewrites Kestra performs.
 */
public final class FlowSources {

  /** Kestra's pattern for a namespace, as its {@code @Pattern} states it. */
  static final String NAMESPACE_REGEX = "^[a-z0-9][a-z0-9._-]*";
  private static final Pattern LENIENT_ID = Pattern.compile("(?m)^id\\s*:\\s*[\"']?([^\\s\"'#]+)");
  private static final Pattern LENIENT_NAMESPACE = Pattern.compile("(?m)^namespace\\s*:\\s*[\"']?([^\\s\"'#]+)");
  private static final Pattern DISABLED = Pattern.compile("(?m)^disabled[ \\t]*:[ \\t]*(true|false)[ \\t]*\\r?$");

  /** A parsed, valid flow. */
  public record Parsed(String namespace, String id, ObjectNode tree) {

    /** The tenant a top-level {@code tenantId:} names: Kestra stores the flow there. */
    public Optional<String> declaredTenant() {
      return Optional.of(text(tree, "tenantId")).filter(t -> !t.isEmpty());
    }
  }

  private FlowSources() {
  }

  /** Parses to a mapping or fails with a 422 violation. */
  static ObjectNode tree(String source) {
    Optional<JsonNode> node;
    try {
      node = Json.parseYaml(source);
    } catch (Json.YamlException e) {
      throw ApiException.violation("", "Invalid YAML: " + e.getMessage());
    }
    if (node.isEmpty() || !node.get().isObject()) {
      throw ApiException.violation("", "Invalid YAML: the source must be a mapping");
    }
    return (ObjectNode) node.get();
  }

  /** A scalar field as text; empty when absent, null or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
  }

  /** The namespace and id of a source, read without validation and even from broken YAML. */
  public static Optional<TenantStore.Key> lenientKey(String source) {
    try {
      Optional<JsonNode> node = Json.parseYaml(source);
      if (node.isPresent() && node.get().isObject()) {
        String id = text(node.get(), "id");
        String namespace = text(node.get(), "namespace");
        if (!id.isEmpty() && !namespace.isEmpty()) {
          return Optional.of(new TenantStore.Key(namespace, id));
        }
      }
    } catch (Json.YamlException e) {
      // fall through to the line-based reading
    }
    Matcher id = LENIENT_ID.matcher(source);
    Matcher namespace = LENIENT_NAMESPACE.matcher(source);
    if (id.find() && namespace.find()) {
      return Optional.of(new TenantStore.Key(namespace.group(1), id.group(1)));
    }
    return Optional.empty();
  }

  /**
   * The flow JSON of a revision, as Kestra's {@code Flow} / {@code FlowWithSource}: the parsed
   * source's properties with {@code id}, {@code namespace}, {@code revision}, {@code disabled},
   * {@code deleted} and, when asked, {@code source}. A source that no longer parses is shown the
   * way Kestra shows a {@code FlowWithException}: the ids plus an {@code exception} message.
   */
  public static ObjectNode render(FlowRevision rev, Call call, boolean withSource) {
    ObjectNode out = Json.object();
    out.put("id", rev.id());
    out.put("namespace", rev.namespace());
    out.put("revision", rev.revision());
    if (call.config().mode().tenantInPath()) {
      out.put("tenantId", call.tenant());
    }
    Optional<ObjectNode> tree = Optional.empty();
    String exception = "";
    try {
      Optional<JsonNode> node = Json.parseYaml(rev.source());
      if (node.isPresent() && node.get().isObject()) {
        tree = Optional.of((ObjectNode) node.get());
      } else {
        exception = "the source is not a mapping";
      }
    } catch (Json.YamlException e) {
      exception = e.getMessage();
    }
    boolean disabled = false;
    if (tree.isPresent()) {
      for (Map.Entry<String, JsonNode> e : tree.get().properties()) {
        switch (e.getKey()) {
          case "id", "namespace", "revision", "deleted", "source", "tenantId", "updated" -> { }
          case "disabled" -> disabled = e.getValue().asBoolean(false);
          case "labels" -> out.set("labels", labels(e.getValue()));
          case "triggers", "sla" -> out.set(e.getKey(), withLabelLists(e.getValue()));
          default -> out.set(e.getKey(), e.getValue());
        }
      }
    } else {
      out.put("exception", exception);
    }
    out.put("disabled", disabled);
    out.put("deleted", rev.deleted());
    if (call.version().drafts()) {
      out.put("draft", rev.draft());
    }
    if (withSource) {
      out.put("source", servedSource(rev.source(), call.version()));
    }
    return out;
  }

  /**
   * Labels as Kestra serializes them: always a list of {@code {key, value}}, whether the source
   * wrote a map ({@code team: data}) or a list; values are strings.
   */
  static JsonNode labels(JsonNode labels) {
    ArrayNode out = Json.array();
    if (labels.isObject()) {
      labels.properties().forEach(e -> out.addObject().put("key", e.getKey()).put("value", scalar(e.getValue())));
    } else if (labels.isArray()) {
      for (JsonNode label : labels) {
        if (label.isObject()) {
          out.addObject().put("key", text(label, "key")).put("value", text(label, "value"));
        }
      }
    }
    return out;
  }

  /** A list of triggers or SLAs with each one's {@code labels} as Kestra serializes them. */
  private static JsonNode withLabelLists(JsonNode list) {
    if (!list.isArray()) {
      return list;
    }
    ArrayNode out = Json.array();
    for (JsonNode item : list) {
      if (item.isObject() && item.has("labels")) {
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.set("labels", labels(item.get("labels")));
        out.add(copy);
      } else {
        out.add(item);
      }
    }
    return out;
  }

  private static String scalar(JsonNode value) {
    return value.isValueNode() && !value.isNull() ? value.asText() : value.toString();
  }

  /**
   * The first line matching {@code ^revision: \d+} (with its line break), wherever it is: Kestra
   * removes it from the source it serves (0.20) or ignores it when it compares an update with what
   * it holds (0.21 on).
   */
  static final Pattern REVISION_LINE = Pattern.compile("(?m)^revision: \\d+\n?");

  /** The source as a server of this version serves what it stored. */
  public static String servedSource(String stored, KestraVersion version) {
    return version.stripsRevisionLine() ? withoutRevisionLine(stored) : stored;
  }

  static String withoutRevisionLine(String source) {
    return REVISION_LINE.matcher(source).replaceFirst("");
  }

  /**
   * The source of a JSON-bodied create or update (deprecated since 0.18): the {@code source}
   * property when the JSON carries one, otherwise YAML regenerated from the JSON, which loses
   * comments and layout.
   */
  public static String fromJson(JsonNode json) {
    if (!json.isObject()) {
      throw ApiException.illegalArgument("Invalid json mapping: a flow must be an object");
    }
    JsonNode source = json.get("source");
    if (source != null && source.isTextual()) {
      return source.asText();
    }
    ObjectNode copy = ((ObjectNode) json).deepCopy();
    copy.remove(List.of("revision", "deleted", "source", "tenantId", "updated", "draft"));
    return Json.toYaml(copy);
  }

  /**
   * Kestra's enable/disable rewrite: sets an existing top-level {@code disabled:} line to the
   * value, or appends one.
   */
  public static String withDisabled(String source, boolean disabled) {
    Matcher m = DISABLED.matcher(source);
    if (m.find()) {
      return source.substring(0, m.start(1)) + disabled + source.substring(m.end(1));
    }
    if (!disabled) {
      return source;
    }
    return source.endsWith("\n") ? source + "disabled: true\n" : source + "\ndisabled: true";
  }

  /**
   * The naive split of Kestra's bulk and namespace calls: {@code body.split("---")}, each part
   * trimmed. A {@code ---} anywhere (inside a block string, a comment, a value) splits there too.
   */
  public static List<String> naiveSplit(String body) {
    List<String> parts = new ArrayList<>();
    for (String part : body.split("---")) {
      parts.add(part.trim());
    }
    return parts;
  }
}
