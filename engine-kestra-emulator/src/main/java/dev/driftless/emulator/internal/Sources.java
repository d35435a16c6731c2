package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** YAML sources of dashboards, apps and test suites: parsing, required fields and JSON rendering. */
final class Sources {

  private Sources() {
  }

  /**
   * Parses a YAML mapping and checks that the required fields are present.
   *
   * @throws ApiException 422 for malformed YAML or missing fields
   */
  static ObjectNode parse(String source, String... required) {
    ObjectNode tree = FlowSources.tree(source);
    List<ConstraintViolation> errors = new ArrayList<>();
    for (String field : required) {
      if (FlowSources.text(tree, field).isEmpty()) {
        errors.add(new ConstraintViolation(field, "must not be null"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.violations(errors);
    }
    return tree;
  }

  /** The parsed tree when the stored source still parses, for rendering seeded broken entries. */
  static Optional<ObjectNode> tryParse(String source) {
    try {
      Optional<JsonNode> node = Json.parseYaml(source);
      return node.filter(JsonNode::isObject).map(ObjectNode.class::cast);
    } catch (Json.YamlException e) {
      return Optional.empty();
    }
  }

  /** Copies the tree's properties into {@code out}, except {@code skip}. */
  static void copy(String source, ObjectNode out, Set<String> skip) {
    tryParse(source).ifPresent(tree -> {
      for (Map.Entry<String, JsonNode> e : tree.properties()) {
        if (!skip.contains(e.getKey())) {
          out.set(e.getKey(), e.getValue());
        }
      }
    });
  }

  /** A validation answer shaped like Kestra's {@code ValidateConstraintViolation}. */
  static ObjectNode validation(String source, String... required) {
    return validation(source, text -> parse(text, required));
  }

  /**
   * A validation answer shaped like Kestra's {@code ValidateConstraintViolation}, with the
   * constraints of the first check that refuses the source.
   */
  static ObjectNode validation(String source, java.util.function.Consumer<String> check) {
    ObjectNode out = Json.object();
    out.put("index", 0);
    try {
      check.accept(source);
    } catch (ApiException e) {
      out.put("constraints", e.detail());
    }
    out.put("outdated", false);
    out.putArray("deprecationPaths");
    out.putArray("warnings");
    out.putArray("infos");
    return out;
  }
}
