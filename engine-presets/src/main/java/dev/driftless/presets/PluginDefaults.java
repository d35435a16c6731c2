package dev.driftless.presets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A flow's {@code pluginDefaults} (or the older {@code taskDefaults}), applied to a task as Kestra
 * applies them: a default applies to a task whose {@code type} equals the default's {@code type}
 * or starts with it ({@code io.kestra.plugin.git} applies to every Git task). The task's own
 * values win over a default and an earlier default over a later one; a {@code forced} default
 * wins over the task, the earlier forced default over the later. Mappings merge key by key, lists
 * are joined (the default's items first, or last for a forced default), and a value left empty
 * never wins.
 *
 * <p>The merge keeps the YAML nodes where they were written, so that a problem with a value a
 * default gave points at its line in {@code pluginDefaults}. A property a default gives that the
 * task does not have is an unknown property when the default names the task's exact type (Kestra
 * checks those); one that a default for a prefix gives is ignored, as Kestra ignores it.
 */
final class PluginDefaults {

  /** One default: its type, whether it is forced, and its values. */
  private record Default(String type, boolean forced, MappingNode values) {}

  /**
   * A task with the defaults merged in.
   *
   * @param task the merged task
   * @param fromDefaults every node a default gave, to say where a value came from
   * @param ignoredIfUnknown the property names (as key nodes) a default for a prefix gave
   */
  record Applied(MappingNode task, Set<Node> fromDefaults, Set<Node> ignoredIfUnknown) {}

  private final List<Default> defaults;

  private PluginDefaults(List<Default> defaults) {
    this.defaults = List.copyOf(defaults);
  }

  static PluginDefaults none() {
    return new PluginDefaults(List.of());
  }

