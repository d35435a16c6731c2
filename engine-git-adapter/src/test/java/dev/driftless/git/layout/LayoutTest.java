package dev.driftless.git.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

class LayoutTest {

  private static final FlowsLayout FLOWS = Layout.flows("company.team");
  private static final FilesLayout FILES = Layout.files("company.team");
  private static final DashboardsLayout DASHBOARDS = Layout.dashboards();
  private static final OutputsLayout OUTPUTS = Layout.outputs();
  private static final NamespaceLayout NAMESPACES = Layout.namespaces();
  private static final NamespaceLayout NAMESPACES_IN_DIR = Layout.namespaces("kestra/");

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("flow in the root namespace", FLOWS, "_flows/hello.yml", ResourceKey.flow("company.team", "hello")),
        Arguments.of("flow read from .yaml", FLOWS, "_flows/hello.yaml", ResourceKey.flow("company.team", "hello")),
        Arguments.of("flow in a child namespace folder", FLOWS, "_flows/etl/daily/load.yml",
            ResourceKey.flow("company.team.etl.daily", "load")),
        Arguments.of("namespace file", FILES, "_files/scripts/main.py",
            ResourceKey.namespaceFile("company.team", "scripts/main.py")),
        Arguments.of("namespace file named README", FILES, "_files/README.md",
            ResourceKey.namespaceFile("company.team", "README.md")),
        Arguments.of("dashboard", DASHBOARDS, "_dashboards/overview.yml", ResourceKey.dashboard("overview")),
        Arguments.of("execution file in a folder", OUTPUTS, "_outputs/run/1/result.csv",
            ResourceKey.executionFile("run/1/result.csv")),
        Arguments.of("namespace layout flow", NAMESPACES, "company.team/flows/hello.yaml",
            ResourceKey.flow("company.team", "hello")),
        Arguments.of("namespace layout flow as .yml", NAMESPACES, "company.team/flows/hello.yml",
            ResourceKey.flow("company.team", "hello")),
        Arguments.of("namespace layout file", NAMESPACES, "company.team/files/sql/a.sql",
            ResourceKey.namespaceFile("company.team", "sql/a.sql")),
        Arguments.of("namespace layout app", NAMESPACES, "company.team/apps/form.yaml", ResourceKey.app("company.team", "form")),
        Arguments.of("namespace layout test", NAMESPACES, "company.team/tests/smoke.yaml",
            ResourceKey.test("company.team", "smoke")),
        Arguments.of("namespace layout dashboard", NAMESPACES, "_global/dashboards/overview.yaml",
            ResourceKey.dashboard("overview")),
        Arguments.of("namespace layout under a directory", NAMESPACES_IN_DIR, "kestra/dev/flows/a.yaml",
            ResourceKey.flow("dev", "a")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void locate_givesTheKeyOfThePath(String name, Layout layout, String path, ResourceKey key) {
    assertEquals(Optional.of(key), layout.locate(path).flatMap(Location::key));
  }

  static Stream<Arguments> writtenPaths() {
    return Stream.of(
        Arguments.of("flows get .yml", FLOWS, ResourceKey.flow("company.team", "hello"), "_flows/hello.yml"),
        Arguments.of("child namespaces are sub-folders", FLOWS, ResourceKey.flow("company.team.etl.daily", "load"),
            "_flows/etl/daily/load.yml"),
        Arguments.of("files keep their path", FILES, ResourceKey.namespaceFile("company.team", "a/b.txt"), "_files/a/b.txt"),
        Arguments.of("dashboards get .yml", DASHBOARDS, ResourceKey.dashboard("ops"), "_dashboards/ops.yml"),
        Arguments.of("outputs keep their name", OUTPUTS, ResourceKey.executionFile("out.csv"), "_outputs/out.csv"),
        Arguments.of("namespace layout: dotted folder, .yaml", NAMESPACES, ResourceKey.flow("company.team", "hello"),
            "company.team/flows/hello.yaml"),
        Arguments.of("namespace layout: apps", NAMESPACES, ResourceKey.app("dev", "form"), "dev/apps/form.yaml"),
        Arguments.of("namespace layout: tests", NAMESPACES, ResourceKey.test("dev", "t"), "dev/tests/t.yaml"),
        Arguments.of("namespace layout: files", NAMESPACES, ResourceKey.namespaceFile("dev", "x/y"), "dev/files/x/y"),
        Arguments.of("namespace layout: dashboards in _global", NAMESPACES, ResourceKey.dashboard("ops"),
            "_global/dashboards/ops.yaml"),
        Arguments.of("flows layout in the repository root", Layout.flows("", "dev"), ResourceKey.flow("dev.a", "x"), "a/x.yml"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writtenPaths")
  void pathOf_writesTheGitPluginsNaming(String name, Layout layout, ResourceKey key, String path) {
    assertEquals(path, layout.pathOf(key));
  }

  static Stream<Arguments> notResources() {
    return Stream.of(
        Arguments.of("a README beside the flows", FLOWS, "_flows/README.md"),
        Arguments.of("the ignore file", FILES, "_files/.kestraignore"),
        Arguments.of("the ignore file of outputs", OUTPUTS, "_outputs/.kestraignore"),
        Arguments.of("outside the directory", FLOWS, "src/main.py"),
        Arguments.of("a look-alike directory", FLOWS, "_flows2/a.yml"),
        Arguments.of("the directory itself", FILES, "_files"),
        Arguments.of("a dashboard in a sub-folder", DASHBOARDS, "_dashboards/old/a.yml"),
        Arguments.of("a README at the root of the namespace layout", NAMESPACES, "README.md"),
        Arguments.of("a README in a namespace folder", NAMESPACES, "dev/README.md"),
        Arguments.of("a flow in a sub-folder of flows/", NAMESPACES, "dev/flows/old/a.yaml"),
        Arguments.of("a text file in flows/", NAMESPACES, "dev/flows/notes.txt"),
        Arguments.of("an unknown kind folder", NAMESPACES, "dev/blueprints/a.yaml"),
        Arguments.of("blueprints in _global", NAMESPACES, "_global/blueprints/a.yaml"),
        Arguments.of("outside the namespace layout's directory", NAMESPACES_IN_DIR, "dev/flows/a.yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notResources")
  void locate_isEmpty_forFilesOfNoKey(String name, Layout layout, String path) {
    assertEquals(Optional.empty(), layout.locate(path));
  }

  @Test
  void locate_keepsAnInvalidPathAsAProblem_notAKey() {
    Location location = FILES.locate("_files/a\\b.txt").orElseThrow();
    assertEquals(Optional.empty(), location.key());
    assertTrue(location.problem().orElseThrow().contains("backslash"), location.problem().toString());
    Location badFolder = FLOWS.locate("_flows/My Team/a.yml").orElseThrow();
    assertFalse(badFolder.hasValidNamespace());
  }

  @Test
  void yamlKinds_areIdentifiedByContent_filesByPath() {
    assertTrue(FLOWS.locate("_flows/a.yml").orElseThrow().identifiedByContent());
    assertFalse(FILES.locate("_files/a.yml").orElseThrow().identifiedByContent());
  }

  @Test
  void pathOf_refusesKeysTheLayoutCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> FLOWS.pathOf(ResourceKey.flow("company", "a")));
    assertThrows(IllegalArgumentException.class, () -> FLOWS.pathOf(ResourceKey.flow("company.teamx", "a")));
    assertThrows(IllegalArgumentException.class, () -> FILES.pathOf(ResourceKey.namespaceFile("other", "a")));
    assertThrows(IllegalArgumentException.class, () -> NAMESPACES.pathOf(ResourceKey.executionFile("a")));
    assertThrows(IllegalArgumentException.class, () -> NAMESPACES.pathOf(ResourceKey.flow("_global", "a")));
  }

  @Test
  void areasUnder_tellWhatAFolderMayHold() {
    assertEquals(Set.of(new Area(ResourceKind.FLOW, "company.team.etl", true)), FLOWS.areasUnder("_flows/etl"));
    assertEquals(Set.of(new Area(ResourceKind.NAMESPACE_FILE, "dev", false)), NAMESPACES.areasUnder("dev/files/a/b"));
    assertEquals(4, NAMESPACES.areasUnder("dev").size());
    assertEquals(Set.of(new Area(ResourceKind.DASHBOARD, "", false)), NAMESPACES.areasUnder("_global"));
    assertEquals(Set.of(), NAMESPACES.areasUnder("dev/flows/old"));
    assertEquals(Set.of(), FLOWS.areasUnder("src"));
  }

  @Test
  void area_mayMeetAScopeThroughChildNamespaces() {
    Area etl = new Area(ResourceKind.FLOW, "company.team.etl", true);
    assertTrue(etl.mayMeet(Scope.namespace("company.team.etl.daily", Set.of(ResourceKind.FLOW))));
    assertFalse(etl.mayMeet(Scope.namespace("company.team", Set.of(ResourceKind.FLOW))));
    assertTrue(etl.mayMeet(Scope.namespaces(List.of("company.team"), true, Set.of(ResourceKind.FLOW))));
    assertFalse(etl.mayMeet(Scope.namespace("company.team.etl", Set.of(ResourceKind.APP))));
  }

  static Stream<Arguments> scopeProblems() {
    Set<ResourceKind> flow = Set.of(ResourceKind.FLOW);
    return Stream.of(
        Arguments.of("flows layout, other kinds", FLOWS, Scope.namespace("company.team", Set.of(ResourceKind.APP)), "app"),
        Arguments.of("flows layout, whole tenant", FLOWS, Scope.tenant(flow), "tenant"),
        Arguments.of("flows layout, outside the root", FLOWS, Scope.namespace("company", flow), "company"),
        Arguments.of("files layout, children", FILES,
            Scope.namespaces(List.of("company.team"), true, Set.of(ResourceKind.NAMESPACE_FILE)), "child"),
        Arguments.of("files layout, another namespace", FILES, Scope.namespace("dev", Set.of(ResourceKind.NAMESPACE_FILE)),
            "only"),
        Arguments.of("namespace layout, execution files", NAMESPACES, Scope.global(Set.of(ResourceKind.EXECUTION_FILE)),
            "execution-file"),
        Arguments.of("dashboards layout, flows", DASHBOARDS, Scope.tenant(flow), "flow"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scopeProblems")
  void scopeProblem_namesWhatTheLayoutHasNoPlaceFor(String name, Layout layout, Scope scope, String named) {
    String problem = layout.scopeProblem(scope).orElseThrow();
    assertTrue(problem.contains(named), problem);
  }

  @Test
  void scopeProblem_isEmpty_forScopesTheLayoutServes() {
    assertEquals(Optional.empty(), FLOWS.scopeProblem(Scope.namespaces(List.of("company.team"), true,
        Set.of(ResourceKind.FLOW))));
    assertEquals(Optional.empty(), FILES.scopeProblem(Scope.namespace("company.team", Set.of(ResourceKind.NAMESPACE_FILE))));
    assertEquals(Optional.empty(), NAMESPACES.scopeProblem(Scope.tenant(EnumSet.of(ResourceKind.FLOW,
        ResourceKind.NAMESPACE_FILE, ResourceKind.APP, ResourceKind.TEST, ResourceKind.DASHBOARD))));
    assertEquals(Optional.empty(), DASHBOARDS.scopeProblem(Scope.global(Set.of(ResourceKind.DASHBOARD))));
    assertEquals(Optional.empty(), OUTPUTS.scopeProblem(Scope.global(Set.of(ResourceKind.EXECUTION_FILE))));
  }

  @Test
  void directories_areNormalised_andChecked() {
    assertEquals("kestra", NAMESPACES_IN_DIR.directory());
    assertEquals("a/b", Layout.flows("/a/b/", "dev").directory());
    assertThrows(IllegalArgumentException.class, () -> Layout.flows("../x", "dev"));
    assertThrows(IllegalArgumentException.class, () -> Layout.flows("_flows", "not a namespace"));
    assertEquals("kestra/.kestraignore", NAMESPACES_IN_DIR.ignoreFile());
  }

  // ---------------------------------------------------------------------------------------------
  // The two-way mapping as a property: every key a layout holds has a path that reads back as it.

  private static final List<String> NAMESPACE_PARTS = List.of("dev", "team", "etl", "a_b", "x-1", "Prod");
  private static final List<String> NAMES = List.of("a", "hello_world", "x.y", "Load-2", "_private", "v1.2.3");
  private static final List<String> SEGMENTS = List.of("scripts", "main.py", "data", "é", "space name", "a.b.c", "日本");

  /** A layout and how to make keys it holds from two numbers. */
  private record Case(Layout layout, BiFunction<Integer, Integer, ResourceKey> key) {
    @Override
    public String toString() {
      return layout.describe();
    }
  }

  @Test
  void everyLayout_pathOfThenLocate_givesTheKeyBack() {
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    try {
      qt().withFixedSeed(seed).withExamples(500).forAll(cases(), integers().all(), integers().all())
          .checkAssert((c, a, b) -> {
            ResourceKey key = c.key().apply(a, b);
            String path = c.layout().pathOf(key);
            assertEquals(Optional.of(key), c.layout().locate(path).flatMap(Location::key), path);
            assertTrue(path.startsWith(c.layout().directory()), path);
          });
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("layout round trip failed with seed " + seed + "; reproduce with -Ddriftless.seed="
          + seed + "\n" + e.getMessage(), e);
    }
  }

  @Test
  void files_inNamespaceFolders_holdChildNamespaces_andIgnoreFilesOutsideThem() {
    FilesLayout layout = new FilesLayout("_files", "dev", true, "");
    assertEquals("_files/dev.team/run.py", layout.pathOf(ResourceKey.namespaceFile("dev.team", "run.py")));
    assertEquals(Optional.of(ResourceKey.namespaceFile("dev", "a/b.sql")),
        layout.locate("_files/dev/a/b.sql").flatMap(Location::key));
    assertEquals(Optional.empty(), layout.locate("_files/README.md"), "a file outside the namespace folders");
    assertEquals(Optional.empty(), layout.locate("_files/devops/x.py"), "devops is not a child of dev");
    assertTrue(layout.scopeProblem(Scope.namespaces(List.of("dev"), true, Set.of(ResourceKind.NAMESPACE_FILE))).isEmpty());
    assertTrue(Layout.files("dev").scopeProblem(Scope.namespaces(List.of("dev"), true,
        Set.of(ResourceKind.NAMESPACE_FILE))).isPresent(), "children need namespace folders");
  }

  @Test
  void files_underAKestraDirectory_mapToThatDirectory() {
    FilesLayout layout = new FilesLayout("_files", "dev", false, "scripts");
    assertEquals(Optional.of(ResourceKey.namespaceFile("dev", "scripts/run.py")),
        layout.locate("_files/run.py").flatMap(Location::key));
    assertEquals("_files/run.py", layout.pathOf(ResourceKey.namespaceFile("dev", "scripts/run.py")));
    assertThrows(IllegalArgumentException.class, () -> layout.pathOf(ResourceKey.namespaceFile("dev", "other/run.py")));
  }

  private static Gen<Case> cases() {
    return arbitrary().pick(List.of(
        new Case(FLOWS, (a, b) -> ResourceKey.flow(b % 3 == 0 ? "company.team" : "company.team." + child(b), name(a))),
        new Case(Layout.flows("", "dev"), (a, b) -> ResourceKey.flow("dev." + child(b) + "." + child(a), name(a))),
        new Case(Layout.flows("deep/er", "x.y"), (a, b) -> ResourceKey.flow("x.y", name(b))),
        new Case(FILES, (a, b) -> ResourceKey.namespaceFile("company.team", path(a, b))),
        new Case(Layout.files("", "dev"), (a, b) -> ResourceKey.namespaceFile("dev", path(a, b))),
        new Case(new FilesLayout("_files", "dev", true, ""),
            (a, b) -> ResourceKey.namespaceFile(b % 2 == 0 ? "dev" : "dev." + child(b), path(a, b))),
        new Case(new FilesLayout("_files", "dev", false, "scripts/py"),
            (a, b) -> ResourceKey.namespaceFile("dev", "scripts/py/" + path(a, b))),
        new Case(DASHBOARDS, (a, b) -> ResourceKey.dashboard(name(a))),
        new Case(OUTPUTS, (a, b) -> ResourceKey.executionFile(path(a, b))),
        new Case(NAMESPACES, LayoutTest::namespaceKey),
        new Case(NAMESPACES_IN_DIR, LayoutTest::namespaceKey)));
  }

  private static ResourceKey namespaceKey(int a, int b) {
    String ns = child(b) + (a % 2 == 0 ? "" : "." + child(a));
    return switch (Math.floorMod(a + b, 5)) {
      case 0 -> ResourceKey.flow(ns, name(a));
      case 1 -> ResourceKey.namespaceFile(ns, path(a, b));
      case 2 -> ResourceKey.app(ns, name(a));
      case 3 -> ResourceKey.test(ns, name(a));
      default -> ResourceKey.dashboard(name(a));
    };
  }

  private static String name(int a) {
    return NAMES.get(Math.floorMod(a, NAMES.size()));
  }

  private static String child(int b) {
    return NAMESPACE_PARTS.get(Math.floorMod(b, NAMESPACE_PARTS.size()));
  }

  private static String path(int a, int b) {
    return SEGMENTS.get(Math.floorMod(a, SEGMENTS.size())) + (b % 2 == 0 ? "" : "/" + SEGMENTS.get(Math.floorMod(b,
        SEGMENTS.size())));
  }
}
