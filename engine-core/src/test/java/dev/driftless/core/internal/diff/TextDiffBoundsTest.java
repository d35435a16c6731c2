package dev.driftless.core.internal.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.resource.Content;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * A diff ends whatever the contents: past a limit it is one line saying why it is not shown. The
 * deadlines only prove that each diff ends; they are far above what it takes.
 */
class TextDiffBoundsTest {

  private static final Duration ENDS_WITHIN = Duration.ofSeconds(60);

  private static String text(int lines, IntFunction<String> line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      out.append(line.apply(i)).append('\n');
    }
    return out.toString();
  }

  private static String diff(Optional<String> before, Optional<String> after) {
    TextDiff differ = new TextDiff(new SecretMasker(), 3, 400);
    return assertTimeoutPreemptively(ENDS_WITHIN, () -> differ.diff("Kestra: a", before.map(Content::ofText), "Git: a",
        after.map(Content::ofText))).text();
  }

  @Test
  void diff_of60000ChangedLines_isNotShown_andSaysHowManyChanged() {
    String out = diff(Optional.of(text(60_000, i -> "line a " + i)), Optional.of(text(60_000, i -> "line b " + i)));
    assertEquals("diff not shown: at least 120,000 lines changed (of 60,000 before and 60,000 after), more than the"
        + " limit of 2,000 (maxDiffChangedLines)", out);
  }

  @Test
  void diff_ofReorderedLines_stopsAtTheLimit() {
    String out = diff(Optional.of(text(40_000, i -> "line " + i)), Optional.of(text(40_000, i -> "line " + (39_999 - i))));
    assertEquals("diff not shown: more than 2,000 lines changed (of 40,000 before and 40,000 after), the limit"
        + " (maxDiffChangedLines)", out);
  }

  @Test
  void diff_ofOneChangedLineIn60000_isShown() {
    String out = diff(Optional.of(text(60_000, i -> "line " + i)),
        Optional.of(text(60_000, i -> i == 30_000 ? "changed" : "line " + i)));
    assertTrue(out.contains("@@ -29998,7 +29998,7 @@") && out.contains("-line 30000\n+changed"), out);
  }

  @Test
  void diff_ofACreateOf100000Lines_isCut_withoutSearching() {
    String out = diff(Optional.empty(), Optional.of(text(100_000, i -> "k" + i)));
    assertTrue(out.startsWith("--- /dev/null\n+++ Git: a\n@@ -0,0 +1,100000 @@\n+k0\n+k1\n"), out.substring(0, 80));
    assertTrue(out.endsWith("# ... 99603 more diff lines not shown (99603 added, 0 removed)"),
        out.substring(out.length() - 80));
  }

  @Test
  void diff_ofADeleteOf100000Lines_isCut_withoutSearching() {
    String out = diff(Optional.of(text(100_000, i -> "k" + i)), Optional.empty());
    assertTrue(out.startsWith("--- Kestra: a\n+++ /dev/null\n@@ -1,100000 +0,0 @@\n-k0\n"), out.substring(0, 80));
  }

  @Test
  void diff_ofContentOverTheByteLimit_isNotShown_andGivesSizes() {
    String big = text(100_000, i -> "a longer line, number " + i);
    String out = diff(Optional.of(big), Optional.of(big + "one more\n"));
    assertEquals("diff not shown: 2.7 MiB -> 2.7 MiB, more than the limit of 1.0 MiB for a diff (maxDiffBytes)", out);
  }

  @Test
  void diff_withALineOverTheLengthLimit_isNotShown() {
    String out = diff(Optional.of("a: 1\n"), Optional.of("a: 1\nb: " + " ".repeat(60_000) + "x\n"));
    assertEquals("diff not shown: line 2 after is 60,004 characters long, more than the limit of 2,000 for a diff", out);
  }
}
