package dev.driftless.core.internal.merge;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A line-level three-way merge: the changes each side made to a common base, combined when they are
 * apart from each other.
 *
 * <p>Lines keep their endings ({@code \n}, {@code \r\n}, none on a last line without one), so a
 * merge changes no line ending and no final newline that neither side changed, and a change of line
 * endings is a change of every line. Two changes conflict when the stretches of the base they
 * replace overlap or touch (as in Git: changes to adjacent lines conflict, since such lines are
 * often one thing, a key and its value), including two insertions at the same place, unless both
 * sides made the very same change there. The merge is left (with the reason in words) on the first
 * conflict; nothing here knows YAML: whoever merges checks the result.
 */
public final class LineMerge {

  private LineMerge() {}

  /** The merged text, or why the changes cannot be merged. */
  public static Either<String, String> merge(String base, String ours, String theirs) {
    List<String> b = lines(base);
    List<String> o = lines(ours);
    List<String> t = lines(theirs);
    List<Edit> edits = new ArrayList<>();
    for (AbstractDelta<String> d : DiffUtils.diff(b, o).getDeltas()) {
      edits.add(new Edit(true, d.getSource().getPosition(), d.getSource().size(), d.getTarget().getLines()));
    }
    for (AbstractDelta<String> d : DiffUtils.diff(b, t).getDeltas()) {
      edits.add(new Edit(false, d.getSource().getPosition(), d.getSource().size(), d.getTarget().getLines()));
    }
    edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));

    StringBuilder out = new StringBuilder(Math.max(ours.length(), theirs.length()));
    int at = 0;
    int i = 0;
    while (i < edits.size()) {
      int start = edits.get(i).start();
      int end = edits.get(i).end();
      List<Edit> group = new ArrayList<>();
      group.add(edits.get(i++));
      while (i < edits.size() && edits.get(i).start() <= end) {
        end = Math.max(end, edits.get(i).end());
        group.add(edits.get(i++));
      }
      appendRange(out, b, at, start);
      boolean fromOurs = group.stream().anyMatch(Edit::ours);
      boolean fromTheirs = group.stream().anyMatch(e -> !e.ours());
      if (fromOurs && fromTheirs) {
        String mine = apply(b, start, end, group, true);
        String other = apply(b, start, end, group, false);
        if (!mine.equals(other)) {
          return Either.left(describe(start, end, b.size()));
        }
        out.append(mine);
      } else {
        out.append(apply(b, start, end, group, fromOurs));
      }
      at = end;
    }
    appendRange(out, b, at, b.size());
    return Either.right(out.toString());
  }

  /** The base's lines {@code start} to {@code end} with one side's edits of the group applied. */
  private static String apply(List<String> base, int start, int end, List<Edit> group, boolean ours) {
    StringBuilder out = new StringBuilder();
    int at = start;
    for (Edit e : group) {
      if (e.ours() != ours) {
        continue;
      }
      appendRange(out, base, at, e.start());
      e.lines().forEach(out::append);
      at = e.end();
    }
    appendRange(out, base, at, end);
    return out.toString();
  }

  private static void appendRange(StringBuilder out, List<String> lines, int from, int to) {
    for (int i = from; i < to; i++) {
      out.append(lines.get(i));
    }
  }

  private static String describe(int start, int end, int baseLines) {
    if (start == end) {
      return start >= baseLines
          ? "both sides add lines at the end"
          : "both sides add lines before line " + (start + 1) + " of the last synced version";
    }
    return end - start == 1
        ? "both sides change line " + (start + 1) + " of the last synced version, or the lines next to it"
        : "both sides change lines " + (start + 1) + " to " + end + " of the last synced version, or the lines"
            + " next to them";
  }

  /** The text's lines, each with its ending; the last has none when the text does not end with one. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < text.length()) {
      out.add(text.substring(from));
    }
    return out;
  }

  /**
   * One side's replacement of the base's lines {@code start} (inclusive) to {@code start + size}
   * (exclusive) with {@code lines}; an insertion has size 0.
   */
  private record Edit(boolean ours, int start, int size, List<String> lines) {
    int end() {
      return start + size;
    }
  }
}
