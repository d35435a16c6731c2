package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless plan} against the Kestra API emulator and a Git server, in this process. */
@Timeout(60)
class PlanCommandTest {

  @TempDir
  Path dir;

  Sides sides;

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
    sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "from Git"))
        .add("dev/flows/b.yaml", Sides.flow("dev", "b", "from Git")).push();
    sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", "b", "from the UI"));
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void plan_printsTheTextPlan_exactlyAsPlanTextRendersIt_andNothingOnStderr() throws IOException {
    Cli.Result result = sides.cli(sides.command("plan", "--out", dir.resolve("plan.json").toString())).assertExit(0);

    Plan saved = PlanFiles.read(dir.resolve("plan.json"));
    assertEquals(PlanText.render(saved, RenderOptions.plain()), result.out());
    assertTrue(result.out().contains("+ flow dev/a"), result.out());
    assertTrue(result.out().contains("~ flow dev/b"), result.out());
    assertTrue(result.out().contains("-    message: from the UI"), result.out());
    assertTrue(result.out().contains("Plan: 1 to create, 1 to update, 0 to delete"), result.out());
    assertEquals("Saved the plan to " + dir.resolve("plan.json") + "; apply exactly this plan with: driftless apply "
        + dir.resolve("plan.json") + "\n", result.err(), "off a terminal, no progress unless --progress");
  }

  @Test
  void formatJson_isExactlyWhatPlanJsonWrites_andWhatOutSaves() throws IOException {
    Path file = dir.resolve("plans/plan.json");
    Cli.Result result = sides.cli(sides.command("plan", "--format", "json", "--out", file.toString())).assertExit(0);

    String saved = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(saved, result.out());
    assertEquals(PlanJson.write(PlanJson.read(saved)), result.out());
    assertTrue(result.out().contains("\"format_version\""), result.out());
  }

  @Test
  void formatMarkdown_isExactlyWhatPlanMarkdownRenders() {
    Path file = dir.resolve("plan.json");
    Cli.Result result = sides.cli(sides.command("plan", "--format", "markdown", "--out", file.toString()))
        .assertExit(0);

    assertEquals(PlanMarkdown.render(PlanFiles.read(file)), result.out());
  }

  @Test
  void detailedExitCode_is2WithChanges_0WithNone_1OnError() {
    sides.cli(sides.command("plan")).assertExit(0);
    sides.cli(sides.command("plan", "--detailed-exitcode")).assertExit(2);

    sides.cli(sides.command("apply", "--auto-approve")).assertExit(0);
    sides.cli(sides.command("plan", "--detailed-exitcode")).assertExit(0);

    sides.cli("plan", "--git", sides.gitUrl(), "--kestra", "http://127.0.0.1:1", "--namespace", "dev",
        "--detailed-exitcode").assertOneErrorLine("driftless: Kestra at http://127.0.0.1:1 could not be reached");
  }

  @Test
  void progress_goesToStderr_onlyWhenAskedOffATerminal_andNeverToStdout() {
    Cli.Result quiet = sides.cli(sides.command("plan"));
    Cli.Result verbose = sides.cli(sides.command("plan", "--progress"));

    assertEquals("", quiet.err());
    assertEquals(quiet.out(), verbose.out(), "progress changes nothing on stdout");
    assertTrue(verbose.err().contains("Connected to Kestra 1.3.0 OSS"), verbose.err());
    assertTrue(verbose.err().contains("Read 2 resources from Git and 1 from Kestra"), verbose.err());
    assertFalse(verbose.out().contains("Read 1"), verbose.out());
  }

  @Test
  void layoutAndKinds_narrowThePlan() {
    sides.commit().add("dev/files/run.py", "print('hi')\n").push();

    Cli.Result flowsOnly = sides.cli(sides.command("plan", "--kinds", "flow")).assertExit(0);
    Cli.Result both = sides.cli(sides.command("plan", "--kinds", "flow,namespace-file")).assertExit(0);

    assertFalse(flowsOnly.out().contains("namespace-file dev:/run.py"), flowsOnly.out());
    assertTrue(both.out().contains("+ namespace-file dev:/run.py"), both.out());
  }

  @Test
  void kestraAsSource_withKeep_plansNoDeletionOfWhatGitAloneHolds() {
    Cli.Result result = sides.cli("plan", "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(), "--namespace", "dev",
        "--source-of-truth", "kestra", "--when-missing", "keep", "--detailed-exitcode").assertExit(2);

    assertTrue(result.out().contains("~ flow dev/b"), result.out());
    assertTrue(result.out().contains("0 to delete, 1 kept"), result.out());
  }
}
