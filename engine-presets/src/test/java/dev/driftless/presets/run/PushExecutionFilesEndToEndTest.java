package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static dev.driftless.presets.run.PresetWorld.row;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Execution;
import dev.driftless.port.SourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PushExecutionFiles against a real Git server and the emulator: an execution's output files,
 * read from their {@code kestra://} URIs through the executions API, committed to {@code _outputs}.
 */
@Timeout(60)
class PushExecutionFilesEndToEndTest {

  private static final Execution EXECUTION = Execution.of("5nBp7XkrxG2vQ3aN7CnRlS", "company.team", "report")
      .withOutputFile("report.csv", bytes("id,total\n1,42\n"))
      .withOutputFile("summary.json", bytes("{\"total\": 42}\n"))
      .withOutputFile("debug.log", bytes("noise\n"));

  private static final String TASK = """
      type: io.kestra.plugin.git.PushExecutionFiles
      executionId: 5nBp7XkrxG2vQ3aN7CnRlS
      commitMessage: "add the report"
      """;

  @TempDir
  Path dir;
  PresetWorld world;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
    world.kestra().putExecution(TENANT, EXECUTION);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void filesGlobs_pushTheMatchingOutputFiles_andASecondRunChangesNothing() {
    String task = TASK + "files:\n  - \"*.csv\"\n  - \"*.json\"\n";

    PresetResult run = world.run(task);

    assertEquals(Map.of("_outputs/report.csv", "ADDED", "_outputs/summary.json", "ADDED"), states(run, "file"));
    assertEquals(Set.of("_outputs/report.csv", "_outputs/summary.json"), world.gitFiles(MAIN).keySet());
    assertEquals("id,total\n1,42\n", world.gitFile(MAIN, "_outputs/report.csv").orElseThrow());
    assertEquals(2, ((Number) row(run, "file", "_outputs/report.csv").get("additions")).intValue());
    assertEquals(world.head(MAIN).map(ObjectId::name), run.commitId());
    assertEquals("add the report", world.repo().log(MAIN).get(0).getShortMessage());
    world.assertNoKestraWrite();
    assertTrue(world.emulator().requests().count("GET", "/api/v1/main/executions/*/file") >= 2,
        "the files were read from their kestra:// URIs");

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void withoutFiles_everyOutputFileIsPushed() {
    world.run(TASK);

    assertEquals(Set.of("_outputs/report.csv", "_outputs/summary.json", "_outputs/debug.log"),
        world.gitFiles(MAIN).keySet());
  }

  @Test
  void anEmptyListOfFiles_pushesEveryOutputFile_asInThePlugin() {
    world.run(TASK + "files: []\n");

    assertEquals(Set.of("_outputs/report.csv", "_outputs/summary.json", "_outputs/debug.log"),
        world.gitFiles(MAIN).keySet());
  }

  @Test
  void deleteTrue_deletesNothing_andTheRunSaysSo() {
    world.commit().add("_outputs/last-week.csv", "id,total\n1,7\n").push();

    PresetResult run = world.run(TASK + "files: \"*.csv\"\ndelete: true\n");

    assertTrue(run.isSuccess());
    assertEquals(Set.of("_outputs/last-week.csv", "_outputs/report.csv"), world.gitFiles(MAIN).keySet());
    String said = run.plan().diagnostics().toString();
    assertTrue(said.contains("delete: true is accepted") && said.contains("deletes nothing"), said);
  }

  @Test
  void filesMap_namesTheFilesInGit_andWinsOverFiles() {
    String task = TASK + "gitDirectory: reports\nfiles:\n  - \"*.log\"\nfilesMap:\n"
        + "  latest/report.csv: " + EXECUTION.outputFileUri("report.csv") + "\n"
        + "  latest/summary.json: " + EXECUTION.outputFileUri("summary.json") + "\n";

    PresetResult run = world.run(task);

    assertEquals(Set.of("reports/latest/report.csv", "reports/latest/summary.json"), world.gitFiles(MAIN).keySet());
    assertEquals(Map.of("reports/latest/report.csv", "ADDED", "reports/latest/summary.json", "ADDED"),
        states(run, "file"));
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void neverDeletes_anOutputFileOfAnEarlierExecutionIsKept() {
    world.commit().add("_outputs/old.csv", "from an earlier execution\n").push();
    String task = TASK + "files:\n  - \"*.csv\"\n";

    PresetResult run = world.run(task);

    assertEquals("KEPT", row(run, "file", "_outputs/old.csv").get("action"));
    assertEquals(Optional.of("from an earlier execution\n"), world.gitFile(MAIN, "_outputs/old.csv"));
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED", "KEPT");
  }

  @Test
  void errorOnMissing_failsWhenNothingMatches_andWritesNothing() {
    world.commit().add("README.md", "hi\n").push();
    Optional<ObjectId> head = world.head(MAIN);

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class,
        () -> world.run(TASK + "files:\n  - \"*.parquet\"\nerrorOnMissing: true\n"));

    assertTrue(e.getMessage().contains("*.parquet"), e.getMessage());
    assertEquals(head, world.head(MAIN));
  }

  @Test
  void withoutErrorOnMissing_nothingMatching_isAnEmptyPush() {
    world.commit().add("README.md", "hi\n").push();
    Optional<ObjectId> head = world.head(MAIN);

    PresetResult run = world.run(TASK + "files:\n  - \"*.parquet\"\n");

    assertTrue(run.rows().isEmpty(), run.rows()::toString);
    assertEquals(head, world.head(MAIN), "nothing to commit");
  }

  @Test
  void anExecutionThatDoesNotExist_isAnErrorNamingIt() {
    world.commit().add("README.md", "hi\n").push();
    Optional<ObjectId> head = world.head(MAIN);

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class,
        () -> world.run(TASK.replace("5nBp7XkrxG2vQ3aN7CnRlS", "doesNotExist")));

    assertTrue(e.getMessage().contains("doesNotExist"), e.getMessage());
    assertEquals(head, world.head(MAIN));
  }
}
