package dev.driftless.presets;

import dev.driftless.presets.Template.Input;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A flow's {@code inputs}, as {@code {{ inputs.x }}} sees them outside Kestra: an input's value is
 * its {@code defaults}, typed as Kestra types it (text, a whole or decimal number, a boolean).
 * An input without a default, of a type only Kestra turns into a value (a file, JSON, a date), or
 * whose default is itself an expression, has no value here; naming it is refused where it is
 * named, so that a flow whose inputs are never named runs whatever they are.
 */
final class FlowInputs {

  private FlowInputs() {}

  static Map<String, Input> read(MappingNode flow) {
    Map<String, Input> out = new LinkedHashMap<>();
    Optional<Node> inputs = value(flow, "inputs");
    if (inputs.isEmpty() || !(inputs.get() instanceof SequenceNode list)) {
      return out;
    }
    for (Node item : list.getValue()) {
      if (!(item instanceof MappingNode input)) {
        continue;
      }
      Optional<String> id = text(input, "id").or(() -> text(input, "name"));
      id.ifPresent(name -> out.put(name, input(input)));
    }
    return out;
  }

  private static Input input(MappingNode input) {
    String type = text(input, "type").orElse("STRING").toUpperCase(Locale.ROOT);
    Optional<Node> defaults = value(input, "defaults").filter(n -> !PluginDefaults.isNull(n));
    if (defaults.isEmpty()) {
      return Input.unknown("has no default");
    }
    if (!(defaults.get() instanceof ScalarNode scalar)) {
      return Input.unknown("has a default that is not a single value");
    }
    String value = scalar.getValue();
    if (Template.hasExpressions(value)) {
      return Input.unknown("has an expression as its default");
    }
    switch (type) {
      case "STRING", "ENUM", "SELECT", "EMAIL", "URI":
        return Input.known(value);
      case "INT":
        try {
          return Input.known(Long.valueOf(value.strip()));
        } catch (NumberFormatException e) {
          return Input.unknown("has a default that is not a whole number");
        }
      case "FLOAT":
        try {
          return Input.known(Double.valueOf(value.strip()));
        } catch (NumberFormatException e) {
          return Input.unknown("has a default that is not a number");
        }
      case "BOOLEAN", "BOOL":
        if (value.equals("true") || value.equals("false")) {
          return Input.known(Boolean.valueOf(value));
        }
        return Input.unknown("has a default that is not true or false");
      default:
        return Input.unknown("is of type " + type + ", which only Kestra turns into a value");
    }
  }

  private static Optional<String> text(MappingNode mapping, String key) {
    return value(mapping, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
  }

  private static Optional<Node> value(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return Optional.of(tuple.getValueNode());
      }
    }
    return Optional.empty();
  }
}
