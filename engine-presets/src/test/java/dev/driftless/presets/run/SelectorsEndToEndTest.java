package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.render.PlanText;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selectors of PushNamespaceFiles ({@code files}), PushFlows ({@code flows}) and PushDashboards
 * ({@code dashboards}) in the Kestra Git plugin's dialect, through a task file, against a real Git
 * server and the Kestra emulator: {@code glob:} and {@code regex:} patterns, {@code {a,b}} and
 * {@code [..]}, one text holding a JSON list (what a Pebble expression renders); a pattern that
 * matches nothing is a warning in the plan, never a silent empty run.
 */
@Timeout(60)
class SelectorsEndToEndTest {

  private static final String PUSH_FILES = """
      id: commit_and_push
      type: io.kestra.plugin.git.PushNamespaceFiles
      namespace: dev
      gitDirectory: _files
      branch: main
      """;

  private static final String PUSH_FLOWS = """
      id: commit_and_push
      type: io.kestra.plugin.git.PushFlows
      sourceNamespace: dev
      gitDirectory: flows
      branch: main
      """;

  @TempDir
  Path dir;
  PresetWorld world;
  Optional<ObjectId> head;

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
    world.commit().add("README.md", "# scripts\n").push();
    head = world.head(MAIN);
    world.putFile("dev", "/etl.py", "print('root')\n");
    world.putFile("dev", "/scripts/load.py", "print('nested')\n");
    world.putFile("dev", "/sql/q.sql", "select 1;\n");
    world.putFile("dev", "/sql/old/r.sql", "select 2;\n");
    world.putFile("dev", "/notes.md", "notes\n");
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private Set<String> pushedFiles(String files) {
    PresetResult run = world.run(PUSH_FILES + files);
    assertTrue(run.isSuccess(), () -> PlanText.render(run.plan()));
    return world.gitFiles(MAIN).keySet();
  }

