package dev.driftless.presets;

import dev.driftless.credential.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a task's properties from a YAML mapping with their line numbers, recording every problem
 * (wrong type, expression that needs Kestra, literal credential, unknown property) instead of
 * stopping at the first. Text values render the expressions a {@link Template} knows
 * ({@code {{ flow.namespace }}}, {@code {{ inputs.x }}}, {@code {{ secret('NAME') }}}); a
 * credential must be exactly {@code {{ secret('NAME') }}}.
 */
final class PropertyReader {

  /** Keys every Kestra task may carry that do not change what a Git task does. */
  private static final Set<String> TASK_ENVELOPE = Set.of("id", "type", "description", "disabled", "timeout", "retry",
      "allowFailure", "allowWarning", "logLevel", "logToFile", "runIf", "workerGroup", "taskCache", "version");
  private static final Pattern SECRET = Pattern.compile("\\{\\{\\s*secret\\(\\s*(['\"])([A-Za-z0-9_.-]+)\\1\\s*\\)\\s*}}");

  private final String prefix;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();
  private final List<Problem> problems;
  private final Context context;

  /**
   * What the readers of one task share.
   *
   * @param file the file name, for problems
   * @param template renders the expressions of text values
   * @param environment what the surroundings give tasks that do not set it
   * @param fromDefaults the nodes {@code pluginDefaults} gave, to say so in their problems
   * @param ignoredIfUnknown the property names (as key nodes) an unknown property is not reported for
   */
  record Context(String file, Template template, TaskEnvironment environment, Set<Node> fromDefaults,
      Set<Node> ignoredIfUnknown) {}