  /**
   * The flow's defaults, read from {@code pluginDefaults} or {@code taskDefaults} (whichever is set
   * last, as Kestra's setter of the old name sets the new one); each problem is added to
   * {@code problems} with its line.
   */
  static PluginDefaults read(MappingNode flow, String file, List<Problem> problems) {
    Optional<NodeTuple> declared = Optional.empty();
    for (NodeTuple tuple : flow.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key
          && (key.getValue().equals("pluginDefaults") || key.getValue().equals("taskDefaults"))
          && !isNull(tuple.getValueNode())) {
        declared = Optional.of(tuple);
      }
    }
    if (declared.isEmpty()) {
      return none();
    }
    String name = ((ScalarNode) declared.get().getKeyNode()).getValue();
    if (!(declared.get().getValueNode() instanceof SequenceNode list)) {
      problems.add(Problem.of(name, "must be a list of {type, values, forced}").at(file, line(declared.get().getValueNode())));
      return none();
    }
    List<Default> out = new ArrayList<>();
    int index = 0;
    for (Node item : list.getValue()) {
      String where = name + "[" + index++ + "]";
      if (!(item instanceof MappingNode mapping)) {
        problems.add(Problem.of(where, "must be a mapping of type, values and forced").at(file, line(item)));
        continue;
      }
      readOne(mapping, where, file, problems).ifPresent(out::add);
    }
    return new PluginDefaults(out);
  }

  private static Optional<Default> readOne(MappingNode mapping, String where, String file, List<Problem> problems) {
    Optional<String> type = Optional.empty();
    boolean forced = false;
    MappingNode values = null;
    int before = problems.size();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
      Node value = tuple.getValueNode();
      switch (key) {
        case "type" -> {
          if (value instanceof ScalarNode scalar && !isNull(scalar) && !scalar.getValue().isBlank()) {
            type = Optional.of(scalar.getValue());
          } else {
            problems.add(Problem.of(where + ".type", "must be a plugin type or the start of one (io.kestra.plugin.git)")
                .at(file, line(value)));
          }
        }
        case "forced" -> {
          if (value instanceof ScalarNode scalar && (scalar.getValue().equals("true") || scalar.getValue().equals("false"))) {
            forced = scalar.getValue().equals("true");
          } else {
            problems.add(Problem.of(where + ".forced", "must be true or false").at(file, line(value)));
          }
        }
        case "values" -> {
          if (value instanceof MappingNode map) {
            values = map;
          } else if (!isNull(value)) {
            problems.add(Problem.of(where + ".values", "must be a mapping of property names to values").at(file, line(value)));
          }
        }
        default -> problems.add(Problem.of(where + (key.isEmpty() ? "" : "." + key), "unknown property; a plugin default "
            + "has type, values and forced").at(file, line(tuple.getKeyNode())));
      }
    }
    if (type.isEmpty() && problems.size() == before) {
      problems.add(Problem.of(where + ".type", "is required").at(file, line(mapping)));
    }
    if (problems.size() > before || values == null) {
      return Optional.empty();
    }
    return Optional.of(new Default(type.get(), forced, values));
  }

  /** The task with every default for its type merged in. */
  Applied apply(MappingNode task, String type) {
    Set<Node> fromDefaults = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> ignoredIfUnknown = Collections.newSetFromMap(new IdentityHashMap<>());
    MappingNode merged = task;
    List<Default> forced = new ArrayList<>();
    for (Default d : defaults) {
      if (!matches(d, type)) {
        continue;
      }
      collect(d.values(), fromDefaults, d.type().equals(type) ? null : ignoredIfUnknown);
      if (d.forced()) {
        forced.add(0, d);
      } else {
        merged = merge(merged, d.values(), false);
      }
    }
    for (Default d : forced) {
      merged = merge(merged, d.values(), true);
    }
    return new Applied(merged, fromDefaults, ignoredIfUnknown);
  }

  private static boolean matches(Default d, String type) {
    return type.startsWith(d.type());
  }

  /** Every node under {@code node}; the key nodes also into {@code keys} when given. */
  private static void collect(Node node, Set<Node> all, Set<Node> keys) {
    all.add(node);
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        all.add(tuple.getKeyNode());
        if (keys != null) {
          keys.add(tuple.getKeyNode());
        }
        collect(tuple.getValueNode(), all, keys);
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(item -> collect(item, all, keys));
    }
  }

  /**
   * The task's mapping with a default's: a key both have keeps the task's key node (its line) and
   * merges the values, the default's winning when it is forced.
   */
  private static MappingNode merge(MappingNode task, MappingNode defaults, boolean forced) {
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    List<NodeTuple> other = new ArrayList<>();
    for (NodeTuple tuple : task.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        out.put(key.getValue(), tuple);
      } else {
        other.add(tuple);
      }
    }
    for (NodeTuple tuple : defaults.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        continue;
      }
      NodeTuple existing = out.get(key.getValue());
      out.put(key.getValue(), existing == null ? tuple
          : new NodeTuple(existing.getKeyNode(), mergeValues(existing.getValueNode(), tuple.getValueNode(), forced)));
    }
    List<NodeTuple> tuples = new ArrayList<>(out.values());
    tuples.addAll(other);
    return new MappingNode(task.getTag(), true, tuples, task.getStartMark(), task.getEndMark(), task.getFlowStyle());
  }

  private static Node mergeValues(Node task, Node defaults, boolean forced) {
    if (isNull(defaults)) {
      return task;
    }
    if (isNull(task)) {
      return defaults;
    }
    if (task instanceof MappingNode t && defaults instanceof MappingNode d) {
      return merge(t, d, forced);
    }
    if (task instanceof SequenceNode t && defaults instanceof SequenceNode d) {
      List<Node> items = new ArrayList<>(forced ? t.getValue() : d.getValue());
      items.addAll(forced ? d.getValue() : t.getValue());
      return new SequenceNode(t.getTag(), true, items, t.getStartMark(), t.getEndMark(), t.getFlowStyle());
    }
    return forced ? defaults : task;
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null");
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
