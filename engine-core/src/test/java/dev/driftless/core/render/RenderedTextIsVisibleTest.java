package dev.driftless.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.plan.Plan;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing read from a side reaches a terminal, a CI log or a pull request as something other than
 * the characters it is: every rendering of a plan whose names, diffs and messages carry escape
 * sequences, C1 controls, bidirectional overrides, invisible characters, Markdown and HTML shows
 * them as visible escapes, and the only escape sequences left are the colours Driftless adds.
 */
class RenderedTextIsVisibleTest {

  /** The colours PlanText adds: SGR sequences only. */
  private static final Pattern OWN_COLOURS = Pattern.compile("\u001b\\[[0-9;]*m");

  private final Plan plan = HostilePlan.plan();

  @Test
  void text_showsEveryHiddenCharacterAsAnEscape() {
    String text = PlanText.render(plan, RenderOptions.plain().withUnchanged(true));

    assertNothingHidden("text", text);
    assertTrue(text.contains("scripts/report\\u009b2K\\u202etxt.exe\\u200b\\u2066\\u00ad\\ufeff.py"), text);
    assertTrue(text.contains("-print('old')\\u001b[2K\\u000d  nothing to see here"), text);
    assertTrue(text.contains("+\tindented \\u202eevil"), "a tab in content stays a tab\n" + text);
    assertTrue(text.contains("dev/flows/a\\u001b[2K\\u000ab.yaml:4: "), "a line break in a name is escaped\n" + text);
  }

  @Test
  void text_inColour_hasOnlyItsOwnColours() {
    String text = PlanText.render(plan, RenderOptions.plain().withColor(true));

    assertTrue(OWN_COLOURS.matcher(text).find(), "colours are still drawn");
    assertNothingHidden("coloured text", OWN_COLOURS.matcher(text).replaceAll(""));
  }

  @Test
  void text_withoutDiffs_too() {
    assertNothingHidden("text without diffs", PlanText.render(plan, RenderOptions.plain().withDiffs(false)));
  }

  @Test
  void text_aMultiLineMessage_continuesIndented_neverAtTheMarginOfAChange() {
    String text = PlanText.render(plan);

    assertTrue(text.contains("\n    second line\\u000d\\u001b[2K# Plan: 0 to delete\n"), text);
  }

  @Test
  void markdown_showsEveryHiddenCharacterAsAnEscape() {
    assertNothingHidden("markdown", PlanMarkdown.render(plan));
  }

  @Test
  void markdown_namesInTheTable_keepTheirBackticksAndPipes_inOneCell() {
    String markdown = PlanMarkdown.render(plan);

    String row = markdown.lines().filter(l -> l.startsWith("| ") && l.contains("docs/a")).findFirst().orElseThrow();
    assertEquals(5, row.replace("\\|", "").chars().filter(c -> c == '|').count(), "four cells\n" + row);
    assertTrue(row.contains("``namespace-file dev:/docs/a`b\\|c <img src=x onerror=alert(1)>.md``")
        || row.contains("`` namespace-file dev:/docs/a`b\\|c <img src=x onerror=alert(1)>.md ``"), row);
  }

  @Test
  void markdown_messagesAreText_neverImagesLinksOrHtml() {
    String markdown = PlanMarkdown.render(plan).replaceAll("(?s)\n(`{3,})diff\n.*?\n\\1\n", "\n(a diff)\n");

    assertFalse(markdown.contains("![x](https"), markdown);
    assertFalse(markdown.contains("[link](https"), markdown);
    assertFalse(markdown.contains("<b>"), markdown);
    markdown.lines().filter(l -> l.contains("<img")).forEach(line ->
        assertTrue(line.startsWith("| ") && line.contains("``"), "a tag from a side only in a code span\n" + line));
    for (String line : markdown.split("\n")) {
      assertFalse(line.startsWith("# Plan") || line.startsWith("  # Plan"), "a message line starts no heading\n" + line);
    }
  }

  @Test
  void markdown_aDiffCannotCloseItsFence() {
    String markdown = PlanMarkdown.render(plan);

    Matcher fence = Pattern.compile("\n(`{3,})diff\n").matcher(markdown);
    while (fence.find()) {
      String open = fence.group(1);
      int end = markdown.indexOf("\n" + open + "\n", fence.end());
      assertTrue(end > 0, "the fence closes");
      String body = markdown.substring(fence.end(), end);
      for (String line : body.split("\n")) {
        assertFalse(line.strip().startsWith(open), "the diff closes its fence early:\n" + line);
      }
    }
  }

  @Test
  void json_escapesWhatATerminalWouldActOn_andReadsBackTheSameText() {
    String json = PlanJson.write(plan);

    assertNothingHidden("json", json);
    assertTrue(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u200b"), json);
  }

  /** Every character a terminal would act on, or that draws nothing, except line breaks and tabs. */
  static void assertNothingHidden(String what, String rendered) {
    for (int i = 0; i < rendered.length(); ) {
      int cp = rendered.codePointAt(i);
      if (hidden(cp)) {
        int from = Math.max(0, i - 40);
        fail(what + ": U+" + String.format("%04X", cp) + " drawn raw at " + i + ", after: "
            + rendered.substring(from, i).replace("\u001b", "<ESC>"));
      }
      i += Character.charCount(cp);
    }
  }

  private static boolean hidden(int cp) {
    if (cp == '\n' || cp == '\t') {
      return false;
    }
    int type = Character.getType(cp);
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
        || List.of(0x00a0, 0x115f, 0x1160, 0x3164, 0xffa0, 0x2800).contains(cp);
  }
}
