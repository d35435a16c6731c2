package dev.driftless.presets;

import dev.driftless.presets.internal.PropertyReader;
import dev.driftless.credential.Secret;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
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
      Supplier<Task> builder = builder(type, r);
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

  /** Reads the type's properties into its builder now; builds (and validates) when called. */
  private static Supplier<Task> builder(TaskType type, PropertyReader r) {
    return switch (type) {
      case SYNC_FLOWS -> {
        SyncFlows.Builder b = SyncFlows.builder();
        shared(r, b, b, Optional.empty(), b);
        r.string("branch").ifPresent(b::branch);
        r.string("targetNamespace").ifPresent(b::targetNamespace);
        r.string("gitDirectory").ifPresent(b::gitDirectory);
        r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
        r.bool("delete").ifPresent(b::delete);
        r.bool("ignoreInvalidFlows").ifPresent(b::ignoreInvalidFlows);
        r.bool("failOnMissingDirectory").ifPresent(b::failOnMissingDirectory);
        yield b::build;
      }
      case SYNC_FLOW -> {
        SyncFlow.Builder b = SyncFlow.builder();
        shared(r, b, b, Optional.empty(), b);
        r.string("branch").ifPresent(b::branch);
        r.string("targetNamespace").ifPresent(b::targetNamespace);
        r.string("flowPath").ifPresent(b::flowPath);
        yield b::build;
      }
      case SYNC_NAMESPACE_FILES -> {
        SyncNamespaceFiles.Builder b = SyncNamespaceFiles.builder();
        shared(r, b, b, Optional.empty(), b);
        r.string("branch").ifPresent(b::branch);
        r.string("namespace").ifPresent(b::namespace);
        r.string("gitDirectory").ifPresent(b::gitDirectory);
        r.bool("delete").ifPresent(b::delete);
        r.bool("failOnMissingDirectory").ifPresent(b::failOnMissingDirectory);
        r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
        r.string("namespaceDirectory").ifPresent(b::namespaceDirectory);
        yield b::build;
      }
      case SYNC_DASHBOARDS -> {
        SyncDashboards.Builder b = SyncDashboards.builder();
        shared(r, b, b, Optional.empty(), b);
        r.string("branch").ifPresent(b::branch);
        r.string("gitDirectory").ifPresent(b::gitDirectory);
        r.bool("delete").ifPresent(b::delete);
        yield b::build;
      }
      case PUSH_FLOWS -> {
        PushFlows.Builder b = PushFlows.builder();
        shared(r, b, b, Optional.of(b), b);
        r.string("branch").ifPresent(b::branch);
        r.string("gitDirectory").ifPresent(b::gitDirectory);
        r.string("sourceNamespace").ifPresent(b::sourceNamespace);
        r.string("targetNamespace").ifPresent(b::targetNamespace);
        b.addAllFlows(r.strings("flows"));
        r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
        r.bool("delete").ifPresent(b::delete);
        yield b::build;
      }
      case PUSH_NAMESPACE_FILES -> {
        PushNamespaceFiles.Builder b = PushNamespaceFiles.builder();
        shared(r, b, b, Optional.of(b), b);
        r.string("branch").ifPresent(b::branch);
        r.string("namespace").ifPresent(b::namespace);
        r.string("gitDirectory").ifPresent(b::gitDirectory);
        b.addAllFiles(r.strings("files"));
        r.bool("errorOnMissing").ifPresent(b::errorOnMissing);
        r.bool("delete").ifPresent(b::delete);
        r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
        yield b::build;
      }
      case PUSH_DASHBOARDS -> {
        PushDashboards.Builder b = PushDashboards.builder();
        shared(r, b, b, Optional.of(b), b);
        r.string("branch").ifPresent(b::branch);
        r.string("gitDirectory").ifPresent(b::gitDirectory);
        b.addAllDashboards(r.strings("dashboards"));
        r.bool("delete").ifPresent(b::delete);
        yield b::build;
      }
      case PUSH_EXECUTION_FILES -> {
        PushExecutionFiles.Builder b = PushExecutionFiles.builder();
        shared(r, b, b, Optional.of(b), b);
        r.string("branch").ifPresent(b::branch);
        r.string("gitDirectory").ifPresent(b::gitDirectory);
        r.string("executionId").ifPresent(b::executionId);
        b.addAllFiles(r.strings("files"));
        b.putAllFilesMap(r.stringMap("filesMap"));
        r.bool("errorOnMissing").ifPresent(b::errorOnMissing);
        yield b::build;
      }
      case NAMESPACE_SYNC -> {
        NamespaceSync.Builder b = NamespaceSync.builder();
        shared(r, b, b, Optional.of(b), b);
        twoWay(r, b);
        r.string("namespace").ifPresent(b::namespace);
        r.bool("includeChildNamespaces").ifPresent(b::includeChildNamespaces);
        yield b::build;
      }
      case TENANT_SYNC -> {
        TenantSync.Builder b = TenantSync.builder();
        shared(r, b, b, Optional.of(b), b);
        twoWay(r, b);
        yield b::build;
      }
      case CLONE -> {
        Clone.Builder b = Clone.builder();
        remote(r, b);
        r.bool("cloneSubmodules").ifPresent(b::cloneSubmodules);
        r.string("directory").ifPresent(b::directory);
        r.string("branch").ifPresent(b::branch);
        r.integer("depth").ifPresent(b::depth);
        r.string("commit").ifPresent(b::commit);
        r.string("tag").ifPresent(b::tag);
        r.bool("cloneAllBranches").ifPresent(b::cloneAllBranches);
        r.bool("noTags").ifPresent(b::noTags);
        yield b::build;
      }
    };
  }

  private static void shared(PropertyReader r, FieldGroups.Remote remote, FieldGroups.Server server,
      Optional<FieldGroups.Commit> commit, FieldGroups.DryRun dryRun) {
    remote(r, remote);
    // The plugin reads cloneSubmodules on every task; only Clone uses it.
    r.accept("cloneSubmodules");
    r.string("kestraUrl").ifPresent(server::kestraUrl);
    r.string("tenantId").ifPresent(server::tenantId);
    r.object("auth").ifPresent(auth -> {
      Optional<String> username = auth.string("username");
      Optional<Secret> password = auth.secret("password");
      Optional<Secret> apiToken = auth.secret("apiToken");
      auth.finish(false);
      server.auth(new KestraAuth(username, password, apiToken));
    });
    commit.ifPresent(c -> {
      r.string("commitMessage").ifPresent(c::commitMessage);
      r.string("authorName").ifPresent(c::authorName);
      r.string("authorEmail").ifPresent(c::authorEmail);
    });
    r.bool("dryRun").ifPresent(dryRun::dryRun);
  }

  private static void twoWay(PropertyReader r, FieldGroups.TwoWay b) {
    r.string("branch").ifPresent(b::branch);
    r.string("gitDirectory").ifPresent(b::gitDirectory);
    r.enumValue("sourceOfTruth", Side.class).ifPresent(b::sourceOfTruth);
    b.putAllSourceOfTruthByKind(byKind(r));
    r.enumValue("whenMissingInSource", WhenMissing.class).ifPresent(b::whenMissingInSource);
    if (r.has("protectedNamespaces")) {
      b.protectedNamespaces(new LinkedHashSet<>(r.strings("protectedNamespaces")));
    }
    r.enumValue("onInvalidSyntax", OnInvalidSyntax.class).ifPresent(b::onInvalidSyntax);
    kinds(r).ifPresent(b::kinds);
  }

  private static void remote(PropertyReader r, FieldGroups.Remote b) {
    r.string("url").ifPresent(b::url);
    r.string("username").ifPresent(b::username);
    r.secret("password").ifPresent(b::password);
    r.secret("privateKey").ifPresent(b::privateKey);
    r.secret("passphrase").ifPresent(b::passphrase);
    r.string("trustedCaPemPath").ifPresent(b::trustedCaPemPath);
    r.bool("noProxy").ifPresent(b::noProxy);
    r.integer("connectTimeout").ifPresent(b::connectTimeout);
    r.integer("readTimeout").ifPresent(b::readTimeout);
    b.putAllGitConfig(r.stringMap("gitConfig"));
    r.string("knownHostsPath").ifPresent(b::knownHostsPath);
    r.string("hostKey").ifPresent(b::hostKey);
    r.bool("strictHostKeyChecking").ifPresent(b::strictHostKeyChecking);
  }

  private static Map<ResourceKind, Side> byKind(PropertyReader r) {
    Map<ResourceKind, Side> out = new EnumMap<>(ResourceKind.class);
    r.object("sourceOfTruthByKind").ifPresent(kinds -> {
      for (ResourceKind kind : ResourceKind.values()) {
        for (String name : List.of(kind.label(), kind.name(), camel(kind))) {
          kinds.enumValue(name, Side.class).ifPresent(side -> out.put(kind, side));
        }
      }
      kinds.finish(false);
    });
    return out;
  }

  private static Optional<Set<ResourceKind>> kinds(PropertyReader r) {
    if (!r.has("kinds")) {
      r.accept("kinds");
      return Optional.empty();
    }
    Set<ResourceKind> out = EnumSet.noneOf(ResourceKind.class);
    for (String label : r.strings("kinds")) {
      try {
        out.add(ResourceKind.fromLabel(label));
      } catch (IllegalArgumentException e) {
        r.problem("kinds", e.getMessage());
      }
    }
    return Optional.of(out);
  }

  private static String camel(ResourceKind kind) {
    String[] parts = kind.label().split("-");
    StringBuilder out = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return out.toString();
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
