package dev.driftless.core.internal.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.driftless.plan.Diff;
import dev.driftless.resource.Content;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class TextDiffTest {

  private final TextDiff diff = new TextDiff(new SecretMasker(), 3, 400);

  @Test
  void diff_isUnifiedWithLabels() {
    String out = diff.diff("Kestra: flow dev/a", Optional.of(Content.ofText("a\nb\nc\n")), "Git: dev/flows/a.yaml",
        Optional.of(Content.ofText("a\nB\nc\n"))).text();
    assertEquals("--- Kestra: flow dev/a\n+++ Git: dev/flows/a.yaml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c", out);
  }

  @Test
  void diff_ofCreate_startsFromDevNull() {
    String out = diff.diff("x", Optional.empty(), "Git: a.yaml", Optional.of(Content.ofText("id: a\n"))).text();
    assertTrue(out.startsWith("--- /dev/null\n+++ Git: a.yaml\n@@ -0,0 +1,1 @@\n+id: a"), out);
  }

  @Test
  void diff_ofLineEndingsOnly_saysSo() {
    String out = diff.diff("a", Optional.of(Content.ofText("x\ny\n")), "b", Optional.of(Content.ofText("x\r\ny\r\n"))).text();
    assertEquals("line endings differ (LF -> CRLF)", out);
  }

  @Test
  void diff_ofBinary_givesSizes() {
    String out = diff.diff("a", Optional.of(Content.of(new byte[] {0, 1, 2})), "b", Optional.of(Content.of(new byte[2048]))).text();
    assertEquals("Binary content: 3 B -> 2.0 KiB", out);
  }

  @Test
  void diff_neverShowsSecrets() {
    String out = diff.diff("a", Optional.of(Content.ofText("password: old-one\n")), "b",
        Optional.of(Content.ofText("password: new-one\n"))).text();
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
        Optional.of(Content.ofText(big.toString()))).text();
    assertEquals(51, out.split("\n").length);
    assertTrue(out.endsWith("# ... 953 more diff lines not shown (953 added, 0 removed)"), out);
  }

  @Test
  void diff_countsRemovedAndAddedLines_thatLookLikeItsLabels() {
    Diff out = diff.diff("a", Optional.of(Content.ofText("select 1;\n-- x\n++ y\n--- z\n")), "b",
        Optional.of(Content.ofText("select 1;\n-- changed\n")));
    assertTrue(out.text().contains("\n--- x\n-++ y\n---- z\n+-- changed"), out.text());
    assertEquals(3, out.removed());
    assertEquals(1, out.added());
  }

  @Test
  void diff_countsEveryLine_alsoWhereTheTextIsCut() {
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      big.append(i % 2 == 0 ? "-- comment " : "++ line ").append(i).append('\n');
    }
    Diff out = new TextDiff(new SecretMasker(), 3, 50).diff("a", Optional.of(Content.ofText(big.toString())), "b",
        Optional.of(Content.ofText("one\n")));
    assertEquals(1000, out.removed());
    assertEquals(1, out.added());
  }

  @Test
  void diff_ofANote_countsNothing() {
    Diff out = diff.diff("a", Optional.of(Content.of(new byte[] {0, 1, 2})), "b", Optional.of(Content.of(new byte[2048])));
    assertEquals(Diff.note("Binary content: 3 B -> 2.0 KiB"), out);
  }

  /** A plan file keeps only the text: reading it gives back the counts it was drawn with. */
  @Test
  void read_ofTheText_givesTheCountsTheDiffWasDrawnWith() {
    List<String> pool = List.of("a", "b", "-- x", "++ y", "--- z", "+++ w", "@@ -1 +1 @@", "# ... 3 more diff lines not shown",
        "# ... 1 more diff lines not shown (5 added, 7 removed)", "", " ", "password: s3cret");
    Gen<String> texts = lists().of(integers().between(0, pool.size() - 1)).ofSizeBetween(0, 30)
        .map(picks -> picks.stream().map(pool::get).map(l -> l + "\n").collect(Collectors.joining()));
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    try {
      qt().withFixedSeed(seed).withExamples(2000).forAll(texts, texts, integers().between(0, 4), integers().between(1, 40))
          .checkAssert((before, after, context, maxLines) -> {
            Diff drawn = new TextDiff(new SecretMasker(), context, maxLines)
                .diff("a", Optional.of(Content.ofText(before)), "b", Optional.of(Content.ofText(after)));
            assertEquals(drawn, TextDiff.read(drawn.text()));
          });
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("diff counts property failed with seed " + seed + "; reproduce with -Ddriftless.seed="
          + seed + "\n" + e.getMessage(), e);
    }
  }
}
