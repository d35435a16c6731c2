package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kestra's injection of a flow's plugin defaults before it validates the flow: a required property
 * a default provides is not missing. Every mapping with a {@code type} whose text equals a default's
 * type or starts with it (a default for {@code io.kestra.plugin.core.log} applies to every log
 * plugin) takes the default's values: the plugin's own values win over a default, a forced default
 * wins over the plugin. Nested mappings merge, lists concatenate. A default for a deprecated alias
 * applies to its replacement too.
 */
final class PluginDefaults {

  /** One default of the flow. */
  private record Default(String type, boolean forced, ObjectNode values) {
  }

  private PluginDefaults() {
  }

  /**
   * The flow with its plugin defaults injected; the flow itself when it has none.
   *
   * @throws IllegalStateException with Kestra's message when a default is null or has no type:
   *                               Kestra's injection fails then
   */
  static JsonNode inject(ObjectNode flow, PluginCatalogue catalogue) {
    List<Default> defaults = new ArrayList<>();
    for (JsonNode d : declared(flow)) {
      if (d.isNull()) {
        throw new IllegalStateException("Cannot invoke \"io.kestra.core.models.flows.PluginDefault.getType()\" because "
            + "\"pluginDefault\" is null");
      }
      if (!d.isObject()) {
        continue;
      }
      Optional<String> type = FlowRules.scalarText(d.get("type"));
      if (type.isEmpty()) {
        throw new IllegalStateException("Cannot found plugin for null identifier");
      }
      JsonNode values = d.get("values");
      ObjectNode valueMap = values != null && values.isObject() ? (ObjectNode) values : Json.object();
      boolean forced = d.path("forced").asText().equalsIgnoreCase("true");
      defaults.add(new Default(type.get(), forced, valueMap));
    }
    if (defaults.isEmpty()) {
      return flow;
    }
    List<Default> withAliases = new ArrayList<>(defaults);
    for (Default d : defaults) {
      catalogue.replacementOf(d.type()).ifPresent(r -> withAliases.add(new Default(r, d.forced(), d.values())));
    }
    List<Default> plain = withAliases.stream().filter(d -> !d.forced()).toList();
    List<Default> forced = new ArrayList<>(withAliases.stream().filter(Default::forced).toList());
    Collections.reverse(forced); // forced defaults apply in reverse: the first one wins
    ObjectNode copy = flow.deepCopy();
    JsonNode kept = copy.remove("pluginDefaults");
    JsonNode result = apply(copy, plain);
    result = apply(result, forced);
    if (kept != null && result.isObject()) {
      ((ObjectNode) result).set("pluginDefaults", kept);
    }
    return result;
  }

  /**
   * The flow's plugin defaults: its {@code pluginDefaults}, or its deprecated {@code taskDefaults},
   * whichever the source sets last (Kestra's setter of the old name sets the new one too).
   */
  static JsonNode declared(JsonNode flow) {
    JsonNode found = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    for (Map.Entry<String, JsonNode> e : flow.properties()) {
      if ((e.getKey().equals("pluginDefaults") || e.getKey().equals("taskDefaults")) && !e.getValue().isNull()) {
        found = e.getValue();
      }
    }
    return found;
  }

  private static JsonNode apply(JsonNode node, List<Default> defaults) {
    if (defaults.isEmpty()) {
      return node;
    }
    if (node.isObject()) {
      ObjectNode out = Json.object();
      node.properties().forEach(e -> out.set(e.getKey(), apply(e.getValue(), defaults)));
      JsonNode type = out.get("type");
      if (type == null || !type.isTextual()) {
        return out;
      }
      ObjectNode result = out;
      for (Default d : defaults) {
        if (type.asText().startsWith(d.type())) {
          result = d.forced() ? merge(result, d.values()) : merge(d.values(), result);
        }
      }
      return result;
    }
    if (node.isArray()) {
      ArrayNode out = Json.array();
      node.forEach(item -> out.add(apply(item, defaults)));
      return out;
    }
    return node;
  }

  /** Kestra's merge: {@code b} over {@code a}; mappings merge deeply, lists concatenate. */
  static ObjectNode merge(ObjectNode a, ObjectNode b) {
    ObjectNode out = a.deepCopy();
    for (Map.Entry<String, JsonNode> e : b.properties()) {
      JsonNode original = out.get(e.getKey());
      JsonNode value = e.getValue();
      if (value.isNull()) {
        if (original == null) {
          out.set(e.getKey(), value);
        }
      } else if (original == null || original.isNull()) {
        out.set(e.getKey(), value.deepCopy());
      } else if (value.isObject() && original.isObject()) {
        out.set(e.getKey(), merge((ObjectNode) original, (ObjectNode) value));
      } else if (value.isArray() && original.isArray()) {
        ArrayNode both = Json.array();
        original.forEach(both::add);
        value.forEach(both::add);
        out.set(e.getKey(), both);
      } else {
        out.set(e.getKey(), value.deepCopy());
      }
    }
    return out;
  }
}
