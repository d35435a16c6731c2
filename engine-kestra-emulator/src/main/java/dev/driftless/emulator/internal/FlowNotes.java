package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Kestra's validation says of a readable flow besides its violations: the paths of deprecated
 * plugins and properties it uses ({@code deprecationPaths}), its warnings, and the deprecated type
 * aliases it names with their replacements ({@code infos}).
 *
 * <p>Kestra's quirks are kept. Deprecation paths restart at each list: a deprecated condition of a
 * trigger is {@code conditions[0]}, not {@code triggers[0].conditions[0]}; objects outside lists are
 * not looked into. An alias is noted wherever a text value of a mapping equals it, whatever the key.
 */
final class FlowNotes {

  private static final String FLOW_TRIGGER = "io.kestra.plugin.core.trigger.Flow";
  private static final List<String> FLOW_GETTERS = List.of("description", "labels", "variables", "tasks", "errors",
      "listeners", "triggers", "pluginDefaults", "taskDefaults", "concurrency", "outputs", "retry", "sla");

  private final PluginCatalogue catalogue;

  private FlowNotes(PluginCatalogue catalogue) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  /** The deprecation paths of a readable flow, as its source states it (before plugin defaults). */
  static List<String> deprecationPaths(JsonNode flow, PluginCatalogue catalogue) {
    List<String> out = new ArrayList<>();
    catalogue.model("flow").ifPresent(schema -> new FlowNotes(catalogue).deprecations("", flow, schema, out));
    return out;
  }

  private void deprecations(String prefix, JsonNode node, ObjectSchema schema, List<String> out) {
    if (schema.has(ObjectSchema.Trait.DEPRECATED)) {
      out.add(prefix);
    }
    for (PropertySchema p : inGetterOrder(schema)) {
      JsonNode value = node.get(p.name());
      if (value == null || value.isNull()) {
        continue;
      }
      if (p.has(PropertySchema.Check.DEPRECATED)) {
        out.add(prefix.isEmpty() ? p.name() : prefix + "." + p.name());
      }
      if (value.isArray() && p.kind().shape() == ValueKind.Shape.LIST) {
        ValueKind element = p.kind().elementKind();
        for (int i = 0; i < value.size(); i++) {
          JsonNode item = value.get(i);
          String at = p.name() + "[" + i + "]";
          schemaOf(item, element).ifPresent(s -> deprecations(at, item, s, out));
        }
      }
    }
  }

  /**
   * The properties in the order Kestra meets their getters: for the flow, the order its class
   * declares them (as a real server lists {@code tasks[1]} before {@code taskDefaults}); for other
   * objects, the catalogue's order.
   */
  private static List<PropertySchema> inGetterOrder(ObjectSchema schema) {
    if (!schema.name().equals("flow")) {
      return schema.properties();
    }
    List<PropertySchema> ordered = new ArrayList<>();
    for (String name : FLOW_GETTERS) {
      schema.property(name).ifPresent(ordered::add);
    }
    schema.properties().stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
    return ordered;
  }

  private Optional<ObjectSchema> schemaOf(JsonNode item, ValueKind kind) {
    if (!item.isObject()) {
      return Optional.empty();
    }
    return switch (kind.shape()) {
      case MODEL -> catalogue.model(kind.target());
      case PLUGIN -> item.path("type").isTextual() ? catalogue.plugin(item.get("type").asText()) : Optional.empty();
      case FAMILY -> item.path("type").isValueNode() ? catalogue.model(kind.target() + ":" + item.get("type").asText())
          : Optional.empty();
      case STRING, BOOLEAN, INTEGER, DECIMAL, DURATION, DATETIME, INSTANT, DATE, TIME, OFFSET_TIME, ENUM, ANY, LABELS,
           LIST, MAP, ABSTRACT, TYPE -> Optional.empty();
    };
  }

  /**
   * Kestra's warnings: a Flow trigger with neither conditions nor preconditions fires for every
   * execution of every flow.
   */
  static List<String> warnings(JsonNode flow, PluginCatalogue catalogue) {
    List<String> out = new ArrayList<>();
    for (JsonNode trigger : flow.path("triggers")) {
      boolean flowTrigger = trigger.path("type").isTextual()
          && catalogue.plugin(trigger.get("type").asText()).map(s -> s.name().equals(FLOW_TRIGGER)).orElse(false);
      JsonNode conditions = trigger.get("conditions");
      JsonNode preconditions = trigger.get("preconditions");
      boolean noConditions = conditions == null || conditions.isNull() || conditions.isEmpty();
      if (flowTrigger && noConditions && (preconditions == null || preconditions.isNull())) {
        out.add("This flow will be triggered for EVERY execution of EVERY flow on your instance. We recommend adding "
            + "the preconditions property to the Flow trigger '" + trigger.path("id").asText() + "'.");
      }
    }
    return out;
  }

  /** Kestra's infos: {@code X is replaced by Y} for each deprecated alias the source names. */
  static List<String> infos(JsonNode flow, PluginCatalogue catalogue) {
    List<String> out = new ArrayList<>();
    relocations(flow, catalogue.aliases(), out);
    return out;
  }

  private static void relocations(JsonNode mapping, Map<String, String> aliases, List<String> out) {
    for (Map.Entry<String, JsonNode> e : mapping.properties()) {
      JsonNode value = e.getValue();
      if (value.isTextual() && aliases.containsKey(value.asText())) {
        out.add(value.asText() + " is replaced by " + aliases.get(value.asText()));
      } else if (value.isObject()) {
        relocations(value, aliases, out);
      } else if (value.isArray()) {
        value.forEach(item -> {
          if (item.isObject()) {
            relocations(item, aliases, out);
          }
        });
      }
    }
  }
}
