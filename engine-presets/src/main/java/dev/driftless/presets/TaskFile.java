package dev.driftless.presets;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>A flow is read as Kestra would run it, as far as that is known before it runs: its
 * {@code pluginDefaults} fill its tasks as Kestra merges them; a task with
 * {@code disabled: true}, or whose {@code runIf} is false, is skipped; {@code allowFailure} is
 * kept for the runner. Text renders {@code {{ flow.id }}}, {@code {{ flow.namespace }}},
 * {@code {{ flow.tenantId }}}, {@code {{ inputs.x }}} (an input's default) and
 * {@code {{ secret('NAME') }}}; a PushFlows without {@code sourceNamespace}, and a
 * SyncNamespaceFiles or PushNamespaceFiles without {@code namespace}, take the flow's namespace,
 * as the plugin does. What only Kestra knows (an execution, {@code now()}, outputs), tasks that run
 * other tasks ({@code ForEach}, {@code If}, {@code WorkingDirectory}), tasks of other plugins and
 * the tasks a flow runs on failure are refused, one problem for each place, pointing at the
 * Driftless plugin for Kestra.
 *
 * <p>Credentials ({@code password}, {@code privateKey}, {@code passphrase}, {@code auth.password},
 * {@code auth.apiToken}) must be written {@code "{{ secret('NAME') }}"}; the caller's lookup
 * resolves the name (the CLI reads {@code SECRET_NAME}, base64 as Kestra does, or {@code NAME}). A
 * literal credential is refused. Every problem is reported at once, with its line; a value that
 * came from {@code pluginDefaults} is reported at its line there. A secret's value never shows in a
 * problem.
 */
public final class TaskFile {

  /** Kestra's tasks that run other tasks ({@code ForEach}, {@code If}, {@code WorkingDirectory}...). */
  private static final String FLOWABLE_PACKAGE = "io.kestra.plugin.core.flow.";
  /** The package of Driftless's Kestra plugin, whose tasks take the Git plugin's properties. */
  private static final String DRIFTLESS_PLUGIN_PACKAGE = "dev.driftless.plugin.";
  /** A flow's lists of tasks Kestra runs besides {@code tasks}: on failure, and at the end. */
  private static final List<String> OTHER_TASK_LISTS = List.of("errors", "finally", "afterExecution");

  private TaskFile() {}

  /**
   * The tasks of a file that run, with only secrets from the surroundings.
   *
   * @param yaml the file's text
   * @param fileName the file's name, for problems
   * @param secrets looks up secrets by name
   * @throws InvalidTaskException with every problem found
   */
  public static List<Task> parse(String yaml, String fileName, Function<String, Optional<String>> secrets) {
    return read(yaml, fileName, TaskEnvironment.of(secrets)).tasksToRun();
  }

  /**
   * Reads a task file: its flow, when it is one, and each task to run or skip.
   *
   * @param yaml the file's text
   * @param fileName the file's name, for problems
   * @param environment secrets, the tenant, and the Kestra server and credentials of tasks that set none
   * @throws InvalidTaskException with every problem found
   */
  public static FlowFile read(String yaml, String fileName, TaskEnvironment environment) {
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
    List<Problem> problems = new ArrayList<>();
    Optional<NodeTuple> taskList = entry(mapping, "tasks");
    Template template;
    FlowFile file;
    if (taskList.isPresent() && entry(mapping, "type").isEmpty()) {
      Flow flow = Flow.read(mapping, fileName, problems);
      template = new Template(new Template.Variables(flow.variables(), flow.whyNoFlow(), environment.flowTenantId(),
          FlowInputs.read(mapping), environment.secrets()));
      PluginDefaults defaults = PluginDefaults.read(mapping, fileName, problems);
      List<FlowTask> tasks = new ArrayList<>();
      if (!(taskList.get().getValueNode() instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
        problems.add(Problem.of("tasks", "must be a list of tasks").at(fileName, line(taskList.get().getValueNode())));
      } else {
        int index = 0;
        for (Node item : sequence.getValue()) {
          String where = "tasks[" + index++ + "]";
          if (item instanceof MappingNode task) {
            new Reading(task, where, fileName, template, environment, defaults, flow, problems).read().ifPresent(tasks::add);
          } else {
            problems.add(Problem.of(where, "must be a task").at(fileName, line(item)));
          }
        }
      }
      file = new FlowFile(flow.key(), tasks);
    } else {
      template = new Template(new Template.Variables(Map.of(), "the file is one task, not a flow with an id and a "
          + "namespace", environment.flowTenantId(), Map.of(), environment.secrets()));
      Optional<FlowTask> task = new Reading(mapping, "", fileName, template, environment, PluginDefaults.none(),
          Flow.NONE, problems).read();
      file = new FlowFile(Optional.empty(), task.stream().toList());
    }
    if (!problems.isEmpty()) {
      throw new InvalidTaskException(fileName, masked(problems, template.secretsRendered()));
    }
    return file;
  }

  /** The flow around the tasks: its id and namespace, when it gives them. */
  private record Flow(Optional<String> id, Optional<String> namespace, Optional<Node> namespaceNode) {

    static final Flow NONE = new Flow(Optional.empty(), Optional.empty(), Optional.empty());

    static Flow read(MappingNode mapping, String file, List<Problem> problems) {
      Optional<ScalarNode> id = scalar(mapping, "id", file, problems);
      Optional<ScalarNode> namespace = scalar(mapping, "namespace", file, problems);
      if (id.isPresent() && namespace.isPresent()) {
        ResourceKey.problem(ResourceKind.FLOW, namespace.get().getValue(), id.get().getValue())
            .ifPresent(p -> problems.add(Problem.of("namespace", p).at(file, line(namespace.get()))));
      }
      entry(mapping, "disabled").map(NodeTuple::getValueNode).filter(n -> n instanceof ScalarNode s
          && s.getValue().equals("true")).ifPresent(n -> problems.add(Problem.of("disabled",
          "the flow is disabled: Kestra runs none of its tasks, and neither does Driftless").at(file, line(n))));
      for (String list : OTHER_TASK_LISTS) {
        entry(mapping, list).filter(t -> t.getValueNode() instanceof SequenceNode s && !s.getValue().isEmpty())
            .ifPresent(t -> problems.add(Problem.of(list, "the tasks a flow runs " + (list.equals("errors")
                ? "when it fails" : list.equals("finally") ? "at its end" : "after its execution")
                + " need Kestra: " + Template.INSIDE_KESTRA).at(file, line(t.getKeyNode()))));
      }
      return new Flow(id.map(ScalarNode::getValue), namespace.map(ScalarNode::getValue), namespace.map(n -> n));
    }

    private static Optional<ScalarNode> scalar(MappingNode mapping, String key, String file, List<Problem> problems) {
      Optional<Node> value = entry(mapping, key).map(NodeTuple::getValueNode).filter(n -> !PluginDefaults.isNull(n));
      if (value.isEmpty()) {
        return Optional.empty();
      }
      if (!(value.get() instanceof ScalarNode scalar) || Template.hasExpressions(scalar.getValue())) {
        problems.add(Problem.of(key, "must be written as it is (a flow's " + key + " is not rendered)")
            .at(file, line(value.get())));
        return Optional.empty();
      }
      return Optional.of(scalar);
    }

    Map<String, String> variables() {
      Map<String, String> out = new LinkedHashMap<>();
      id.ifPresent(v -> out.put("id", v));
      namespace.ifPresent(v -> out.put("namespace", v));
      return out;
    }

    String whyNoFlow() {
      return "the flow has no " + (id.isEmpty() && namespace.isEmpty() ? "id and no namespace"
          : id.isEmpty() ? "id" : "namespace");
    }

    Optional<ResourceKey> key() {
      if (id.isEmpty() || namespace.isEmpty()
          || ResourceKey.problem(ResourceKind.FLOW, namespace.get(), id.get()).isPresent()) {
        return Optional.empty();
      }
      return Optional.of(ResourceKey.flow(namespace.get(), id.get()));
    }
  }

  /** The reading of one task: defaults merged, skipped or read, every problem recorded. */
  private static final class Reading {
    private final MappingNode node;
    private final String where;
    private final String file;
    private final Template template;
    private final TaskEnvironment environment;
    private final PluginDefaults defaults;
    private final Flow flow;
    private final List<Problem> problems;

    Reading(MappingNode node, String where, String file, Template template, TaskEnvironment environment,
        PluginDefaults defaults, Flow flow, List<Problem> problems) {
      this.node = node;
      this.where = where;
      this.file = file;
      this.template = template;
      this.environment = environment;
      this.defaults = defaults;
      this.flow = flow;
      this.problems = problems;
    }

    Optional<FlowTask> read() {
      List<Problem> mine = new ArrayList<>();
      Optional<String> typeName = entry(node, "type").map(NodeTuple::getValueNode)
          .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue()).filter(t -> !t.isBlank());
      PluginDefaults.Applied applied = typeName.map(t -> defaults.apply(node, t))
          .orElseGet(() -> new PluginDefaults.Applied(node, Set.of(), Set.of()));
      PropertyReader r = PropertyReader.of(applied.task(), mine, new PropertyReader.Context(file, template,
          environment, applied.fromDefaults(), applied.ignoredIfUnknown()));
      String id = entry(node, "id").map(NodeTuple::getValueNode).filter(ScalarNode.class::isInstance)
          .map(n -> ((ScalarNode) n).getValue()).orElse("");
      String type = typeName.orElse("");
      Optional<FlowTask> out;
      if (r.bool("disabled").orElse(false)) {
        out = Optional.of(FlowTask.skipped(id, type, "disabled: true"));
      } else {
        Optional<Boolean> runIf = r.condition("runIf", "cannot tell whether task " + (id.isEmpty() ? "" : "'" + id + "' ")
            + "runs: ");
        if (!mine.isEmpty()) {
          out = Optional.empty(); // a task whose runIf cannot be decided is not read further: one problem is enough
        } else if (!runIf.orElse(true)) {
          out = Optional.of(FlowTask.skipped(id, type, "runIf is false"));
        } else {
          boolean allowFailure = r.bool("allowFailure").orElse(false);
          out = task(r, typeName, mine).map(task -> FlowTask.runs(id, type, task, allowFailure));
        }
      }
      problems.addAll(prefixed(where, mine));
      return mine.isEmpty() ? out : Optional.empty();
    }

    private Optional<Task> task(PropertyReader r, Optional<String> typeName, List<Problem> mine) {
      if (typeName.isEmpty()) {
        mine.add(Problem.of("type", "is required (io.kestra.plugin.git.NamespaceSync, ...)").at(file, line(node)));
        return Optional.empty();
      }
      TaskType type;
      try {
        type = TaskType.fromTypeName(typeName.get());
      } catch (IllegalArgumentException e) {
        mine.add(Problem.of("type", refusal(typeName.get(), e.getMessage())).at(file, r.lineOf("type").orElse(0)));
        return Optional.empty();
      }
      takeTheFlowsNamespace(r, type);
      Supplier<Task> builder = type.read(r);
      if (!type.choosesSourceOfTruth()) {
        refuseSourceOfTruth(r, type);
      }
      r.finish(true);
      Set<String> alreadyWrong = new LinkedHashSet<>();
      mine.forEach(p -> alreadyWrong.add(top(p.property())));
      try {
        Task built = builder.get();
        return mine.isEmpty() ? Optional.of(built) : Optional.empty();
      } catch (InvalidTaskException e) {
        for (Problem p : e.problems()) {
          if (!alreadyWrong.contains(top(p.property()))) {
            mine.add(r.located(p, top(p.property()), line(node)));
          }
        }
        return Optional.empty();
      }
    }

    /**
     * {@code sourceOfTruth} and {@code onConflict} on a task that goes one way only: refused in
     * words that point at the tasks that take them, rather than as unknown properties.
     */
    private static void refuseSourceOfTruth(PropertyReader r, TaskType type) {
      String direction = type == TaskType.CLONE ? "it only clones"
          : type.pushesToGit() ? "it always writes Git from Kestra" : "it always writes Kestra from Git";
      if (r.setHere("sourceOfTruth")) {
        r.accept("sourceOfTruth");
        r.problem("sourceOfTruth", "is not a property of " + type.simpleName() + ": " + direction + ". Only "
            + "NamespaceSync and TenantSync choose a source of truth, and sync both ways with sourceOfTruth: BOTH");
      }
      if (r.setHere("onConflict")) {
        r.accept("onConflict");
        r.problem("onConflict", "is not a property of " + type.simpleName() + ": " + direction + ", so nothing "
            + "conflicts. onConflict goes with sourceOfTruth: BOTH, a two-way NamespaceSync or TenantSync");
      }
    }

    /**
     * The plugin's default of {@code {{ flow.namespace }}} for the namespace a task reads or
     * writes, when the task sets none: the flow's {@code namespace:}, read at its line.
     */
    private void takeTheFlowsNamespace(PropertyReader r, TaskType type) {
      Optional<String> property = switch (type) {
        case PUSH_FLOWS -> Optional.of("sourceNamespace");
        case SYNC_NAMESPACE_FILES, PUSH_NAMESPACE_FILES -> Optional.of("namespace");
        case SYNC_FLOWS, SYNC_FLOW, SYNC_DASHBOARDS, PUSH_DASHBOARDS, PUSH_EXECUTION_FILES, NAMESPACE_SYNC,
            TENANT_SYNC, CLONE -> Optional.empty();
      };
      if (property.isPresent() && flow.namespaceNode().isPresent()) {
        r.defaultTo(property.get(), flow.namespaceNode().get());
      }
    }

    /** Why a task of this type does not run here, pointing at Kestra where it runs. */
    private static String refusal(String type, String unknownGitTask) {
      if (type.startsWith(DRIFTLESS_PLUGIN_PACKAGE)) {
        return "'" + type + "' is a task of Driftless's Kestra plugin, which runs inside Kestra; outside it, write "
            + "the Git plugin's type: " + TaskType.PACKAGE + type.substring(DRIFTLESS_PLUGIN_PACKAGE.length());
      }
      if (type.startsWith(FLOWABLE_PACKAGE)) {
        return "'" + type + "' runs other tasks, which needs Kestra: " + Template.INSIDE_KESTRA;
      }
      if (type.startsWith(TaskType.PACKAGE) || !type.contains(".")) {
        return unknownGitTask;
      }
      return "'" + type + "' is not a Kestra Git plugin task; only Kestra runs it: " + Template.INSIDE_KESTRA;
    }
  }

  /** The problems with each secret's value that was rendered into text replaced by {@code ***}. */
  private static List<Problem> masked(List<Problem> problems, Set<String> secrets) {
    List<Problem> out = new ArrayList<>(problems.size());
    for (Problem p : problems) {
      String message = p.message();
      for (String secret : secrets) {
        if (secret.length() >= 3) {
          message = message.replace(secret, "***");
        }
      }
      out.add(new Problem(p.property(), message, p.file(), p.line()));
    }
    return out;
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
