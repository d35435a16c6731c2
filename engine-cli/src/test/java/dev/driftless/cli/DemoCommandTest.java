package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code driftless demo}, and the README that sends people to it. */
@Timeout(120)
class DemoCommandTest {

  @Test
  void demo_narratesPlanApplyDriftRestore_andExits0() {
    Cli.Result result = Cli.run(Map.of(), "demo").assertExit(0).assertNoAnsi();

    String out = result.out();
    List<String> steps = List.of(
        "1. Start a Kestra API emulator",
        "2. Make a Git repository with the example flows",
        "3. Plan: Git is the source of truth",
        "4. Apply exactly that plan",
        "5. Someone edits dev/hello_world in the Kestra UI",
        "6. Plan again: the drift shows as an update",
        "7. Apply: Kestra is restored to Git's version",
        "8. Done");
    int at = -1;
    for (String step : steps) {
      int next = out.indexOf("\n" + step, at + 1);
      assertTrue(next > at, "step in order: " + step + "\n" + out);
      at = next;
    }
    assertTrue(out.contains("+ flow dev/hello_world"), out);
    assertTrue(out.contains("~ flow dev/hello_world"), "the drift plan shows the edit\n" + out);
    assertTrue(out.contains("-    message: hello from the UI"), out);
    assertTrue(out.contains("No changes. Git and Kestra are in sync."), out);
    assertEquals("", result.err(), "off a terminal, no progress");
  }

  @Test
  void readme_quickStart_isExactlyTheDemoAndTheTestCommand() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## Quick start");
    String block = readme.substring(readme.indexOf("```sh\n", start) + 6);
    block = block.substring(0, block.indexOf("```"));

    List<String> commands = block.lines().map(l -> l.replaceAll("\\s+#.*$", "").strip()).filter(l -> !l.isEmpty())
        .toList();

    assertEquals(List.of("./driftless demo", "./mvnw verify"), commands);
  }
}
