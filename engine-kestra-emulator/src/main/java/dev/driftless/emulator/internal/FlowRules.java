package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kestra's validation of a flow it could read, the second half of its validation: the constraints
 * of every property (required, not blank, patterns, sizes, bounds), the checks of particular
 * plugins (a Dag's dependencies, a Switch's cases, a WorkingDirectory's children, a Schedule's cron,
 * retry bounds...) and the checks of the whole flow (duplicate task, trigger, input and output ids,
 * a subflow calling its own flow, input dependencies, system labels, plugin defaults).
 *
 * <p>Every violation is reported, as Kestra does, with Kestra's path and message. Kestra shows a
 * violation on a task with the task's id in place of each {@code tasks[n]} of the path (and one on
 * an input with the input's id in place of {@code inputs[n]}); {@link Violation#shown()} is that.
 *
 * <p>Some flows make Kestra's own validation fail (a Template task, a WaitFor without tasks, a
 * listener without tasks...): Kestra then answers with that internal error instead, which
 * {@link Result#failure()} carries.
 */
final class FlowRules {

  private static final Pattern TASKS_INDEX = Pattern.compile("tasks\\[\\d+\\]");
  private static final Pattern INPUTS_INDEX = Pattern.compile("inputs\\[\\d+\\]");
  /** Kestra's message when one of its validators throws. */
  static final String VALIDATOR_CRASH = "HV000028: Unexpected exception during isValid call.";
  private static final String SYSTEM_PREFIX = "system.";
  private static final String READ_ONLY_LABEL = "system.readOnly";
  private static final List<String> FILTER_NEEDS_VALUE = List.of("EQUAL_TO", "NOT_EQUAL_TO", "IS_NULL", "IS_NOT_NULL",
      "IS_TRUE", "IS_FALSE", "STARTS_WITH", "ENDS_WITH", "REGEX", "CONTAINS");
  private static final List<String> FILTER_NEEDS_VALUES = List.of("IN", "NOT_IN");

  /**
   * One violation.
   *
   * @param path Kestra's property path ({@code tasks[0].message}), as its 422 lists it
   * @param shown the path as Kestra's message shows it ({@code hello.message})
   * @param message the constraint's message
   */
  record Violation(String path, String shown, String message) {

    Violation {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(shown, "shown");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The outcome of the validation.
   *
   * @param violations every violation, in the order found
   * @param failure the internal error Kestra's validation ends in, when it does
   */
  record Result(List<Violation> violations, Optional<String> failure) {

    Result {
      violations = List.copyOf(violations);
      Objects.requireNonNull(failure, "failure");
    }
  }

  /** What a violation's path is shown relative to: a task or an input replaces its indexes by its id. */
  private record Leaf(Optional<Pattern> index, Optional<String> id) {

    static final Leaf OTHER = new Leaf(Optional.empty(), Optional.empty());

    String show(String path) {
      if (index.isEmpty() || id.isEmpty() || id.get().contains("$") || id.get().contains("\\")) {
        return path;
      }
      return index.get().matcher(path).replaceAll(id.get());
    }
  }

  /**
   * The plugins whose checks read the same in Kestra 1.3's sources as in 0.20: they apply to the
   * open schemas of later versions too.
   */
  private static final Set<String> UNCHANGED_RULES = Set.of("io.kestra.plugin.core.flow.Dag",
      "io.kestra.plugin.core.flow.Switch", "io.kestra.plugin.core.flow.WorkingDirectory",
      "io.kestra.plugin.core.trigger.Schedule", "io.kestra.plugin.core.trigger.Webhook");

  /** The flow ids Kestra 1.0 reserves: they clash with API path segments. */
  private static final List<String> RESERVED_FLOW_IDS = List.of(
      "pause", "resume", "force-run", "change-status", "kill", "executions", "search", "source", "disable", "enable");

  private final PluginCatalogue catalogue;
  private final KestraVersion version;
  private final List<Violation> violations = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  private FlowRules(PluginCatalogue catalogue, KestraVersion version) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** Validates a flow that Kestra could read (after its plugin defaults were injected). */
  static Result validate(JsonNode flow, PluginCatalogue catalogue, KestraVersion version) {
    FlowRules rules = new FlowRules(catalogue, version);
    ObjectSchema schema = catalogue.model("flow").orElseThrow(() -> new IllegalStateException("no flow model"));
    rules.flowRules(flow, schema);
    rules.object(flow, schema, "");
    rules.pluginDefaults(flow);
    return new Result(rules.violations, rules.failures.stream().findFirst());
  }

  // ---- properties

  private void object(JsonNode node, ObjectSchema schema, String path) {
    if (schema.has(ObjectSchema.Trait.FAILS)) {
      failures.add(VALIDATOR_CRASH);
    }
    Leaf leaf = leafOf(node, schema);
    for (PropertySchema p : schema.properties()) {
      if (p.kind().shape() == ValueKind.Shape.TYPE) {
        continue;
      }
      Optional<JsonNode> value = present(node, p);
      if (value.isEmpty() && schema.name().startsWith("input:") && p.name().equals("id")) {
        value = present(node, schema.property("name").orElse(p));
      }
      String at = path.isEmpty() ? p.field() : path + "." + p.field();
      if (value.isEmpty() && p.has(PropertySchema.Check.DEFAULTED) && node.path(p.name()).isTextual()) {
        add(at, leaf, "must not be null");
      } else if (value.isEmpty()) {
        absent(p, at, leaf);
      } else {
        present(p, value.get(), at, leaf, schema);
      }
    }
    if (!schema.has(ObjectSchema.Trait.OPEN) || UNCHANGED_RULES.contains(schema.name())) {
      classRules(node, schema, path, leaf);
    }
  }

  /** The property's value, unless absent, null, or an empty text Kestra reads as null. */
  private static Optional<JsonNode> present(JsonNode node, PropertySchema p) {
    JsonNode value = node.get(p.name());
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isTextual() && value.asText().trim().isEmpty() && p.kind().shape().emptyTextIsNull()) {
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private void absent(PropertySchema p, String at, Leaf leaf) {
    if (p.has(PropertySchema.Check.NOT_NULL)) {
      add(at, leaf, "must not be null");
    }
    if (p.has(PropertySchema.Check.NOT_BLANK)) {
      add(at, leaf, "must not be blank");
    }
    if (p.has(PropertySchema.Check.NOT_EMPTY)) {
      add(at, leaf, "must not be empty");
    }
  }

  private void present(PropertySchema p, JsonNode value, String at, Leaf leaf, ObjectSchema owner) {
    boolean scalar = value.isValueNode();
    String text = scalar ? value.asText() : "";
    if (p.has(PropertySchema.Check.NOT_BLANK) && scalar && text.isBlank()) {
      add(at, leaf, "must not be blank");
    }
    if (p.has(PropertySchema.Check.NOT_EMPTY) && (scalar ? text.isEmpty() : value.isEmpty())) {
      add(at, leaf, "must not be empty");
    }
    if (p.has(PropertySchema.Check.NULL)) {
      add(at, leaf, "must be null");
    }
    if (scalar && p.pattern().isPresent() && !Pattern.compile(p.pattern().get()).matcher(text).matches()) {
      add(at, leaf, "must match \"" + p.pattern().get() + "\"");
    }
    if (scalar && p.size().isPresent() && (text.length() < p.size().get().min() || text.length() > p.size().get().max())) {
      add(at, leaf, "size must be between " + p.size().get().min() + " and " + p.size().get().max());
    }
    Optional<BigDecimal> number = scalar ? number(value) : Optional.empty();
    if (p.min().isPresent() && number.isPresent() && number.get().compareTo(BigDecimal.valueOf(p.min().getAsLong())) < 0) {
      add(at, leaf, "must be greater than or equal to " + p.min().getAsLong());
    }
    if (p.has(PropertySchema.Check.POSITIVE) && number.isPresent() && number.get().signum() <= 0) {
      add(at, leaf, "must be greater than 0");
    }
    if (p.has(PropertySchema.Check.TIMEZONE) && scalar && !isZone(text)) {
      add(at, leaf, "timezone '(" + text + ")' is not a valid time-zone ID");
    }
    if (p.has(PropertySchema.Check.REGEX) && scalar && !isRegex(text)) {
      add(at, leaf, "invalid pattern [" + text + "]");
    }
    if (p.has(PropertySchema.Check.REGEX_ITEMS) && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        if (item.isValueNode() && !item.isNull() && !isRegex(item.asText())) {
          add(at + "[" + i + "].<list element>", leaf, "invalid pattern [" + item.asText() + "]");
        }
      }
    }
    if (p.has(PropertySchema.Check.NOT_NULL_ITEMS) && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        if (!value.get(i).isObject()) {
          add(at + "[" + i + "].<list element>", leaf, "must not be null");
        }
      }
    }
    if (p.kind().shape() == ValueKind.Shape.LABELS && !owner.name().equals("flow")) {
      List<Label> labels = labels(value);
      for (int i = 0; i < labels.size(); i++) {
        if (labels.get(i).system()) {
          add(at + "[" + i + "].<list element>", leaf,
              "System labels can only be set by Kestra itself, offending label: " + labels.get(i).text() + ".");
        }
      }
    }
    if (!p.has(PropertySchema.Check.NO_CASCADE)) {
      cascade(value, p.kind(), at);
    }
  }

  private void cascade(JsonNode value, ValueKind kind, String at) {
    switch (kind.shape()) {
      case LIST -> {
        if (value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            cascade(value.get(i), kind.elementKind(), at + "[" + i + "]");
          }
        }
      }
      case MAP -> {
        if (value.isObject()) {
          value.properties().forEach(e -> cascade(e.getValue(), kind.elementKind(), at + "[" + e.getKey() + "]"));
        }
      }
      case MODEL -> {
        if (value.isObject()) {
          catalogue.model(kind.target()).ifPresent(schema -> object(value, schema, at));
        }
      }
      case PLUGIN -> {
        if (value.isObject() && value.path("type").isTextual()) {
          catalogue.plugin(value.get("type").asText()).ifPresent(schema -> object(value, schema, at));
        }
      }
      case FAMILY -> {
        if (value.isObject() && value.path("type").isValueNode()) {
          catalogue.model(kind.target() + ":" + value.get("type").asText()).ifPresent(schema -> object(value, schema, at));
        }
      }
      case STRING, BOOLEAN, INTEGER, DECIMAL, DURATION, DATETIME, INSTANT, DATE, TIME, OFFSET_TIME, ENUM, ANY, LABELS,
           ABSTRACT, TYPE -> { }
    }
  }

  private Leaf leafOf(JsonNode node, ObjectSchema schema) {
    if (schema.category() == ObjectSchema.Category.TASK) {
      return new Leaf(Optional.of(TASKS_INDEX), scalarText(node.get("id")));
    }
    if (schema.name().startsWith("input:")) {
      return new Leaf(Optional.of(INPUTS_INDEX), scalarText(node.get("id")).or(() -> scalarText(node.get("name"))));
    }
    return Leaf.OTHER;
  }

  private void add(String path, Leaf leaf, String message) {
    violations.add(new Violation(path, leaf.show(path), message));
  }

  // ---- the checks of particular objects

  private void classRules(JsonNode node, ObjectSchema schema, String path, Leaf leaf) {
    switch (schema.name()) {
      case "io.kestra.plugin.core.flow.Dag" -> dag(node, path, leaf);
      case "io.kestra.plugin.core.flow.Switch" -> {
        if (isEmpty(node.get("cases")) && isEmpty(node.get("defaults"))) {
          add(path, leaf, "No task defined, neither cases or default have any tasks");
        }
      }
      case "io.kestra.plugin.core.flow.WorkingDirectory" -> workingDirectory(node, path, leaf);
      case "io.kestra.plugin.core.trigger.Schedule" -> {
        Optional<String> cron = scalarText(node.get("cron"));
        boolean withSeconds = node.path("withSeconds").asText().equalsIgnoreCase("true");
        cron.flatMap(c -> CronExpression.problem(c, withSeconds))
            .ifPresent(problem -> add(path, leaf, "invalid cron expression '" + cron.get() + "': " + problem));
      }
      case "io.kestra.plugin.core.trigger.Webhook" -> {
        for (JsonNode condition : node.path("conditions")) {
          if (condition.path("type").isTextual() && catalogue.plugin(condition.get("type").asText())
              .map(s -> s.name().equals("io.kestra.plugin.core.condition.MultipleCondition")).orElse(false)) {
            add(path, leaf, "invalid webhook: conditions of type MultipleCondition are not supported");
            break;
          }
        }
      }
      case "retry:constant" -> retryBounds(node, path, leaf, false);
      case "retry:exponential" -> retryBounds(node, path, leaf, true);
      case "retry:random" -> randomRetry(node, path, leaf);
      case "io.kestra.core.models.triggers.TimeWindow" -> timeWindow(node, path, leaf);
      case "io.kestra.core.models.tasks.WorkerGroup" -> {
        if (isSet(node, "key")) {
          add(path, leaf, "Worker Group is an Enterprise Edition functionality");
        }
      }
      case "input:ARRAY" -> {
        if (node.path("itemType").asText().equals("ARRAY")) {
          add(path, leaf, "`itemType` cannot be `ARRAY`");
        }
      }
      case "input:FILE" -> {
        if (isSet(node, "defaults")) {
          add(path, leaf, "no `defaults` can be set for inputs of type 'FILE'");
        }
      }
      case "io.kestra.plugin.core.trigger.Flow$Filter" -> filter(node, path, leaf);
      default -> { }
    }
  }

  private void dag(JsonNode node, String path, Leaf leaf) {
    JsonNode tasks = node.get("tasks");
    if (isEmpty(tasks)) {
      add(path, leaf, "invalid Dag task");
      return;
    }
    List<String> ids = new ArrayList<>();
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    for (JsonNode dagTask : tasks) {
      JsonNode task = dagTask.get("task");
      if (task == null || !task.isObject()) {
        failures.add(VALIDATOR_CRASH);
        return;
      }
      String id = scalarText(task.get("id")).orElse("null");
      ids.add(id);
      JsonNode depends = dagTask.get("dependsOn");
      if (depends != null && depends.isArray()) {
        List<String> list = new ArrayList<>();
        depends.forEach(d -> list.add(d.asText()));
        dependsOn.put(id, list);
      }
    }
    List<String> missing = dependsOn.values().stream().flatMap(List::stream).filter(d -> !ids.contains(d)).toList();
    if (!missing.isEmpty()) {
      add(path, leaf, "Not existing task id in dependency: " + String.join(", ", missing));
      return;
    }
    List<String> cyclic = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : dependsOn.entrySet()) {
      if (reachable(e.getValue(), dependsOn).contains(e.getKey())) {
        cyclic.add(e.getKey());
      }
    }
    if (!cyclic.isEmpty()) {
      add(path, leaf, "Cyclic dependency detected: " + String.join(", ", cyclic));
    }
  }

  /** Every task id reachable from these dependencies, following the dependencies of each. */
  private static Set<String> reachable(List<String> start, Map<String, List<String>> dependsOn) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(start);
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (seen.add(next)) {
        todo.addAll(dependsOn.getOrDefault(next, List.of()));
      }
    }
    return seen;
  }

  private void workingDirectory(JsonNode node, String path, Leaf leaf) {
    JsonNode tasks = node.get("tasks");
    if (isEmpty(tasks)) {
      add(path, leaf, "The 'tasks' property cannot be empty");
      return;
    }
    for (JsonNode task : tasks) {
      boolean runnable = task.isObject() && task.path("type").isTextual()
          && catalogue.plugin(task.get("type").asText()).map(s -> s.has(ObjectSchema.Trait.RUNNABLE)).orElse(true);
      if (!runnable) {
        add(path, leaf, "Only runnable tasks are allowed as children of a WorkingDirectory task");
        return;
      }
    }
    for (JsonNode task : tasks) {
      if (isSet(task, "workerGroup")) {
        add(path, leaf, "Cannot set a Worker Group in any WorkingDirectory sub-tasks, it is only supported at the "
            + "WorkingDirectory level");
        return;
      }
    }
  }

  private void retryBounds(JsonNode node, String path, Leaf leaf, boolean exponential) {
    Optional<Duration> interval = duration(node.get("interval"));
    Optional<Duration> maxDuration = duration(node.get("maxDuration"));
    if (interval.isPresent() && maxDuration.isPresent() && maxDuration.get().compareTo(interval.get()) <= 0) {
      add(path, leaf, "'interval' must be less than 'maxDuration' but is " + interval.get());
      return;
    }
    Optional<Duration> maxInterval = duration(node.get("maxInterval"));
    if (exponential && interval.isPresent() && maxInterval.isPresent() && interval.get().compareTo(maxInterval.get()) >= 0) {
      add(path, leaf, "'interval' must be less than 'maxInterval' but is " + interval.get());
    }
  }

  private void randomRetry(JsonNode node, String path, Leaf leaf) {
    Optional<Duration> min = duration(node.get("minInterval"));
    Optional<Duration> max = duration(node.get("maxInterval"));
    Optional<Duration> maxDuration = duration(node.get("maxDuration"));
    if (maxDuration.isPresent() && max.isPresent() && min.isEmpty()) {
      failures.add(VALIDATOR_CRASH); // Kestra compares the missing minimum
    } else if (maxDuration.isPresent() && max.isPresent() && maxDuration.get().compareTo(min.get()) <= 0) {
      add(path, leaf, "'minInterval' must be less than 'maxDuration' but is " + min.get());
    } else if (maxDuration.isPresent() && max.isPresent() && maxDuration.get().compareTo(max.get()) <= 0) {
      add(path, leaf, "'maxInterval' must be less than 'maxDuration' but is " + max.get());
    } else if (max.isPresent() && min.isPresent() && max.get().compareTo(min.get()) <= 0) {
      add(path, leaf, "'minInterval' must be less than 'maxInterval' but is " + min.get());
    }
  }

  private void timeWindow(JsonNode node, String path, Leaf leaf) {
    Optional<String> type = scalarText(node.get("type"));
    if (type.isEmpty()) {
      failures.add(VALIDATOR_CRASH);
      return;
    }
    boolean window = isSet(node, "window");
    boolean advance = isSet(node, "windowAdvance");
    boolean deadline = isSet(node, "deadline");
    boolean start = isSet(node, "startTime");
    boolean end = isSet(node, "endTime");
    String kind = "Time window of type `" + type.get() + "` ";
    switch (type.get()) {
      case "DAILY_TIME_DEADLINE" -> {
        addIf(window, path, leaf, kind + "cannot have a window.");
        addIf(advance, path, leaf, kind + "cannot have a window advance.");
        addIf(start, path, leaf, kind + "cannot have a start time.");
        addIf(end, path, leaf, kind + "cannot have an end time.");
        addIf(!(window || advance || start || end) && !deadline, path, leaf, kind + "must have a deadline.");
      }
      case "DAILY_TIME_WINDOW" -> {
        if (window || advance || deadline) {
          addIf(window, path, leaf, kind + "cannot have a window.");
          addIf(advance, path, leaf, kind + "cannot have a window advance.");
          addIf(start, path, leaf, kind + "cannot have a deadline.");
        } else {
          addIf(!start, path, leaf, kind + "must have a start time.");
          addIf(!end, path, leaf, kind + "must have an end time.");
        }
      }
      case "DURATION_WINDOW" -> {
        addIf(deadline, path, leaf, kind + "cannot have a deadline.");
        addIf(start, path, leaf, kind + "cannot have a start time.");
        addIf(end, path, leaf, kind + "cannot have an end time.");
      }
      case "SLIDING_WINDOW" -> {
        addIf(deadline, path, leaf, kind + "cannot have a deadline.");
        addIf(start, path, leaf, kind + "cannot have a start time.");
        addIf(end, path, leaf, kind + "cannot have an end time.");
        addIf(advance, path, leaf, kind + "cannot have a window advance.");
      }
      default -> { }
    }
  }

  private void filter(JsonNode node, String path, Leaf leaf) {
    if (!isSet(node, "type")) {
      failures.add(VALIDATOR_CRASH);
      return;
    }
    String type = node.path("type").asText("");
    boolean value = isSet(node, "value");
    boolean values = isSet(node, "values");
    if (FILTER_NEEDS_VALUE.contains(type) && !value) {
      add(path, leaf, "`value` cannot be null for type " + type);
    } else if (!FILTER_NEEDS_VALUE.contains(type) && value) {
      add(path, leaf, "`value` must be null for type " + type);
    } else if (FILTER_NEEDS_VALUES.contains(type) && !values) {
      add(path, leaf, "`values` cannot be null for type " + type);
    } else if (!FILTER_NEEDS_VALUES.contains(type) && values) {
      add(path, leaf, "`values` must be null for type " + type);
    }
  }

  private void addIf(boolean condition, String path, Leaf leaf, String message) {
    if (condition) {
      add(path, leaf, message);
    }
  }

  // ---- the checks of the whole flow

  private void flowRules(JsonNode flow, ObjectSchema schema) {
    for (String list : List.of("inputs", "outputs", "listeners")) {
      flow.path(list).forEach(item -> {
        if (item.isNull()) {
          failures.add(VALIDATOR_CRASH);
        }
      });
    }
    List<String> problems = new ArrayList<>();
    Optional<String> flowId = scalarText(flow.get("id"));
    if (version.reservedFlowIds() && flowId.isPresent() && RESERVED_FLOW_IDS.contains(flowId.get())) {
      problems.add("Flow id is a reserved keyword: " + flowId.get() + ". List of reserved keywords: "
          + String.join(", ", RESERVED_FLOW_IDS));
    }
    List<TaskRef> tasks = allTasks(flow, schema);
    List<String> taskIds = tasks.stream().map(TaskRef::id).toList();
    duplicates(taskIds).ifPresent(d -> problems.add("Duplicate task id with name [" + d + "]"));
    List<String> triggerIds = new ArrayList<>();
    for (JsonNode trigger : flow.path("triggers")) {
      scalarText(trigger.get("id")).ifPresent(triggerIds::add);
    }
    duplicates(triggerIds).ifPresent(d -> problems.add("Duplicate trigger id with name [" + d + "]"));
    String namespace = flow.path("namespace").asText("");
    String id = flow.path("id").asText("");
    boolean noId = scalarText(flow.get("id")).isEmpty();
    boolean noNamespace = scalarText(flow.get("namespace")).isEmpty();
    for (TaskRef task : tasks) {
      // Kestra compares the flow's id, then its namespace, to each subflow's: a missing one fails
      if (task.executable() && (noId || (noNamespace && task.node().path("flowId").asText("").equals(id)))) {
        failures.add(VALIDATOR_CRASH);
      }
      if (task.executable() && task.node().path("namespace").asText("").equals(namespace)
          && task.node().path("flowId").asText("").equals(id)) {
        problems.add("Recursive call to flow [" + namespace + "." + id + "]");
      }
    }
    inputRules(flow, problems);
    List<String> outputIds = new ArrayList<>();
    for (JsonNode output : flow.path("outputs")) {
      outputIds.add(scalarText(output.get("id")).orElse("null"));
    }
    duplicates(outputIds).ifPresent(d -> problems.add("Duplicate output with name [" + d + "]"));
    JsonNode labels = flow.get("labels");
    if (labels != null) {
      for (Label label : labels(labels)) {
        if (label.system() && !label.key().orElse("").equals(READ_ONLY_LABEL)) {
          problems.add("System labels can only be set by Kestra itself, offending label: " + label.text());
        }
      }
    }
    if (!problems.isEmpty()) {
      violations.add(new Violation("", "", "Invalid Flow: " + String.join(", ", problems)));
    }
  }

  /** A task as Kestra's flow check lists them: every task, with the children of flowable ones. */
  private record TaskRef(String id, boolean executable, JsonNode node) {
  }

  /** The flow's tasks and their children, from the places the flow model names (tasks, errors...). */
  private List<TaskRef> allTasks(JsonNode flow, ObjectSchema schema) {
    List<TaskRef> out = new ArrayList<>();
    for (String place : schema.children()) {
      String[] parts = place.split("\\.", 2);
      if (parts.length == 1) {
        flow.path(place).forEach(t -> expand(t, out));
        continue;
      }
      for (JsonNode holder : flow.path(parts[0])) {
        JsonNode tasks = holder.get(parts[1]);
        if (tasks == null || tasks.isNull()) {
          failures.add(VALIDATOR_CRASH); // Kestra streams a listener's missing tasks
        } else {
          tasks.forEach(t -> expand(t, out));
        }
      }
    }
    return out;
  }

  private void expand(JsonNode task, List<TaskRef> out) {
    if (task == null || !task.isObject()) {
      return;
    }
    Optional<ObjectSchema> schema = task.path("type").isTextual()
        ? catalogue.plugin(task.get("type").asText()) : Optional.empty();
    String id = scalarText(task.get("id")).orElse("null");
    out.add(new TaskRef(id, schema.map(s -> s.has(ObjectSchema.Trait.EXECUTABLE)).orElse(false), task));
    if (schema.isEmpty()) {
      return;
    }
    if (schema.get().has(ObjectSchema.Trait.FAILS)) {
      failures.add(VALIDATOR_CRASH);
    }
    for (String child : schema.get().children()) {
      if (child.startsWith("+")) {
        out.add(new TaskRef(id + child.substring(1), false, task));
      } else if (child.contains(".")) {
        String[] parts = child.split("\\.", 2);
        task.path(parts[0]).forEach(holder -> expand(holder.get(parts[1]), out));
      } else {
        JsonNode children = task.get(child);
        if (children == null || children.isNull()) {
          if (schema.get().name().equals("io.kestra.plugin.core.flow.WaitFor") && child.equals("tasks")) {
            failures.add(VALIDATOR_CRASH);
          }
        } else if (children.isObject()) {
          children.forEach(list -> list.forEach(t -> expand(t, out)));
        } else {
          children.forEach(t -> expand(t, out));
        }
      }
    }
  }

  private void inputRules(JsonNode flow, List<String> problems) {
    JsonNode inputs = flow.get("inputs");
    if (inputs == null || !inputs.isArray()) {
      return;
    }
    List<String> ids = new ArrayList<>();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (JsonNode input : inputs) {
      String id = scalarText(input.get("id")).or(() -> scalarText(input.get("name"))).orElse("null");
      ids.add(id);
      graph.putIfAbsent(id, new ArrayList<>());
      input.path("dependsOn").path("inputs").forEach(d -> graph.get(id).add(d.asText()));
    }
    duplicates(ids).ifPresent(d -> problems.add("Duplicate input with name [" + d + "]"));
    for (Map.Entry<String, List<String>> e : graph.entrySet()) {
      for (String dependency : e.getValue()) {
        if (!graph.containsKey(dependency)) {
          problems.add("Input with id '" + e.getKey() + "' depends on a non-existent input '" + dependency + "'.");
        }
      }
      cycle(e.getKey(), graph, new HashSet<>(), new HashSet<>(), new ArrayList<>()).ifPresent(cycle ->
          problems.add("Cycle dependency detected for input with id '" + e.getKey() + "': " + cycle));
    }
  }

  /** The first dependency cycle found from {@code id}, as the path that closes it. */
  private static Optional<List<String>> cycle(String id, Map<String, List<String>> graph, Set<String> visiting,
      Set<String> visited, List<String> path) {
    if (visiting.contains(id)) {
      return Optional.of(List.copyOf(path.subList(path.indexOf(id), path.size())));
    }
    if (visited.contains(id)) {
      return Optional.empty();
    }
    visiting.add(id);
    path.add(id);
    for (String dependency : graph.getOrDefault(id, List.of())) {
      Optional<List<String>> found = cycle(dependency, graph, visiting, visited, path);
      if (found.isPresent()) {
        return found;
      }
    }
    visiting.remove(id);
    visited.add(id);
    path.remove(path.size() - 1);
    return Optional.empty();
  }

  /** The values present more than once, each once, in order of first appearance. */
  private static Optional<String> duplicates(List<String> values) {
    List<String> duplicates = values.stream().distinct().filter(v -> Collections.frequency(values, v) > 1).toList();
    return duplicates.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", duplicates));
  }

  // ---- plugin defaults

  /**
   * Kestra's check of each plugin default: it has values, and, for a type Kestra knows (not a
   * prefix, not an added plugin), only properties that type has. Kestra reports them under
   * {@code pluginDefaults} even when the source names them {@code taskDefaults}.
   */
  private void pluginDefaults(JsonNode flow) {
    JsonNode defaults = PluginDefaults.declared(flow);
    for (int i = 0; i < defaults.size(); i++) {
      JsonNode pluginDefault = defaults.get(i);
      if (!pluginDefault.isObject()) {
        continue;
      }
      List<String> problems = new ArrayList<>();
      JsonNode values = pluginDefault.get("values");
      Optional<String> type = scalarText(pluginDefault.get("type"));
      if (values == null || values.isNull()) {
        problems.add("No 'values' provided");
      } else {
        Optional<ObjectSchema> schema = type.flatMap(catalogue::plugin);
        if (schema.isPresent() && !schema.get().has(ObjectSchema.Trait.OPEN)) {
          values.fieldNames().forEachRemaining(key -> {
            boolean known = key.equalsIgnoreCase("class")
                || schema.get().properties().stream().anyMatch(p -> p.name().equalsIgnoreCase(key));
            if (!known) {
              problems.add("No property '" + key + "' exists in plugin '" + type.get() + "'");
            }
          });
        }
      }
      if (!problems.isEmpty()) {
        String path = "pluginDefaults[" + i + "]";
        violations.add(new Violation(path, path, "Invalid Plugin Default: " + String.join(", ", problems)));
      }
    }
  }

  // ---- values

  /** Whether the field is set to something other than null. */
  private static boolean isSet(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  private static boolean isEmpty(JsonNode node) {
    return node == null || node.isNull() || (node.isContainerNode() && node.isEmpty());
  }

  static Optional<String> scalarText(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static Optional<BigDecimal> number(JsonNode value) {
    if (value.isNumber()) {
      return Optional.of(value.decimalValue());
    }
    try {
      return Optional.of(new BigDecimal(value.asText().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A duration as Kestra reads it: ISO-8601, or a number of seconds. */
  static Optional<Duration> duration(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return Optional.empty();
    }
    String text = node.asText().trim();
    try {
      if (node.isNumber() || text.matches("[+-]?[\\d.]+")) {
        BigDecimal seconds = new BigDecimal(text);
        return Optional.of(Duration.ofSeconds(seconds.longValue(),
            seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
      }
      return text.isEmpty() ? Optional.empty() : Optional.of(Duration.parse(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isZone(String text) {
    try {
      ZoneId.of(text);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean isRegex(String text) {
    try {
      Pattern.compile(text);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  /** A label as Kestra reads it; a label of a list may lack its key. */
  private record Label(Optional<String> key, String value) {

    boolean system() {
      return key.map(k -> k.startsWith(SYSTEM_PREFIX)).orElse(false);
    }

    String text() {
      return key.orElse("null") + "=" + value;
    }
  }

  /** Labels as Kestra reads them, from a map or from a list of {@code {key, value}}. */
  private static List<Label> labels(JsonNode labels) {
    List<Label> out = new ArrayList<>();
    if (labels.isObject()) {
      labels.properties().forEach(e -> out.add(new Label(Optional.of(e.getKey()), e.getValue().asText())));
    } else if (labels.isArray()) {
      for (JsonNode label : labels) {
        if (label.isObject()) {
          out.add(new Label(scalarText(label.get("key")), scalarText(label.get("value")).orElse("null")));
        }
      }
    }
    return out;
  }
}
