package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.render.PlanMarkdown;
import dev.driftless.core.render.PlanText;
import dev.driftless.core.render.RenderOptions;
import dev.driftless.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless show plan.json}: a saved plan in every format, with no server running. */
@Timeout(60)
class ShowCommandTest {

  @TempDir
  static Path dir;

  static Path planFile;
  static String json;

  @BeforeAll
  static void savePlan() throws IOException {
    planFile = dir.resolve("plan.json");
    try (Sides sides = Sides.start(dir)) {
      sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "from Git")).push();
      sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", "a", "from the UI"));
      sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", "old", "only in Kestra"));
      sides.cli(sides.command("plan", "--out", planFile.toString())).assertExit(0);
    }
    json = Files.readString(planFile, StandardCharsets.UTF_8);
  }

  @Test
  void text_isWhatPlanTextRenders() {
    Cli.Result shown = Cli.run(Map.of(), "show", planFile.toString()).assertExit(0).assertNoAnsi();

    assertEquals(PlanText.render(PlanJson.read(json), RenderOptions.plain()), shown.out());
    assertEquals("", shown.err());
  }

  @Test
  void noDiff_leavesTheDiffsOut() {
    Cli.Result shown = Cli.run(Map.of(), "show", planFile.toString(), "--no-diff").assertExit(0);

    assertEquals(PlanText.render(PlanJson.read(json), RenderOptions.plain().withDiffs(false)), shown.out());
  }

  @Test
  void json_isTheSavedFile_exactly() {
    Cli.Result shown = Cli.run(Map.of(), "show", planFile.toString(), "--format", "json").assertExit(0);

    assertEquals(json, shown.out());
  }

  @Test
  void aPlanFile_editedAfterItWasMade_isRefused_namingTheFile() throws IOException {
    Path edited = dir.resolve("edited.json");
    assertTrue(json.contains("+    message: from Git"), json);
    Files.writeString(edited, json.replace("+    message: from Git", "+    message: harmless"), StandardCharsets.UTF_8);

    Cli.run(Map.of(), "show", edited.toString()).assertOneErrorLine("driftless: the plan file " + edited
        + " was changed after it was made: its content does not match its digest. Plan again rather than edit a"
        + " plan file");
  }

  @Test
  void aPlanFile_ofTheFirstFormat_isRefused_withTheAdviceToPlanAgain() throws IOException {
    Path old = dir.resolve("old.json");
    Files.writeString(old, json.replace("\"format_version\": " + dev.driftless.plan.Plan.FORMAT_VERSION, "\"format_version\": 1"), StandardCharsets.UTF_8);

    Cli.run(Map.of(), "show", old.toString()).assertOneErrorLine("driftless: the plan file " + old
        + " has plan format_version 1, written by an older Driftless that did not seal plan files against changes;"
        + " plan again");
  }

  @Test
  void markdown_isWhatPlanMarkdownRenders() {
    Plan plan = PlanJson.read(json);

    Cli.Result shown = Cli.run(Map.of(), "show", "--format", "markdown", planFile.toString()).assertExit(0);

    assertEquals(PlanMarkdown.render(plan), shown.out());
  }
}
