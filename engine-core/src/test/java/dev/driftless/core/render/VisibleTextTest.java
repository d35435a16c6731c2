package dev.driftless.core.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.driftless.core.codec.DiffRows;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one escaping of everything Driftless prints, case by case. */
class VisibleTextTest {

  static List<Arguments> cases() {
    return List.of(
        shown("plain text stays", "dev/flows/a.yaml", "dev/flows/a.yaml", "dev/flows/a.yaml"),
        shown("accents, CJK and emoji stay", "café/日本/🚀.txt", "café/日本/🚀.txt", "café/日本/🚀.txt"),
        shown("ESC of an ANSI sequence", "a\u001b[2Kb", "a\\u001b[2Kb", "a\\u001b[2Kb"),
        shown("an OSC hyperlink", "\u001b]8;;https://x/\u0007t", "\\u001b]8;;https://x/\\u0007t", "\\u001b]8;;https://x/\\u0007t"),
        shown("carriage return and backspace", "a\rb\bc", "a\\u000db\\u0008c", "a\\u000db\\u0008c"),
        shown("a line break", "a\nb", "a\\u000ab", "a\\u000ab"),
        shown("a tab: escaped in a name, kept in a line", "a\tb", "a\\u0009b", "a\tb"),
        shown("DEL and the C1 CSI", "a\u007fb\u009bc", "a\\u007fb\\u009bc", "a\\u007fb\\u009bc"),
        shown("bidirectional overrides and isolates", "a\u202eb\u2066c\u200fd", "a\\u202eb\\u2066c\\u200fd",
            "a\\u202eb\\u2066c\\u200fd"),
        shown("zero-width characters, soft hyphen, byte-order mark", "a\u200bb\u200dc\u00add\ufeffe",
            "a\\u200bb\\u200dc\\u00add\\ufeffe", "a\\u200bb\\u200dc\\u00add\\ufeffe"),
        shown("line and paragraph separators, NEL", "a\u2028b\u2029c\u0085d", "a\\u2028b\\u2029c\\u0085d",
            "a\\u2028b\\u2029c\\u0085d"),
        shown("spaces other than the space", "a\u00a0b\u3000c", "a\\u00a0b\\u3000c", "a\\u00a0b\\u3000c"),
        shown("letters that draw nothing", "a\u3164b\u2800c", "a\\u3164b\\u2800c", "a\\u3164b\\u2800c"),
        shown("a tag character, as its surrogates", "a\udb40\udc41b", "a\\udb40\\udc41b", "a\\udb40\\udc41b"),
        shown("a lone surrogate", "a\ud800b", "a\\ud800b", "a\\ud800b"),
        shown("backslashes stay as they are", "a\\u001b", "a\\u001b", "a\\u001b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void escapes(String name, String text, String asName, String asLine) {
    assertEquals(asName, VisibleText.of(text), name);
    assertEquals(asLine, VisibleText.line(text), name);
  }

  @Test
  void textWithNothingHidden_isReturnedAsItIs() {
    String text = "flow dev/a: nothing to escape";
    assertSame(text, VisibleText.of(text));
  }

  @Test
  void jsonLines_escapeWhatATerminalActsOn_andReadBackTheSame() {
    List<Map<String, Object>> rows = List.of(Map.of("name", "a\u001b[2K\u009b\u202eb"));

    String json = DiffRows.toJsonLines(rows);

    assertEquals("{\"name\":\"a\\u001B[2K\\u009b\\u202eb\"}\n", json);
    assertEquals(rows, DiffRows.fromJsonLines(json));
  }

  private static Arguments shown(String name, String text, String asName, String asLine) {
    return Arguments.of(name, text, asName, asLine);
  }
}
