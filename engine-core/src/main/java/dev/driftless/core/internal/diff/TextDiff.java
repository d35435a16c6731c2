package dev.driftless.core.internal.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;
import dev.driftless.plan.Diff;
import dev.driftless.plan.PlanOptions;
import dev.driftless.resource.Content;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws the diff of one change: a unified diff of masked text, or a one-line note for binary
 * content and for differences a line diff cannot show (line endings, a final newline, a byte-order
 * mark).
 *
 * <p>Bounded in time and memory whatever the contents: a side larger than {@code maxBytes}, a line
 * longer than {@link PlanOptions#MAX_DIFF_LINE_CHARS} or more than {@code maxChangedLines} changed
 * lines gives a one-line note ({@code diff not shown: ...}) instead of a diff. The line diff
 * (Myers', whose time grows with the lines times the changes) is stopped as soon as it has counted
 * more changes than that, and a create or a delete, whose diff is every line, is never searched.
 *
 * <p>The line counts come from the line diff itself, not from its text; a diff cut short after
 * {@code maxLines} lines says on its last line how many added and removed lines were left out, so
 * that {@link #read} gives a plan read back from its file the same counts.
 */
public final class TextDiff {

  /** The last line of a diff cut short, with the sorts of the lines left out. */
  private static final Pattern CUT =
      Pattern.compile("# \\.\\.\\. \\d+ more diff lines not shown \\((\\d{1,9}) added, (\\d{1,9}) removed\\)");

  private final SecretMasker masker;
  private final int context;
  private final int maxLines;
  private final long maxBytes;
  private final int maxChangedLines;

  public TextDiff(SecretMasker masker, int context, int maxLines) {
    this(masker, context, maxLines, PlanOptions.DEFAULT_MAX_DIFF_BYTES, PlanOptions.DEFAULT_MAX_DIFF_CHANGED_LINES);
  }

  public TextDiff(SecretMasker masker, int context, int maxLines, long maxBytes, int maxChangedLines) {
    this.masker = masker;
    this.context = context;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.maxChangedLines = maxChangedLines;
  }

  /**
   * The diff from {@code before} to {@code after}; an empty side stands for absence (a create or a
   * delete).
   */
  public Diff diff(String beforeLabel, Optional<Content> before, String afterLabel, Optional<Content> after) {
    if (bytes(before) > maxBytes || bytes(after) > maxBytes) {
      return Diff.note("diff not shown: " + size(before) + " -> " + size(after) + ", more than the limit of "
          + size(maxBytes) + " for a diff (maxDiffBytes)");
    }
    Optional<String> beforeText = before.isEmpty() ? Optional.of("") : before.get().text();
    Optional<String> afterText = after.isEmpty() ? Optional.of("") : after.get().text();
    if (beforeText.isEmpty() || afterText.isEmpty()) {
      return Diff.note("Binary content: " + size(before) + " -> " + size(after));
    }
    List<String> rawA = lines(beforeText.get());
    List<String> rawB = lines(afterText.get());
    Optional<String> tooLong = longLine(rawA, "before").or(() -> longLine(rawB, "after"));
    if (tooLong.isPresent()) {
      return Diff.note(tooLong.get());
    }
    if (!rawA.isEmpty() && !rawB.isEmpty()) {
      int atLeast = leastChangedLines(rawA, rawB);
      if (atLeast > maxChangedLines) {
        return Diff.note("diff not shown: at least " + count(atLeast) + " lines changed (of " + count(rawA.size())
            + " before and " + count(rawB.size()) + " after), more than the limit of " + count(maxChangedLines)
            + " (maxDiffChangedLines)");
      }
    }
    List<String> a = masker.maskLines(rawA);
    List<String> b = masker.maskLines(rawB);
    Optional<Patch<String>> found = patch(a, b);
    if (found.isEmpty()) {
      return Diff.note("diff not shown: more than " + count(maxChangedLines) + " lines changed (of " + count(a.size())
          + " before and " + count(b.size()) + " after), the limit (maxDiffChangedLines)");
    }
    Patch<String> patch = found.get();
    if (patch.getDeltas().isEmpty()) {
      return Diff.note(invisibleDifference(beforeText.get(), afterText.get()));
    }
    int added = 0;
    int removed = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      added += delta.getTarget().size();
      removed += delta.getSource().size();
    }
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
        before.isEmpty() ? "/dev/null" : beforeLabel, after.isEmpty() ? "/dev/null" : afterLabel, a, patch, context);
    List<String> out = new ArrayList<>(Math.min(unified.size(), maxLines + 2));
    for (String line : unified) {
      // An empty side starts at line 0, as git writes it: "@@ -0,0 +1,3 @@".
      if (line.startsWith("@@ ")) {
        if (a.isEmpty()) {
          line = line.replaceFirst("^@@ -1,0 ", "@@ -0,0 ");
        }
        if (b.isEmpty()) {
          line = line.replaceFirst(" \\+1,0 @@", " +0,0 @@");
        }
      }
      out.add(line);
    }
    String note = invisibleDifference(beforeText.get(), afterText.get());
    if (!note.isEmpty() && before.isPresent() && after.isPresent() && lineEndingsDiffer(beforeText.get(), afterText.get())) {
      out.add("# " + note);
    }
    if (out.size() > maxLines) {
      int cut = out.size() - maxLines;
      out = new ArrayList<>(out.subList(0, maxLines));
      Diff shown = read(String.join("\n", out));
      out.add("# ... " + cut + " more diff lines not shown (" + (added - shown.added()) + " added, "
          + (removed - shown.removed()) + " removed)");
    }
    return new Diff(String.join("\n", out), added, removed);
  }

  /**
   * The diff a text drawn by {@link #diff} stands for, as a plan file keeps only the text: the
   * added and removed lines of its hunks (whatever they hold: a removed {@code -- x} shows as
   * {@code --- x} there, and the {@code ---}/{@code +++} labels come before the first hunk), plus
   * those its last line says were left out. A note counts nothing.
   */
  public static Diff read(String text) {
    long added = 0;
    long removed = 0;
    boolean inHunks = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("@@ ")) {
        inHunks = true;
      } else if (line.startsWith("#")) {
        Matcher cut = CUT.matcher(line);
        if (cut.matches()) {
          added += Integer.parseInt(cut.group(1));
          removed += Integer.parseInt(cut.group(2));
        }
      } else if (inHunks && line.startsWith("+")) {
        added++;
      } else if (inHunks && line.startsWith("-")) {
        removed++;
      }
    }
    return new Diff(text, (int) Math.min(added, Integer.MAX_VALUE), (int) Math.min(removed, Integer.MAX_VALUE));
  }

  /**
   * The line diff, or empty when it has more than {@link #maxChangedLines} changes. A side without
   * lines needs no search: every line of the other is added or removed.
   */
  private Optional<Patch<String>> patch(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      Patch<String> patch = new Patch<>();
      if (!b.isEmpty()) {
        patch.addDelta(new InsertDelta<>(new Chunk<>(0, List.of()), new Chunk<>(0, b)));
      } else if (!a.isEmpty()) {
        patch.addDelta(new DeleteDelta<>(new Chunk<>(0, a), new Chunk<>(0, List.of())));
      }
      return Optional.of(patch);
    }
    try {
      return Optional.of(DiffUtils.diff(a, b, new ChangeLimit(maxChangedLines)));
    } catch (ChangeLimit.Reached e) {
      return Optional.empty();
    }
  }

  /** Stops Myers' search once it has made more than {@code limit} edits: each step is one more. */
  private record ChangeLimit(int limit) implements DiffAlgorithmListener {

    /** Thrown out of the search; it carries nothing. */
    static final class Reached extends RuntimeException {
      Reached() {
        super(null, null, false, false);
      }
    }

    @Override
    public void diffStart() {
      // nothing to set up
    }

    @Override
    public void diffStep(int value, int max) {
      if (value > limit) {
        throw new Reached();
      }
    }

    @Override
    public void diffEnd() {
      // nothing to release
    }
  }

  /**
   * A lower bound of the changed lines, in one pass: the lines of each side that the other side
   * does not hold as often. Reordered lines are not counted; the search's own limit covers those.
   */
  private static int leastChangedLines(List<String> a, List<String> b) {
    Map<String, Integer> surplus = new HashMap<>();
    for (String line : a) {
      surplus.merge(line, 1, Integer::sum);
    }
    int added = 0;
    for (String line : b) {
      Integer left = surplus.get(line);
      if (left == null || left == 0) {
        added++;
      } else {
        surplus.put(line, left - 1);
      }
    }
    int removed = 0;
    for (int left : surplus.values()) {
      removed += left;
    }
    return added + removed;
  }

  private static Optional<String> longLine(List<String> lines, String side) {
    for (int i = 0; i < lines.size(); i++) {
      int length = lines.get(i).length();
      if (length > PlanOptions.MAX_DIFF_LINE_CHARS) {
        return Optional.of("diff not shown: line " + count(i + 1) + " " + side + " is " + count(length)
            + " characters long, more than the limit of " + count(PlanOptions.MAX_DIFF_LINE_CHARS) + " for a diff");
      }
    }
    return Optional.empty();
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = new ArrayList<>(Arrays.asList(body.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    return lines;
  }

  private static boolean lineEndingsDiffer(String a, String b) {
    return a.contains("\r\n") != b.contains("\r\n");
  }

  private static String invisibleDifference(String a, String b) {
    List<String> notes = new ArrayList<>();
    if (lineEndingsDiffer(a, b)) {
      notes.add("line endings differ (" + (a.contains("\r\n") ? "CRLF" : "LF") + " -> "
          + (b.contains("\r\n") ? "CRLF" : "LF") + ")");
    }
    if (a.endsWith("\n") != b.endsWith("\n")) {
      notes.add(b.endsWith("\n") ? "adds the final newline" : "removes the final newline");
    }
    if (a.startsWith("\uFEFF") != b.startsWith("\uFEFF")) {
      notes.add(b.startsWith("\uFEFF") ? "adds a byte-order mark" : "removes the byte-order mark");
    }
    if (notes.isEmpty() && !a.equals(b)) {
      notes.add("whitespace differs");
    }
    return String.join("; ", notes);
  }

  private static long bytes(Optional<Content> content) {
    return content.map(Content::size).orElse(0);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String size(Optional<Content> content) {
    if (content.isEmpty()) {
      return "(none)";
    }
    return size(content.get().size());
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
