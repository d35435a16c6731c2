package dev.driftless.core.internal.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

class LineMergeTest {

  private static final String BASE = "one\ntwo\nthree\nfour\nfive\nsix\n";

  @Test
  void merge_combinesEditsOfLinesApart() {
    Either<String, String> merged = LineMerge.merge(BASE, "ONE\ntwo\nthree\nfour\nfive\nsix\n",
        "one\ntwo\nthree\nfour\nfive\nSIX\n");
    assertEquals(Either.right("ONE\ntwo\nthree\nfour\nfive\nSIX\n"), merged);
  }

  @Test
  void merge_conflicts_whenBothEditTheSameLine() {
    Either<String, String> merged = LineMerge.merge(BASE, "one\nTWO\nthree\nfour\nfive\nsix\n",
        "one\nDeux\nthree\nfour\nfive\nsix\n");
    assertTrue(merged.isLeft());
    assertEquals("both sides change line 2 of the last synced version, or the lines next to it", merged.getLeft());
  }

  @Test
  void merge_conflicts_whenBothEditAdjacentLines() {
    Either<String, String> merged = LineMerge.merge(BASE, "one\nTWO\nthree\nfour\nfive\nsix\n",
        "one\ntwo\nTHREE\nfour\nfive\nsix\n");
    assertTrue(merged.isLeft(), () -> "merged: " + merged);
  }

  @Test
  void merge_takesTheSameChangeOnBothSidesOnce() {
    String both = "one\nTWO\nthree\nfour\nfive\nsix\n";
    assertEquals(Either.right(both), LineMerge.merge(BASE, both, both));
  }

  @Test
  void merge_conflicts_whenBothInsertAtTheSamePlace() {
    Either<String, String> merged = LineMerge.merge(BASE, "one\ntwo\nthree\nmine\nfour\nfive\nsix\n",
        "one\ntwo\nthree\ntheirs\nfour\nfive\nsix\n");
    assertEquals(Either.left("both sides add lines before line 4 of the last synced version"), merged);
  }

  @Test
  void merge_conflicts_whenBothAppendAtTheEnd() {
    assertEquals(Either.left("both sides add lines at the end"), LineMerge.merge(BASE, BASE + "mine\n", BASE + "theirs\n"));
  }

  @Test
  void merge_combinesInsertsAtPlacesApart() {
    Either<String, String> merged = LineMerge.merge(BASE, "zero\n" + BASE, BASE + "seven\n");
    assertEquals(Either.right("zero\n" + BASE + "seven\n"), merged);
  }

  @Test
  void merge_combinesAnEditWithADeletionApart() {
    Either<String, String> merged = LineMerge.merge(BASE, "ONE\ntwo\nthree\nfour\nfive\nsix\n",
        "one\ntwo\nthree\nfour\nsix\n");
    assertEquals(Either.right("ONE\ntwo\nthree\nfour\nsix\n"), merged);
  }

  @Test
  void merge_keepsCrlfLineEndings() {
    String base = BASE.replace("\n", "\r\n");
    Either<String, String> merged = LineMerge.merge(base, base.replace("one", "ONE"), base.replace("six", "SIX"));
    assertEquals(Either.right(base.replace("one", "ONE").replace("six", "SIX")), merged);
  }

  @Test
  void merge_conflicts_whenOneSideChangesEveryLineEnding() {
    String crlf = BASE.replace("\n", "\r\n");
    assertTrue(LineMerge.merge(BASE, crlf, BASE.replace("six", "SIX")).isLeft());
  }

  @Test
  void merge_keepsAMissingFinalNewline() {
    String base = "one\ntwo\nthree\nfour\nlast";
    Either<String, String> merged = LineMerge.merge(base, "ONE\ntwo\nthree\nfour\nlast", "one\ntwo\nthree\nfour\nLAST");
    assertEquals(Either.right("ONE\ntwo\nthree\nfour\nLAST"), merged);
  }

  @Test
  void merge_takesAFinalNewlineOneSideAdded() {
    String base = "one\ntwo\nthree\nfour\nlast";
    Either<String, String> merged = LineMerge.merge(base, "ONE\ntwo\nthree\nfour\nlast", base + "\n");
    assertEquals(Either.right("ONE\ntwo\nthree\nfour\nlast\n"), merged);
  }

  @Test
  void merge_ofUnchangedSides_isTheBase() {
    assertEquals(Either.right(BASE), LineMerge.merge(BASE, BASE, BASE));
    assertEquals(Either.right(""), LineMerge.merge("", "", ""));
  }

  @Test
  void lines_keepTheirEndings() {
    assertEquals(java.util.List.of("a\r\n", "b\n", "c"), LineMerge.lines("a\r\nb\nc"));
    assertEquals(java.util.List.of(), LineMerge.lines(""));
  }
}
