package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Diff;
import dev.driftless.plan.Reason;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresetRowsTest {

  private static final ResourceKey QUERY = ResourceKey.namespaceFile("dev", "queries/report.sql");

  /** A removed {@code -- x} line shows as {@code --- x}: the rows take the diff's own counts, not its text's look. */
  @Test
  void lines_countRemovedSqlComments_andAddedLinesStartingWithPlusPlus() {
    Diff diff = new Diff(String.join("\n",
        "--- Git: dev/_files/queries/report.sql",
        "+++ Kestra: dev/queries/report.sql",
        "@@ -1,3 +1,2 @@",
        " select 1;",
        "--- the old comment",
        "--- x",
        "+++ y"), 1, 2);
    assertArrayEquals(new int[] {1, 2}, PresetRows.lines(update(Optional.of(diff))));
  }

  @Test
  void lines_areZero_withoutADiff_orForANote() {
    assertArrayEquals(new int[] {0, 0}, PresetRows.lines(update(Optional.empty())));
    assertArrayEquals(new int[] {0, 0}, PresetRows.lines(update(Optional.of(Diff.note("Binary content: 3 B -> 4 B")))));
  }

  private static Change update(Optional<Diff> diff) {
    return new Change(QUERY, QUERY, Side.GIT, Action.UPDATE, Reason.CONTENT_CHANGED, Optional.of(fingerprint("a")),
        Optional.of(fingerprint("b")), List.of(), diff);
  }

  private static Fingerprint fingerprint(String text) {
    return Fingerprint.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
