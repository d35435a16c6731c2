package dev.driftless.core.internal.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.resource.Content;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextDiffTest {

  private final TextDiff diff = new TextDiff(new SecretMasker(), 3, 400);

  @Test
  void diff_isUnifiedWithLabels() {
    String out = diff.diff("Kestra: flow dev/a", Optional.of(Content.ofText("a\nb\nc\n")), "Git: dev/flows/a.yaml",
        Optional.of(Content.ofText("a\nB\nc\n")));
    assertEquals("--- Kestra: flow dev/a\n+++ Git: dev/flows/a.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c", out);
  }

  @Test
  void diff_ofCreate_startsFromDevNull() {
    String out = diff.diff("x", Optional.empty(), "Git: a.yaml", Optional.of(Content.ofText("id: a\n")));
    assertTrue(out.startsWith("--- /dev/null\n+++ Git: a.yaml\n@@ -0,0 +1,1 @@\n+id: a"), out);
  }

  @Test
  void diff_ofLineEndingsOnly_saysSo() {
    String out = diff.diff("a", Optional.of(Content.ofText("x\ny\n")), "b", Optional.of(Content.ofText("x\r\ny\r\n")));
    assertEquals("line endings differ (LF -> CRLF)", out);
  }

  @Test
  void diff_ofBinary_givesSizes() {
    String out = diff.diff("a", Optional.of(Content.of(new byte[] {0, 1, 2})), "b", Optional.of(Content.of(new byte[2048])));
    assertEquals("Binary content: 3 B -> 2.0 KiB", out);
  }

  @Test
  void diff_neverShowsSecrets() {
    String out = diff.diff("a", Optional.of(Content.ofText("password: old-one\n")), "b",
        Optional.of(Content.ofText("password: new-one\n")));
    assertFalse(out.contains("old-one") || out.contains("new-one"), out);
    assertTrue(out.contains("-password: <secret-1>") && out.contains("+password: <secret-2>"), out);
  }

  @Test
  void diff_longDiffs_areCut() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      big.append("line ").append(i).append('\n');
    }
    String out = new TextDiff(new SecretMasker(), 3, 50).diff("a", Optional.empty(), "b",
        Optional.of(Content.ofText(big.toString())));
    assertEquals(51, out.split("\n").length);
    assertTrue(out.endsWith("more diff lines not shown"), out);
  }
}
