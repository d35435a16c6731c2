package dev.driftless.core.internal.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.driftless.resource.Content;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Draws the diff of one change: a unified diff of masked text, or a one-line note for binary
 * content and for differences a line diff cannot show (line endings, a final newline, a byte-order
 * mark).
 */
public final class TextDiff {

  private final SecretMasker masker;
  private final int context;
  private final int maxLines;

  public TextDiff(SecretMasker masker, int context, int maxLines) {
    this.masker = masker;
    this.context = context;
    this.maxLines = maxLines;
  }

  /**
   * The diff from {@code before} to {@code after}; an empty side stands for absence (a create or a
   * delete).
   */
  public String diff(String beforeLabel, Optional<Content> before, String afterLabel, Optional<Content> after) {
    Optional<String> beforeText = before.isEmpty() ? Optional.of("") : before.get().text();
    Optional<String> afterText = after.isEmpty() ? Optional.of("") : after.get().text();
    if (beforeText.isEmpty() || afterText.isEmpty()) {
      return "Binary content: " + size(before) + " -> " + size(after);
    }
    List<String> a = masker.maskLines(lines(beforeText.get()));
    List<String> b = masker.maskLines(lines(afterText.get()));
    Patch<String> patch = DiffUtils.diff(a, b);
    if (patch.getDeltas().isEmpty()) {
      return invisibleDifference(beforeText.get(), afterText.get());
    }
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
        before.isEmpty() ? "/dev/null" : beforeLabel, after.isEmpty() ? "/dev/null" : afterLabel, a, patch, context);
    List<String> out = new ArrayList<>(unified.size());
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
      out.add("# ... " + cut + " more diff lines not shown");
    }
    return String.join("\n", out);
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

  private static String size(Optional<Content> content) {
    if (content.isEmpty()) {
      return "(none)";
    }
    int bytes = content.get().size();
    return bytes < 1024 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }
}