  private PropertyReader(String prefix, MappingNode node, List<Problem> problems, Context context) {
    this.prefix = prefix;
    this.problems = problems;
    this.context = context;
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        problem("", tuple.getKeyNode(), "property names are plain words");
        continue;
      }
      if (entries.put(key.getValue(), tuple) != null) {
        problem(key.getValue(), key, "is set twice");
      }
    }
  }

  public static PropertyReader of(MappingNode node, List<Problem> problems, Context context) {
    return new PropertyReader("", node, problems, context);
  }

  /** What the surroundings give a task that does not set it ({@code kestraUrl}, {@code auth}, {@code tenantId}). */
  public TaskEnvironment environment() {
    return context.environment();
  }

  /** The line of a property in the file, when it is set. */
  public Optional<Integer> lineOf(String name) {
    return Optional.ofNullable(entries.get(name)).map(t -> line(t.getKeyNode()));
  }

  /**
   * Whether the property is set for this very task: by the task itself, or by a default for its
   * type (not by one for a prefix of types, which a task that lacks the property ignores).
   */
  public boolean setHere(String name) {
    NodeTuple tuple = entries.get(name);
    return tuple != null && !context.ignoredIfUnknown().contains(tuple.getKeyNode());
  }

  public boolean has(String name) {
    return entries.containsKey(name);
  }

  public Optional<String> string(String name) {
    return scalar(name).flatMap(n -> literal(name, n));
  }

  public Optional<Boolean> bool(String name) {
    return scalar(name).flatMap(n -> literal(name, n)).flatMap(v -> switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> {
        problem(name, entries.get(name).getValueNode(), "must be true or false, got '" + v + "'");
        yield Optional.empty();
      }
    });
  }

  public Optional<Integer> integer(String name) {
    return scalar(name).flatMap(n -> literal(name, n)).flatMap(v -> {
      try {
        return Optional.of(Integer.parseInt(v));
      } catch (NumberFormatException e) {
        problem(name, entries.get(name).getValueNode(), "must be a whole number, got '" + v + "'");
        return Optional.empty();
      }
    });
  }

  /**
   * A condition ({@code runIf}) decided as Kestra decides it once rendered: false for
   * {@code false}, {@code 0}, {@code -0} and the empty text, true otherwise. Empty when it is not
   * set, or (with a problem that starts with {@code what}) when it cannot be decided outside Kestra.
   */
  public Optional<Boolean> condition(String name, String what) {
    return scalar(name).flatMap(node -> context.template().holds(node.getValue(),
        message -> problem(name, node, what + message)));
  }

  /** A string or a list of strings ({@code flows: "*"} or {@code flows: [a, b]}). */
  public List<String> strings(String name) {
    NodeTuple tuple = take(name);
    if (tuple == null) {
      return List.of();
    }
    Node value = tuple.getValueNode();
    List<String> out = new ArrayList<>();
    if (value instanceof ScalarNode scalar) {
      literal(name, scalar).ifPresent(out::add);
    } else if (value instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        if (item instanceof ScalarNode scalar) {
          literal(name, scalar).ifPresent(out::add);
        } else {
          problem(name, item, "holds text items only");
        }
      }
    } else {
      problem(name, value, "must be a text or a list of texts");
    }
    return out;
  }

  /** Whether the property is set to an empty YAML list ({@code files: []}), not to a text. */
  public boolean isEmptyList(String name) {
    NodeTuple tuple = entries.get(name);
    return tuple != null && tuple.getValueNode() instanceof SequenceNode sequence && sequence.getValue().isEmpty();
  }

  /** A map of text to text ({@code gitConfig}, {@code filesMap}). */
  public Map<String, String> stringMap(String name) {
    NodeTuple tuple = take(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (tuple == null) {
      return out;
    }
    if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
      problem(name, tuple.getValueNode(), "must be a map of names to values");
      return out;
    }
    for (NodeTuple entry : mapping.getValue()) {
      if (entry.getKeyNode() instanceof ScalarNode key && entry.getValueNode() instanceof ScalarNode value) {
        literal(name + "." + key.getValue(), value).ifPresent(v -> out.put(key.getValue(), v));
      } else {
        problem(name, entry.getKeyNode(), "holds text keys and values only");
      }
    }
    return out;
  }

  /**
   * A credential: must be {@code "{{ secret('NAME') }}"}, looked up by name. A literal value is
   * refused, so that credentials never sit in task files.
   */
  public Optional<Secret> secret(String name) {
    Optional<ScalarNode> node = scalar(name);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String raw = node.get().getValue();
    Matcher m = SECRET.matcher(raw.strip());
    if (!m.matches()) {
      problem(name, node.get(), Template.hasExpressions(raw)
          ? "a credential is written exactly \"{{ secret('NAME') }}\" outside Kestra"
          : "a literal credential is refused: write \"{{ secret('NAME') }}\" and set NAME (or SECRET_NAME, base64) "
              + "in the environment");
      return Optional.empty();
    }
    String secretName = m.group(2);
    Optional<String> value = context.environment().secrets().apply(secretName);
    if (value.isEmpty()) {
      problem(name, node.get(), Template.secretNotSet(secretName));
    }
    return value.map(v -> Secret.of(v, "secret('" + secretName + "')"));
  }

  /** A nested mapping ({@code auth: {username, password}}). */
  public Optional<PropertyReader> object(String name) {
    NodeTuple tuple = take(name);
    if (tuple == null) {
      return Optional.empty();
    }
    if (!(tuple.getValueNode() instanceof MappingNode mapping)) {
      problem(name, tuple.getValueNode(), "must be a mapping");
      return Optional.empty();
    }
    return Optional.of(new PropertyReader(prefix + name + ".", mapping, problems, context));
  }

  public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
    return string(name).flatMap(v -> {
      try {
        return Optional.of(Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        StringBuilder known = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
          known.append(known.length() == 0 ? "" : ", ").append(constant.name());
        }
        problem(name, entries.get(name).getValueNode(), "'" + v + "' is not one of " + known);
        return Optional.empty();
      }
    });
  }

  /** Records a problem with a property, at its line. */
  public void problem(String name, String message) {
    problems.add(located(Problem.of(prefix + name, message), name, 0));
  }

  /** Records a problem with a property as read; used for checks the reader cannot make alone. */
  public void problem(String name, Node where, String message) {
    problems.add(Problem.of(prefix + name, message + origin(where)).at(context.file(), line(where)));
  }

  /**
   * The problem at the line of the property it names ({@code otherwise} when that is not set),
   * saying so when the value came from {@code pluginDefaults}.
   */
  Problem located(Problem problem, String name, int otherwise) {
    NodeTuple tuple = entries.get(name);
    if (tuple == null) {
      return problem.at(context.file(), otherwise);
    }
    return new Problem(problem.property(), problem.message() + origin(tuple.getKeyNode()), problem.file(),
        problem.line()).at(context.file(), line(tuple.getKeyNode()));
  }

  private String origin(Node node) {
    return context.fromDefaults().contains(node) ? " (from pluginDefaults)" : "";
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** Reports every property that was set but never read, with the closest known name. */
  public void finish(boolean taskEnvelope) {
    List<String> known = new ArrayList<>(read);
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (read.contains(e.getKey()) || (taskEnvelope && TASK_ENVELOPE.contains(e.getKey()))
          || context.ignoredIfUnknown().contains(e.getValue().getKeyNode())) {
        continue;
      }
      String suggestion = closest(e.getKey(), known);
      problem(e.getKey(), e.getValue().getKeyNode(), "unknown property"
          + (suggestion.isEmpty() ? "" : "; did you mean '" + suggestion + "'?"));
    }
  }

  /**
   * Gives a property a value when the task does not set it, as a default of the plugin's would:
   * {@code value} is read as if written there, and a problem with it points at its own line.
   */
  void defaultTo(String name, Node value) {
    if (!entries.containsKey(name)) {
      entries.put(name, new NodeTuple(new ScalarNode(Tag.STR, name, value.getStartMark(), value.getEndMark(),
          DumperOptions.ScalarStyle.PLAIN), value));
    }
  }

  /** Marks properties as known without reading them (set by another reader). */
  public void accept(String... names) {
    read.addAll(List.of(names));
  }

  private Optional<ScalarNode> scalar(String name) {
    NodeTuple tuple = take(name);
    if (tuple == null) {
      return Optional.empty();
    }
    if (tuple.getValueNode() instanceof ScalarNode scalar) {
      if (scalar.getTag().getValue().endsWith(":null")) {
        return Optional.empty();
      }
      return Optional.of(scalar);
    }
    problem(name, tuple.getValueNode(), "must be a single value");
    return Optional.empty();
  }

  private NodeTuple take(String name) {
    read.add(name);
    return entries.get(name);
  }

  /** The text of a value, its expressions rendered. */
  private Optional<String> literal(String name, ScalarNode node) {
    String value = node.getValue();
    if (Template.hasExpressions(value)) {
      return context.template().render(value, message -> problem(name, node, message));
    }
    return Optional.of(value);
  }

  private static String closest(String word, List<String> candidates) {
    String best = "";
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, word.length() / 3) ? best : "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