  private static List<Diagnostic> warnings(PresetResult run) {
    return run.plan().diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).toList();
  }

  private List<Problem> refused(String properties) {
    world.forgetRequests();
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> world.task(properties));
    assertEquals(0, world.emulator().requests().size(), "nothing is read");
    return e.problems();
  }

  @Test
  void files_globPrefix_selectsAsKestraDoes_inEveryFolder() {
    assertEquals(Set.of("README.md", "_files/etl.py", "_files/scripts/load.py"),
        pushedFiles("files: \"glob:**/*.py\"\n"));
  }

  @Test
  void files_globPrefix_withTheLeadingSlash_isMatchedFromTheRoot() {
    assertEquals(Set.of("README.md", "_files/sql/q.sql"), pushedFiles("files: \"glob:/sql/*.sql\"\n"));
  }

  @Test
  void files_regexPrefix_matchesTheWholePath_withItsLeadingSlash() {
    assertEquals(Set.of("README.md", "_files/sql/q.sql", "_files/sql/old/r.sql"),
        pushedFiles("files: \"regex:/sql/.*\\\\.sql\"\n"));
  }

  @Test
  void files_bracesAndBrackets_selectAlternativesAndCharacterSets() {
    assertEquals(Set.of("README.md", "_files/etl.py", "_files/scripts/load.py", "_files/notes.md"),
        pushedFiles("files: \"*.{py,md}\"\n"));
    assertEquals(Set.of("README.md", "_files/etl.py", "_files/scripts/load.py", "_files/notes.md", "_files/sql/q.sql"),
        pushedFiles("files: \"sql/[pq].sql\"\ndelete: false\n"));
  }

  @Test
  void files_oneTextHoldingAJsonList_isThatList() {
    assertEquals(Set.of("README.md", "_files/etl.py", "_files/scripts/load.py", "_files/sql/q.sql"),
        pushedFiles("files: '[\"*.py\", \"sql/*.sql\"]'\n"));
  }

  @Test
  void files_thatMatchNothing_isAWarningInThePlanAndItsText_andNothingIsWritten() {
    PresetResult run = world.run(PUSH_FILES + "files: \"*.sqll\"\n");

    assertTrue(run.isSuccess());
    assertEquals(head, world.head(MAIN));
    List<Diagnostic> warnings = warnings(run);
    assertEquals(1, warnings.size(), warnings::toString);
    assertEquals(Optional.of("files"), warnings.get(0).field());
    assertTrue(warnings.get(0).message().startsWith("'*.sqll' matches no namespace file in Kestra or Git"),
        warnings.get(0)::render);
    assertTrue(PlanText.render(run.plan()).contains("Warnings:\n  warning: field 'files': '*.sqll' matches no"),
        () -> PlanText.render(run.plan()));
  }

  @Test
  void files_onePatternOfSeveralMatchingNothing_isWarnedAbout_andTheOthersPush() {
    PresetResult run = world.run(PUSH_FILES + "files:\n  - \"*.py\"\n  - \"*.sqll\"\n");

    assertEquals(Set.of("README.md", "_files/etl.py", "_files/scripts/load.py"), world.gitFiles(MAIN).keySet());
    assertEquals(1, warnings(run).size(), warnings(run)::toString);
    assertTrue(warnings(run).get(0).message().startsWith("'*.sqll' matches no namespace file"));
  }

  @Test
  void files_globPrefixWithoutTheLeadingSlash_matchesNothing_andTheWarningSaysHowToWriteIt() {
    PresetResult run = world.run(PUSH_FILES + "files: \"glob:scripts/*.py\"\n");

    assertEquals(head, world.head(MAIN));
    String message = warnings(run).get(0).message();
    assertTrue(message.contains("with a leading '/'") && message.contains("glob:/scripts/*.py"), message);
  }

  @Test
  void files_matchingNothing_withErrorOnMissing_stillFails_andWritesNothing() {
    SourceNotFoundException e = assertThrows(SourceNotFoundException.class,
        () -> world.run(PUSH_FILES + "files: \"*.sqll\"\nerrorOnMissing: true\n"));

    assertTrue(e.getMessage().contains("*.sqll"), e.getMessage());
    assertEquals(head, world.head(MAIN));
  }

  @Test
  void files_invalidPatterns_areRefused_namingThePropertyAndThePattern() {
    List<Problem> problems = refused(PUSH_FILES + "files:\n  - \"[abc\"\n  - \"regex:(a\"\n  - \"*.{py\"\n");

    assertEquals(List.of("files: '[abc' has a '[' without its ']'",
        "files: 'regex:(a' is not a valid regular expression: Unclosed group at its end",
        "files: '*.{py' has a '{' without its '}'"),
        problems.stream().map(p -> p.property() + ": " + p.message()).toList());
  }

  @Test
  void files_aTextHoldingAnEmptyJsonList_isRefused_ratherThanPushingEverythingOrNothing() {
    List<Problem> problems = refused(PUSH_FILES + "files: \"[]\"\n");

    assertEquals(List.of("files: holds no pattern, which would select nothing; leave the property out to select everything"),
        problems.stream().map(p -> p.property() + ": " + p.message()).toList());
  }

  @Test
  void flows_globPrefixAndBraces_selectByIdAsThePluginDoes() {
    world.putFlow(GuideFlows.flow("dev", "hello_world", "hi"));
    world.putFlow(GuideFlows.flow("dev", "bye_world", "bye"));
    world.putFlow(GuideFlows.flow("dev", "other", "other"));

    world.run(PUSH_FLOWS + "flows: \"glob:hello_*\"\n");
    assertEquals(Set.of("README.md", "flows/hello_world.yml"), world.gitFiles(MAIN).keySet());

    world.run(PUSH_FLOWS + "flows: \"{hello,bye}_*\"\n");
    assertEquals(Set.of("README.md", "flows/hello_world.yml", "flows/bye_world.yml"), world.gitFiles(MAIN).keySet());
  }

  @Test
  void flows_thatMatchNothing_isAWarningNamingFlows() {
    world.putFlow(GuideFlows.flow("dev", "hello_world", "hi"));

    PresetResult run = world.run(PUSH_FLOWS + "flows: \"helo_*\"\n");

    assertEquals(head, world.head(MAIN));
    assertEquals(Optional.of("flows"), warnings(run).get(0).field());
    assertTrue(warnings(run).get(0).message().startsWith("'helo_*' matches no flow in Kestra or Git"),
        warnings(run).get(0)::render);
  }

  @Test
  void dashboards_thatMatchNothing_isAWarningNamingDashboards() {
    world.kestra().putDashboard(TENANT, "overview", "id: overview\ntitle: Overview\ncharts: []\n");

    PresetResult run = world.run("type: io.kestra.plugin.git.PushDashboards\nbranch: main\n"
        + "dashboards: \"overvew\"\n");

    assertEquals(head, world.head(MAIN));
    assertEquals(Optional.of("dashboards"), warnings(run).get(0).field());
    assertTrue(warnings(run).get(0).message().startsWith("'overvew' matches no dashboard in Kestra or Git"),
        warnings(run).get(0)::render);
  }

  @Test
  void syncNamespaceFiles_aNamespaceDirectoryWithGlobCharacters_isTakenAsWritten() {
    world.commit().add("_files/run.py", "print('run')\n").push();
    world.putFile("dev", "/v1/old.py", "print('not in the directory')\n");
    String task = "type: io.kestra.plugin.git.SyncNamespaceFiles\nnamespace: dev\ngitDirectory: _files\nbranch: main\n"
        + "namespaceDirectory: \"v[1]\"\ndelete: true\n";

    PresetResult run = world.run(task);

    assertTrue(run.isSuccess(), () -> PlanText.render(run.plan()));
    assertEquals(Optional.of("print('run')\n"), world.file("dev", "/v[1]/run.py"));
    assertEquals(Optional.of("print('not in the directory')\n"), world.file("dev", "/v1/old.py"),
        "'v[1]' is a folder name, not the glob 'v1'");
  }
}
