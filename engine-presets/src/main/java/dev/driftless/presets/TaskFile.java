package dev.driftless.presets;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the Git plugin task definitions a Kestra user already has: one task
 * ({@code type: io.kestra.plugin.git.NamespaceSync} and its properties), or a whole flow whose
 * {@code tasks} are Git plugin tasks. Properties keep the plugin's names and defaults.
 *
 * <p>Credentials ({@code password}, {@code privateKey}, {@code passphrase}, {@code auth.password},
 * {@code auth.apiToken}) must be written {@code "{{ secret('NAME') }}"}; the caller's lookup
 * resolves the name (the CLI reads {@code SECRET_NAME}, base64 as Kestra does, or {@code NAME}). A
 * literal credential is refused. Every problem is reported at once, with its line.
 */
public final class TaskFile {

  private TaskFile() {}

  /**
   * @param yaml the file's text
   * @param fileName the file's name, for problems
   * @param secrets looks up secrets by name
   * @throws InvalidTaskException with every problem found
   */
  public static List<Task> parse(String yaml, String fileName, Function<String, Optional<String>> secrets) {
    List<Problem> problems = new ArrayList<>();
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      root = new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InvalidTaskException(fileName, List.of(Problem.of("", "is not valid YAML: " + e.getProblem()).at(fileName, line)));
    } catch (YAMLException e) {
      throw new InvalidTaskException(fileName, List.of(Problem.of("", "is not valid YAML: " + e.getMessage()).at(fileName, 0)));
    }
    if (!(root instanceof MappingNode mapping)) {
      throw new InvalidTaskException(fileName, List.of(Problem.of("",
          "must be a task (type: io.kestra.plugin.git...) or a flow with tasks").at(fileName, 1)));
    }
    List<Task> tasks = new ArrayList<>();
    Optional<NodeTuple> taskList = entry(mapping, "tasks");
    if (taskList.isPresent() && entry(mapping, "type").isEmpty()) {
      if (!(taskList.get().getValueNode() instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
        problems.add(Problem.of("tasks", "must be a list of tasks").at(fileName, line(taskList.get().getValueNode())));
      } else {
        int index = 0;
        for (Node item : sequence.getValue()) {
          String where = "tasks[" + index++ + "]";
          if (item instanceof MappingNode task) {
            read(task, where, fileName, secrets, problems).ifPresent(tasks::add);
          } else {
            problems.add(Problem.of(where, "must be a task").at(fileName, line(item)));
          }
        }
      }
    } else {
      read(mapping, "", fileName, secrets, problems).ifPresent(tasks::add);
    }
    if (!problems.isEmpty()) {
      throw new InvalidTaskException(fileName, problems);
    }
    return tasks;
  }

  private static Optional<Task> read(MappingNode node, String where, String fileName,
      Function<String, Optional<String>> secrets, List<Problem> problems) {
    List<Problem> mine = new ArrayList<>();
    PropertyReader r = PropertyReader.of(node, mine, secrets, fileName);
    Optional<String> typeName = r.string("type");
    Optional<Task> task = Optional.empty();
    if (typeName.isEmpty()) {
      mine.add(Problem.of("type", "is required (io.kestra.plugin.git.NamespaceSync, ...)").at(fileName, line(node)));
    } else {
      TaskType type;
      try {
        type = TaskType.fromTypeName(typeName.get());
      } catch (IllegalArgumentException e) {
        mine.add(Problem.of("type", e.getMessage()).at(fileName, r.lineOf("type").orElse(0)));
        problems.addAll(prefixed(where, mine));
        return Optional.empty();
      }
      Supplier<Task> builder = type.read(r);
      r.finish(true);
      Set<String> alreadyWrong = new LinkedHashSet<>();
      mine.forEach(p -> alreadyWrong.add(top(p.property())));
      try {
        Task built = builder.get();
        task = mine.isEmpty() ? Optional.of(built) : Optional.empty();
      } catch (InvalidTaskException e) {
        for (Problem p : e.problems()) {
          if (!alreadyWrong.contains(top(p.property()))) {
            mine.add(p.at(fileName, r.lineOf(top(p.property())).orElse(line(node))));
          }
        }
      }
    }
    problems.addAll(prefixed(where, mine));
    return task;
  }

  private static String top(String property) {
    return property.contains(".") ? property.substring(0, property.indexOf('.')) : property;
  }

  private static List<Problem> prefixed(String where, List<Problem> problems) {
    if (where.isEmpty()) {
      return problems;
    }
    List<Problem> out = new ArrayList<>(problems.size());
    for (Problem p : problems) {
      out.add(new Problem(where + (p.property().isEmpty() ? "" : "." + p.property()), p.message(), p.file(), p.line()));
    }
    return out;
  }

  private static Optional<NodeTuple> entry(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return Optional.of(tuple);
      }
    }
    return Optional.empty();
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
