package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a crafted repository holds (file names and contents with escape sequences, C1 controls,
 * bidirectional overrides, zero-width characters) reaches standard output and standard error as
 * visible escapes, in every format and in error lines, so that it cannot rewrite what a reviewer
 * or a CI log shows.
 */
@Timeout(60)
class VisibleOutputTest {

  /** A namespace file whose name is drawn backwards from the override on, with an invisible tail. */
  private static final String FILE = "dev/files/scripts/report\u009b2K\u202etxt.exe\u200b.py";
  /** A file whose text clears the line before it, moves up, and holds a terminal hyperlink. */
  private static final String NOTES = "before\u001b[2K\u001b[1Aafter \u001b]8;;https://evil.example/\u0007click"
      + "\u001b]8;;\u0007 \u0008\u0008x\r  all good\n";

  @TempDir
  Path dir;

  Sides sides;

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
    sides.commit().add(FILE, "print('hi')\n").add("dev/files/notes.txt", NOTES).push();
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void plan_showsHiddenCharactersInNamesAndDiffs_asEscapes() {
    Cli.Result result = sides.cli(sides.command("plan")).assertExit(0);

    assertVisible(result);
    assertTrue(result.out().contains("scripts/report\\u009b2K\\u202etxt.exe\\u200b.py"), result.out());
    assertTrue(result.out().contains("before\\u001b[2K\\u001b[1Aafter \\u001b]8;;https://evil.example/\\u0007click"),
        result.out());
  }

  @Test
  void plan_inMarkdownAndJson_too() {
    assertVisible(sides.cli(sides.command("plan", "--format", "markdown")).assertExit(0));
    assertVisible(sides.cli(sides.command("plan", "--format", "json")).assertExit(0));
  }

  @Test
  void show_ofASavedPlan_too() {
    String planFile = dir.resolve("plan.json").toString();
    sides.cli(sides.command("plan", "--out", planFile)).assertExit(0);

    assertVisible(Cli.run(Map.of(), "show", planFile).assertExit(0));
    assertVisible(Cli.run(Map.of(), "show", "--format", "markdown", planFile).assertExit(0));
  }

  @Test
  void anErrorLine_namingSomethingWithAnEscapeSequence_showsItAsAnEscape() {
    String missing = dir.resolve("plan\u001b[2K\u202e.json").toString();

    Cli.Result result = Cli.run(Map.of(), "show", missing).assertOneErrorLine("driftless: plan file ");

    assertVisible(result);
    assertEquals(List.of("driftless: plan file " + dir.resolve("plan\\u001b[2K\\u202e.json")
        + " does not exist"), result.errLines());
  }

  @Test
  void anUnknownCommand_isEchoedWithEscapes() {
    Cli.Result result = Cli.run(Map.of(), "pl\u001b[2Kan").assertExit(1);

    assertVisible(result);
    assertTrue(result.err().startsWith("driftless: unknown command 'pl\\u001b[2Kan'"), result.err());
  }

  /** No character a terminal would act on or that draws nothing, in either stream. */
  static void assertVisible(Cli.Result result) {
    for (String stream : List.of(result.out(), result.err())) {
      for (int i = 0; i < stream.length(); ) {
        int cp = stream.codePointAt(i);
        int type = Character.getType(cp);
        boolean hidden = cp != '\n' && cp != '\t' && (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)
            || type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR);
        if (hidden) {
          fail("U+" + String.format("%04X", cp) + " written raw at " + i + ":\n" + stream.replace("\u001b", "<ESC>"));
        }
        i += Character.charCount(cp);
      }
    }
  }
}
