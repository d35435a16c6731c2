package dev.driftless.testkit.gen;

import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.driftless.policy.Guards;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.Content;
import dev.driftless.resource.Namespaces;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Generators for the domain. Everything is built from QuickTheories' primitive generators, so
 * failing cases shrink and every run reproduces from its seed.
 */
public final class Generators {

  /** Namespaces scenarios draw from: a protected one, a child, and a look-alike of {@code dev}. */
  public static final List<String> NAMESPACES = List.of("dev", "dev.team", "devops", "system", "prod");

  private static final List<String> FLOW_IDS = List.of("a", "b", "c", "hello_world");
  private static final List<String> FILE_PATHS = List.of("scripts/main.py", "data/blob.bin", "README.md", "a/b/c.sql");
  private static final List<String> DASHBOARD_IDS = List.of("overview", "ops");

  private Generators() {}

  public static Gen<ResourceKind> kinds(Set<ResourceKind> allowed) {
    return arbitrary().pick(new ArrayList<>(EnumSet.copyOf(allowed)));
  }

  public static Gen<String> namespaces() {
    return arbitrary().pick(NAMESPACES);
  }

  /** Keys of the given kinds, over small pools of names so that sides overlap. */
  public static Gen<ResourceKey> keys(Set<ResourceKind> allowed) {
    return in -> key(kinds(allowed).generate(in), namespaces().generate(in), integers().between(0, 3).generate(in));
  }

  static ResourceKey key(ResourceKind kind, String namespace, int pick) {
    return switch (kind) {
      case FLOW -> ResourceKey.flow(namespace, FLOW_IDS.get(pick % FLOW_IDS.size()));
      case NAMESPACE_FILE -> ResourceKey.namespaceFile(namespace, FILE_PATHS.get(pick % FILE_PATHS.size()));
      case DASHBOARD -> ResourceKey.dashboard(DASHBOARD_IDS.get(pick % DASHBOARD_IDS.size()));
      case APP -> ResourceKey.app(namespace, "app" + (pick % 2));
      case TEST -> ResourceKey.test(namespace, "test" + (pick % 2));
      case EXECUTION_FILE -> ResourceKey.executionFile("out/result" + pick + ".csv");
    };
  }

  /**
   * Realistic flow sources: comments, inputs, block strings holding {@code ---}, subflow calls and
   * flow triggers to other flows of the pool, CRLF line endings.
   */
  public static Gen<String> flowYaml(String namespace, String id) {
    return in -> flowText(namespace, id, integers().between(0, 1 << 12).generate(in), false);
  }

  /** Namespace file contents: text and binary. */
  public static Gen<Content> fileContents() {
    return in -> fileContent("scripts/main.py", integers().between(0, 1000).generate(in),
        booleans().all().generate(in));
  }

  /** Policies, across every setting. */
  public static Gen<Policy> policies(Set<ResourceKind> kinds) {
    return in -> policy(in, kinds, NamespaceMapping.identity());
  }

  /** Whole scenarios over the kinds both sides support. */
  public static Gen<Scenario> scenarios(Capabilities caps) {
    return in -> scenario(in, caps);
  }

  /**
   * Scenarios with a read that goes wrong, in one of the {@code ways} its side supports. The read
   * is mostly that of the source of truth of the kind it aims at (the read whose gaps a careless
   * sync takes for deletions), in a namespace where the other side holds something when there is
   * one; one in ten (of the ways not about entries of one kind) goes wrong for every call of the side.
   */
  public static Gen<HostileScenario> hostileScenarios(Capabilities caps, Map<Side, Set<Misread>> ways) {
    if (ways.values().stream().allMatch(Set::isEmpty)) {
      throw new IllegalArgumentException("neither side can be made to read badly");
    }
    return in -> {
      Scenario scenario = scenario(in, caps);
      return new HostileScenario(scenario, hostileRead(in, scenario, ways));
    };
  }

  // ---------------------------------------------------------------------------------------------

  private enum Presence {
    BOTH_EQUAL, BOTH_FORMAT, BOTH_DIFFERENT, GIT_ONLY, KESTRA_ONLY,
    UNREADABLE_GIT, UNREADABLE_KESTRA, INVALID_GIT, INVALID_KESTRA
  }

