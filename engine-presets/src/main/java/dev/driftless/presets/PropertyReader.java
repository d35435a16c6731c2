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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a task's properties from a YAML mapping with their line numbers, recording every problem
 * (wrong type, template that needs Kestra, literal credential, unknown property) instead of
 * stopping at the first.
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
  private final Function<String, Optional<String>> secrets;
  private final String file;

  private PropertyReader(String prefix, MappingNode node, List<Problem> problems,
      Function<String, Optional<String>> secrets, String file) {
    this.prefix = prefix;
    this.problems = problems;
    this.secrets = secrets;
    this.file = file;
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

  /**
   * @param secrets looks up a secret's value by name ({@code secret('GITHUB_TOKEN')})
   * @param file the file name, for problems
   */
  public static PropertyReader of(MappingNode node, List<Problem> problems, Function<String, Optional<String>> secrets,
      String file) {
    return new PropertyReader("", node, problems, secrets, file);
  }

  /** The line of a property in the file, when it is set. */
  public Optional<Integer> lineOf(String name) {
    return Optional.ofNullable(entries.get(name)).map(t -> t.getKeyNode().getStartMark().getLine() + 1);
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
      problem(name, node.get(), raw.contains("{{")
          ? "only \"{{ secret('NAME') }}\" is understood outside Kestra"
          : "a literal credential is refused: write \"{{ secret('NAME') }}\" and set NAME (or SECRET_NAME, base64) "
              + "in the environment");
      return Optional.empty();
    }
    String secretName = m.group(2);
    Optional<String> value = secrets.apply(secretName);
    if (value.isEmpty()) {
      problem(name, node.get(), "secret '" + secretName + "' is not set: set SECRET_" + secretName
          + " (base64, as Kestra does) or " + secretName + " in the environment");
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
    return Optional.of(new PropertyReader(prefix + name + ".", mapping, problems, secrets, file));
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
    Optional<Integer> line = lineOf(name);
    problems.add(Problem.of(prefix + name, message).at(file, line.orElse(0)));
  }

  /** Records a problem with a property as read; used for checks the reader cannot make alone. */
  public void problem(String name, Node where, String message) {
    problems.add(Problem.of(prefix + name, message).at(file, where.getStartMark().getLine() + 1));
  }

  /** Reports every property that was set but never read, with the closest known name. */
  public void finish(boolean taskEnvelope) {
    List<String> known = new ArrayList<>(read);
    for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
      if (read.contains(e.getKey()) || (taskEnvelope && TASK_ENVELOPE.contains(e.getKey()))) {
        continue;
      }
      String suggestion = closest(e.getKey(), known);
      problem(e.getKey(), e.getValue().getKeyNode(), "unknown property"
          + (suggestion.isEmpty() ? "" : "; did you mean '" + suggestion + "'?"));
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

  private Optional<String> literal(String name, ScalarNode node) {
    String value = node.getValue();
    if (value.contains("{{") || value.contains("{%")) {
      problem(name, node, SECRET.matcher(value.strip()).matches()
          ? "is not a credential; write the value itself"
          : "templates need Kestra to render them; write the value itself");
      return Optional.empty();
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
