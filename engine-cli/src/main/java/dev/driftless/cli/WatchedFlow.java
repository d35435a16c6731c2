package dev.driftless.cli;

import dev.driftless.credential.Secret;
import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.Problem;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What {@code driftless watch} reads of a flow beyond its tasks: its id and namespace, and the
 * triggers that start it. {@code Schedule} triggers fire on their cron, in their {@code timezone}
 * (UTC by default); {@code Webhook} triggers on a call that carries their {@code key}, which must
 * be written {@code "{{ secret('NAME') }}"}. A trigger with {@code disabled: true} is skipped.
 *
 * <p>What a watch cannot honour is refused, naming the file, line and property: other trigger
 * types, {@code conditions}, {@code inputs}, {@code stopAfter}, {@code withSeconds}. Properties that
 * only matter inside Kestra's scheduler ({@code backfill}, {@code recoverMissedSchedules}...) are
 * accepted and named in {@link #notes()}.
 */
final class WatchedFlow {

  /** A Schedule trigger. */
  record Schedule(String id, Cron cron, ZoneId zone) {

    String describe() {
      return id + " (" + cron + (zone.equals(ZoneOffset.UTC) ? ", UTC" : ", " + zone.getId()) + ")";
    }
  }

  /** A Webhook trigger: its key never leaves the {@link Secret}. */
  record Webhook(String id, Secret key) {}

  private static final Pattern SECRET = Pattern.compile("\\{\\{\\s*secret\\(\\s*(['\"])([A-Za-z0-9_.-]+)\\1\\s*\\)\\s*}}");
  private static final Set<String> SCHEDULE_TYPES = Set.of("io.kestra.plugin.core.trigger.Schedule",
      "io.kestra.core.models.triggers.types.Schedule");
  private static final Set<String> WEBHOOK_TYPES = Set.of("io.kestra.plugin.core.trigger.Webhook",
      "io.kestra.core.models.triggers.types.Webhook");
  /** Properties every trigger may carry that change nothing outside Kestra. */
  private static final Set<String> ENVELOPE = Set.of("id", "type", "description", "disabled");
  /** Properties of Kestra's scheduler and executor, accepted with a note. */
  private static final Set<String> KESTRA_ONLY = Set.of("backfill", "recoverMissedSchedules", "lateMaximumDelay",
      "interval", "logToFile", "minLogLevel", "logLevel", "workerGroup", "labels", "wait", "returnOutputs",
      "failOnTriggerError");

  private final Optional<ResourceKey> flow;
  private final List<Schedule> schedules;
  private final List<Webhook> webhooks;
  private final List<String> notes;

  private WatchedFlow(Optional<ResourceKey> flow, List<Schedule> schedules, List<Webhook> webhooks, List<String> notes) {
    this.flow = flow;
    this.schedules = List.copyOf(schedules);
    this.webhooks = List.copyOf(webhooks);
    this.notes = List.copyOf(notes);
  }

  /** The flow's namespace and id, when the file is a flow that names them. */
  Optional<ResourceKey> flow() {
    return flow;
  }

  List<Schedule> schedules() {
    return schedules;
  }

  List<Webhook> webhooks() {
    return webhooks;
  }

  /** Properties accepted that only Kestra acts on, one line each ({@code task.yaml:12: triggers[0].backfill: ...}). */
  List<String> notes() {
    return notes;
  }

  /**
   * @param secrets looks up a secret's value by name
   * @throws InvalidTaskException with every problem found, when something cannot be watched
   */
  static WatchedFlow read(String yaml, String fileName, Function<String, Optional<String>> secrets) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(20);
      root = new Yaml(options).compose(new StringReader(yaml));
    } catch (YAMLException e) {
      throw new InvalidTaskException(fileName, List.of(Problem.of("", "is not valid YAML").at(fileName, 0)));
    }
    return new Reading(fileName, secrets).read(root);
  }

  /** One reading of a file, gathering every problem. */
  private static final class Reading {

    private final String file;
    private final Function<String, Optional<String>> secrets;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Reading(String file, Function<String, Optional<String>> secrets) {
      this.file = file;
      this.secrets = secrets;
    }

    WatchedFlow read(Node root) {
      Map<String, NodeTuple> top = root instanceof MappingNode mapping ? entries(mapping) : Map.of();
      if (top.containsKey("type") || !top.containsKey("tasks")) {
        throw refused(Problem.of("", "is one task, not a flow: driftless watch runs a flow with a Schedule or a"
            + " Webhook trigger (id, namespace, tasks, triggers)").at(file, 1));
      }
      if (text(top.get("disabled")).filter("true"::equalsIgnoreCase).isPresent()) {
        throw refused(Problem.of("disabled", "the flow is disabled: Kestra would not run it, nor does driftless watch")
            .at(file, line(top.get("disabled").getKeyNode())));
      }
      Optional<String> namespace = text(top.get("namespace"));
      Optional<String> id = text(top.get("id"));
      Optional<ResourceKey> flow = namespace.isPresent() && id.isPresent()
          && ResourceKey.problem(ResourceKind.FLOW, namespace.get(), id.get()).isEmpty()
          ? Optional.of(ResourceKey.flow(namespace.get(), id.get())) : Optional.empty();
      List<Schedule> schedules = new ArrayList<>();
      List<Webhook> webhooks = new ArrayList<>();
      NodeTuple triggers = top.get("triggers");
      if (triggers != null) {
        if (triggers.getValueNode() instanceof SequenceNode list) {
          for (int i = 0; i < list.getValue().size(); i++) {
            trigger("triggers[" + i + "]", list.getValue().get(i), schedules, webhooks);
          }
        } else {
          problem("triggers", triggers.getValueNode(), "must be a list of triggers");
        }
      }
      if (problems.isEmpty() && schedules.isEmpty() && webhooks.isEmpty()) {
        problems.add(Problem.of(triggers == null ? "" : "triggers", "the flow has no " + (triggers == null ? "" : "enabled ")
            + "Schedule or Webhook trigger, so driftless watch would never run it: add one (type: "
            + "io.kestra.plugin.core.trigger.Schedule with a cron, or io.kestra.plugin.core.trigger.Webhook with a key),"
            + " or run it once with driftless run").at(file, triggers == null ? 1 : line(triggers.getKeyNode())));
      }
      if (webhooks.size() > 0 && flow.isEmpty()) {
        problems.add(Problem.of("", "a flow with a Webhook trigger needs its id and namespace: Kestra's webhook URL "
            + "names them").at(file, 1));
      }
      if (!problems.isEmpty()) {
        throw new InvalidTaskException(file, problems);
      }
      return new WatchedFlow(flow, schedules, webhooks, notes);
    }

    private void trigger(String where, Node node, List<Schedule> schedules, List<Webhook> webhooks) {
      if (!(node instanceof MappingNode mapping)) {
        problem(where, node, "must be a trigger (id, type and its properties)");
        return;
      }
      Map<String, NodeTuple> properties = entries(mapping);
      if (text(properties.get("disabled")).filter("true"::equalsIgnoreCase).isPresent()) {
        return;
      }
      Optional<String> id = text(properties.get("id"));
      if (id.isEmpty()) {
        problem(where + ".id", node, "is required");
      }
      Optional<String> type = text(properties.get("type"));
      if (type.isEmpty()) {
        problem(where + ".type", node, "is required");
        return;
      }
      String label = id.orElse(where);
      if (SCHEDULE_TYPES.contains(type.get())) {
        schedule(where, label, properties, node).ifPresent(schedules::add);
      } else if (WEBHOOK_TYPES.contains(type.get())) {
        webhook(where, label, properties, node).ifPresent(webhooks::add);
      } else {
        problem(where + ".type", properties.get("type").getValueNode(), "'" + type.get() + "' is not run by driftless"
            + " watch, which runs Schedule and Webhook triggers: set disabled: true on it, or run the flow in Kestra");
      }
    }

    private Optional<Schedule> schedule(String where, String id, Map<String, NodeTuple> properties, Node node) {
      int before = problems.size();
      Optional<Cron> cron = Optional.empty();
      NodeTuple cronEntry = properties.get("cron");
      Optional<String> cronText = text(cronEntry);
      if (cronEntry == null) {
        problem(where + ".cron", node, "is required (such as \"*/5 * * * *\")");
      } else if (cronText.isEmpty()) {
        problem(where + ".cron", cronEntry.getValueNode(), "must be a cron expression (such as \"*/5 * * * *\")");
      } else {
        try {
          cron = Optional.of(Cron.parse(cronText.get()));
        } catch (IllegalArgumentException e) {
          problem(where + ".cron", cronEntry.getValueNode(), "'" + cronText.get() + "' " + e.getMessage());
        }
      }
      ZoneId zone = ZoneOffset.UTC;
      NodeTuple timezone = properties.get("timezone");
      if (timezone != null) {
        Optional<String> name = text(timezone);
        try {
          zone = ZoneId.of(name.orElse(""));
        } catch (DateTimeException e) {
          problem(where + ".timezone", timezone.getValueNode(), "'" + name.orElse("") + "' is not a time zone: use an"
              + " IANA name such as Europe/Paris (the default is UTC)");
        }
      }
      NodeTuple seconds = properties.get("withSeconds");
      if (seconds != null && text(seconds).filter("true"::equalsIgnoreCase).isPresent()) {
        problem(where + ".withSeconds", seconds.getValueNode(), "a cron with seconds is not run by driftless watch: use"
            + " five fields (minute precision)");
      }
      rest(where, properties, Set.of("cron", "timezone", "withSeconds"));
      return problems.size() == before && cron.isPresent()
          ? Optional.of(new Schedule(id, cron.get(), zone)) : Optional.empty();
    }

    private Optional<Webhook> webhook(String where, String id, Map<String, NodeTuple> properties, Node node) {
      int before = problems.size();
      Optional<Secret> key = Optional.empty();
      NodeTuple entry = properties.get("key");
      if (entry == null) {
        problem(where + ".key", node, "is required: write key: \"{{ secret('WEBHOOK_KEY') }}\" and set WEBHOOK_KEY (or"
            + " SECRET_WEBHOOK_KEY, base64) in the environment");
      } else {
        key = secret(where + ".key", entry);
      }
      rest(where, properties, Set.of("key"));
      return problems.size() == before && key.isPresent() ? Optional.of(new Webhook(id, key.get())) : Optional.empty();
    }

    private Optional<Secret> secret(String where, NodeTuple entry) {
      Optional<String> raw = text(entry);
      Matcher m = SECRET.matcher(raw.orElse("").strip());
      if (!m.matches()) {
        problem(where, entry.getValueNode(), raw.orElse("").contains("{{")
            ? "only \"{{ secret('NAME') }}\" is understood outside Kestra"
            : "a literal webhook key is refused (the key is all that guards the webhook): write \"{{ secret('NAME') }}\""
                + " and set NAME (or SECRET_NAME, base64) in the environment");
        return Optional.empty();
      }
      String name = m.group(2);
      Optional<String> value = secrets.apply(name);
      if (value.isEmpty()) {
        problem(where, entry.getValueNode(), "secret '" + name + "' is not set: set SECRET_" + name
            + " (base64, as Kestra does) or " + name + " in the environment");
      }
      return value.map(v -> Secret.of(v, "secret('" + name + "')"));
    }

    /** Every property not read: a note when only Kestra acts on it, refused otherwise. */
    private void rest(String where, Map<String, NodeTuple> properties, Set<String> read) {
      for (Map.Entry<String, NodeTuple> e : properties.entrySet()) {
        String name = e.getKey();
        if (ENVELOPE.contains(name) || read.contains(name)) {
          continue;
        }
        int at = line(e.getValue().getKeyNode());
        if (KESTRA_ONLY.contains(name)) {
          notes.add(Problem.of(where + "." + name, "only Kestra acts on it: driftless watch ignores it").at(file, at)
              .render());
        } else {
          problems.add(Problem.of(where + "." + name, "is not honoured by driftless watch: remove it, or run the"
              + " flow in Kestra").at(file, at));
        }
      }
    }

    private void problem(String property, Node node, String message) {
      problems.add(Problem.of(property, message).at(file, line(node)));
    }

    private InvalidTaskException refused(Problem problem) {
      return new InvalidTaskException(file, List.of(problem));
    }

    private static Map<String, NodeTuple> entries(MappingNode mapping) {
      Map<String, NodeTuple> out = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key) {
          out.put(key.getValue(), tuple);
        }
      }
      return out;
    }

    private static Optional<String> text(NodeTuple tuple) {
      return tuple != null && tuple.getValueNode() instanceof ScalarNode scalar ? Optional.of(scalar.getValue())
          : Optional.empty();
    }

    private static int line(Node node) {
      return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
  }
}