  private static Scenario scenario(RandomnessSource in, Capabilities caps) {
    boolean mapped = integers().between(0, 4).generate(in) == 0;
    String kestraRoot = "dev";
    String gitRoot = mapped ? "prod" : "dev";
    List<String> pool = mapped ? List.of("dev", "dev.team", "devops", "system") : NAMESPACES;

    int scopeChoice = integers().between(0, 4).generate(in);
    boolean children = booleans().all().generate(in);
    List<ResourceKind> allKinds = new ArrayList<>(EnumSet.copyOf(caps.kinds()));
    Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
    for (ResourceKind kind : allKinds) {
      if (integers().between(0, 3).generate(in) > 0) {
        kinds.add(kind);
      }
    }
    if (kinds.isEmpty()) {
      kinds.add(allKinds.get(integers().between(0, allKinds.size() - 1).generate(in)));
    }
    List<String> kestraNamespaces = switch (scopeChoice) {
      case 0, 1 -> List.of(kestraRoot);
      case 2 -> List.of(kestraRoot, "devops");
      case 3 -> List.of(kestraRoot, "system");
      default -> List.of();
    };
    Scope kestraScope = kestraNamespaces.isEmpty() && !mapped
        ? Scope.tenant(kinds)
        : Scope.namespaces(kestraNamespaces.isEmpty() ? List.of(kestraRoot) : kestraNamespaces, children, kinds);
    List<String> gitNamespaces = kestraScope.namespaces().stream().map(ns -> toGit(ns, mapped)).toList();
    Scope gitScope = kestraScope.tenantWide() ? Scope.tenant(kinds) : Scope.namespaces(gitNamespaces, children, kinds);

    NamespaceMapping mapping = NamespaceMapping.identity();
    Policy policy = policy(in, caps.kinds(), mapping);
    if (mapped) {
      mapping = policy.sourceOfTruth() == Side.KESTRA
          ? NamespaceMapping.of(kestraRoot, gitRoot) : NamespaceMapping.of(gitRoot, kestraRoot);
      policy = policy.withNamespaceMapping(mapping);
    }

    int count = integers().between(0, 10).generate(in);
    Map<ResourceKey, Seed> git = new LinkedHashMap<>();
    Map<ResourceKey, Seed> kestra = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      // Biased towards flows in the scope's root namespace, so entries meet often.
      int kindPick = integers().between(0, allKinds.size() + 2).generate(in);
      ResourceKind kind = kindPick >= allKinds.size() && allKinds.contains(ResourceKind.FLOW)
          ? ResourceKind.FLOW : allKinds.get(kindPick % allKinds.size());
      int nsPick = integers().between(0, pool.size() + 3).generate(in);
      String ns = nsPick >= pool.size() ? kestraRoot : pool.get(nsPick);
      ResourceKey kestraKey = key(kind, ns, integers().between(0, 3).generate(in));
      ResourceKey gitKey = kestraKey.isGlobal() ? kestraKey : kestraKey.withNamespace(toGit(ns, mapped));
      Presence presence = arbitrary().enumValues(Presence.class).generate(in);
      int variant = integers().between(0, 1 << 12).generate(in);
      int other = integers().between(0, 1 << 12).generate(in);
      boolean otherSideToo = booleans().all().generate(in);
      if (kestra.containsKey(kestraKey) || git.containsKey(gitKey)) {
        continue;
      }
      presence = feasible(presence, kind, caps);
      Content gitContent = content(gitKey, variant, false);
      Content kestraContent = content(kestraKey, variant, false);
      switch (presence) {
        case BOTH_EQUAL -> {
          git.put(gitKey, Seed.present(gitKey, gitContent));
          kestra.put(kestraKey, Seed.present(kestraKey, kestraContent));
        }
        case BOTH_FORMAT -> {
          git.put(gitKey, Seed.present(gitKey, gitContent));
          kestra.put(kestraKey, Seed.present(kestraKey, content(kestraKey, variant, true)));
        }
        case BOTH_DIFFERENT -> {
          git.put(gitKey, Seed.present(gitKey, gitContent));
          kestra.put(kestraKey, Seed.present(kestraKey, content(kestraKey, variant ^ (other | 1), false)));
        }
        case GIT_ONLY -> git.put(gitKey, Seed.present(gitKey, gitContent));
        case KESTRA_ONLY -> kestra.put(kestraKey, Seed.present(kestraKey, kestraContent));
        case UNREADABLE_GIT -> {
          git.put(gitKey, Seed.unreadable(gitKey));
          if (otherSideToo) {
            kestra.put(kestraKey, Seed.present(kestraKey, kestraContent));
          }
        }
        case UNREADABLE_KESTRA -> {
          kestra.put(kestraKey, Seed.unreadable(kestraKey));
          if (otherSideToo) {
            git.put(gitKey, Seed.present(gitKey, gitContent));
          }
        }
        case INVALID_GIT -> {
          git.put(gitKey, Seed.invalid(gitKey, invalid(gitKey, variant)));
          if (otherSideToo) {
            kestra.put(kestraKey, Seed.present(kestraKey, kestraContent));
          }
        }
        case INVALID_KESTRA -> {
          kestra.put(kestraKey, Seed.invalid(kestraKey, invalid(kestraKey, variant)));
          if (otherSideToo) {
            git.put(gitKey, Seed.present(gitKey, gitContent));
          }
        }
      }
    }
    return new Scenario(policy, gitScope, kestraScope, List.copyOf(git.values()), List.copyOf(kestra.values()));
  }

  private static HostileRead hostileRead(RandomnessSource in, Scenario scenario, Map<Side, Set<Misread>> ways) {
    List<ResourceKind> kinds = new ArrayList<>(EnumSet.copyOf(scenario.gitScope().kinds()));
    ResourceKind kind = kinds.get(integers().between(0, kinds.size() - 1).generate(in));
    Side source = scenario.policy().sourceOfTruth(kind);
    Side side = integers().between(0, 7).generate(in) == 0 ? source.other() : source;
    if (ways.getOrDefault(side, Set.of()).isEmpty()) {
      side = side.other();
    }
    List<Misread> possible = new ArrayList<>(EnumSet.copyOf(ways.get(side)));
    Misread how = possible.get(integers().between(0, possible.size() - 1).generate(in));
    boolean whole = integers().between(0, 9).generate(in) == 0 && !how.isOfOneKind();
    int nsPick = integers().between(0, 1 << 10).generate(in);
    int pick = integers().between(0, 1 << 10).generate(in);
    String namespace = kind.isNamespaced() ? aimedNamespace(scenario, side, kind, nsPick) : "";
    return new HostileRead(side, how, whole ? Optional.empty() : Optional.of(kind), namespace, pick);
  }

  /**
   * A namespace of {@code side} for a read of {@code kind} to go wrong in: where the other side holds
   * resources of that kind (seen through the mapping), else where this side does, else one of the
   * scope's.
   */
  private static String aimedNamespace(Scenario scenario, Side side, ResourceKind kind, int pick) {
    Policy policy = scenario.policy();
    Scope scope = scenario.scope(side);
    Set<String> exposed = new TreeSet<>();
    for (Seed seed : scenario.seeds(side.other())) {
      if (seed.key().kind() == kind) {
        boolean fromSourceOfTruth = side.other() == policy.sourceOfTruth();
        exposed.add(policy.namespaceMapping().map(seed.key().namespace(), fromSourceOfTruth));
      }
    }
    exposed.removeIf(ns -> !scope.covers(kind, ns));
    if (exposed.isEmpty()) {
      scenario.seeds(side).stream().filter(s -> s.key().kind() == kind).map(s -> s.key().namespace())
          .filter(ns -> scope.covers(kind, ns)).forEach(exposed::add);
    }
    if (exposed.isEmpty()) {
      scope.namespaces().forEach(exposed::add);
    }
    List<String> candidates = new ArrayList<>(exposed);
    return candidates.isEmpty() ? "dev" : candidates.get(pick % candidates.size());
  }

  private static Presence feasible(Presence wanted, ResourceKind kind, Capabilities caps) {
    return switch (wanted) {
      case UNREADABLE_GIT -> caps.unreadableOn(Side.GIT) ? wanted : Presence.GIT_ONLY;
      case UNREADABLE_KESTRA -> caps.unreadableOn(Side.KESTRA) ? wanted : Presence.KESTRA_ONLY;
      case INVALID_GIT -> kind.isYaml() ? wanted : Presence.BOTH_DIFFERENT;
      case INVALID_KESTRA -> kind.isYaml() && caps.invalidOn(Side.KESTRA) ? wanted : Presence.BOTH_DIFFERENT;
      case BOTH_EQUAL, BOTH_FORMAT, BOTH_DIFFERENT, GIT_ONLY, KESTRA_ONLY -> wanted;
    };
  }

  private static String toGit(String ns, boolean mapped) {
    return mapped && Namespaces.isSameOrChild(ns, "dev") ? "prod" + ns.substring(3) : ns;
  }

  private static Policy policy(RandomnessSource in, Set<ResourceKind> kinds, NamespaceMapping mapping) {
    Side sot = booleans().all().generate(in) ? Side.GIT : Side.KESTRA;
    Policy.Builder p = Policy.builder()
        .sourceOfTruth(sot)
        .whenMissingInSource(arbitrary().enumValues(WhenMissing.class).generate(in))
        .onInvalidSyntax(arbitrary().enumValues(OnInvalidSyntax.class).generate(in))
        .includeChildNamespaces(booleans().all().generate(in))
        .namespaceMapping(mapping);
    if (integers().between(0, 3).generate(in) == 0) {
      List<ResourceKind> list = new ArrayList<>(EnumSet.copyOf(kinds));
      p.putSourceOfTruthByKind(list.get(integers().between(0, list.size() - 1).generate(in)), sot.other());
    }
    p.protectedNamespaces(switch (integers().between(0, 3).generate(in)) {
      case 0 -> Set.of("system", "dev.team");
      case 1 -> Set.of("system", ResourceKey.GLOBAL);
      default -> Set.of("system");
    });
    p.guards(switch (integers().between(0, 3).generate(in)) {
      case 0 -> Guards.none();
      case 1 -> Guards.defaults();
      // Scenarios are small: a lower population lets the share judge them too.
      case 2 -> Guards.defaults().withMinPopulation(integers().between(0, 3).generate(in));
      default -> Guards.defaults().withMinPopulation(0).withAllowedDeletes(integers().between(0, 2).generate(in));
    });
    if (integers().between(0, 4).generate(in) == 0) {
      p.selector(booleans().all().generate(in)
          ? Selector.of(Set.of(), List.of("a*", "*.py", "overview"), List.of())
          : Selector.of(Set.of(), List.of(), List.of("hello_*", "README.md")));
    }
    return p.build();
  }

  /**
   * Valid content of a key, in one of many variants; {@code reformatted} keeps the meaning and
   * changes only formatting.
   */
  public static Content content(ResourceKey key, int variant, boolean reformatted) {
    return switch (key.kind()) {
      case FLOW -> Content.ofText(flowText(key.namespace(), key.name(), variant, reformatted));
      case NAMESPACE_FILE -> reformatted
          ? fileContent(key.name(), variant ^ 1, false) : fileContent(key.name(), variant, true);
      case TEST -> Content.ofText((reformatted ? "# unit test\n" : "") + "id: " + key.name() + "\nnamespace: "
          + key.namespace() + "\nflowId: a\ntestCases:\n  - id: case" + (variant % 3)
          + "\n    type: io.kestra.core.tests.flow.UnitTest\n    assertions:\n      - value: \"{{ outputs.t.value }}\"\n"
          + "        equalTo: v" + (variant % 5) + "\n");
      case APP -> Content.ofText("id: " + key.name() + "\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: "
          + key.namespace() + "\nflowId: " + (variant % 2 == 0 ? "a" : "b") + (reformatted ? "   # the flow\n" : "\n")
          + "displayName: App " + (variant % 7) + "\n");
      case DASHBOARD -> Content.ofText("id: " + key.name() + "\ntitle: " + (reformatted ? "'" : "") + "Board "
          + (variant % 7) + (reformatted ? "'" : "") + "\ncharts: []\n");
      case EXECUTION_FILE -> fileContent(key.name(), variant, true);
    };
  }

  static String flowText(String namespace, String id, int variant, boolean reformatted) {
    Flows flow = Flows.flow(namespace, id);
    if ((variant & 1) != 0 || reformatted) {
      flow.comment(reformatted ? "reformatted: " + id : "flow " + id);
    }
    if ((variant & 2) != 0) {
      flow.input("greeting", "STRING", "hey");
    }
    flow.log("welcome", "hi " + (variant % 17));
    if ((variant & 4) != 0) {
      flow.script("run", "echo start", "---", "echo " + (variant % 5));
    }
    if ((variant & 8) != 0 && !id.equals("a")) {
      flow.subflow("call_a", namespace, "a");
    }
    if ((variant & 16) != 0 && !id.equals("b")) {
      flow.triggeredBy("after_b", namespace, "b");
    }
    if ((variant & 32) != 0) {
      flow.crlf();
    }
    return flow.yaml();
  }

  private static Content fileContent(String path, int variant, boolean text) {
    if (!text || path.endsWith(".bin")) {
      byte[] bytes = new byte[16 + variant % 48];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) (i * 31 + variant);
      }
      return Content.of(bytes);
    }
    return Content.of(("# " + path + "\nprint('v" + variant + "')\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A document of the key's kind that does not parse, or parses to no valid resource, in one of three ways. */
  public static Content invalid(ResourceKey key, int variant) {
    return Content.ofText(switch (variant % 3) {
      case 0 -> "id: " + key.name() + "\nnamespace: " + key.namespace() + "\ntasks: [\n";
      case 1 -> "id: " + key.name() + "\nid: twice\n";
      default -> "- just\n- a list\n";
    });
  }
}
