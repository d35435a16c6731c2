package dev.driftless.kestra.internal.review;

import dev.driftless.kestra.KestraServer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Kestra does with a flow source's top-level {@code revision: N} line, the first line that
 * matches {@code ^revision: \d+} (with its line break; {@code revision:  5}, with two spaces, is not
 * one). Kestra 0.20 stores the text but serves it without that line (seen on 0.20.7), so a flow
 * holding one can never read back as written. From 0.21 the text is served as stored, but an update
 * whose text differs from the stored one only in that line counts as no change (read in Kestra's
 * sources up to 2.0), so such an update is never stored. Either way the sides would never agree,
 * and every apply would try again: such writes are refused up front.
 */
final class RevisionLine {

  private static final Pattern LINE = Pattern.compile("(?m)^revision: \\d+\\n?");

  private RevisionLine() {}

  /** Why this server cannot hold {@code desired} as written over {@code current}; empty when it can. */
  static Optional<String> refusal(KestraServer server, String desired, Optional<String> current) {
    Matcher m = LINE.matcher(desired);
    boolean hasLine = m.find();
    if (!server.atLeast(0, 21)) {
      if (!hasLine) {
        return Optional.empty();
      }
      return Optional.of(server.describeShort() + " removes the line '" + m.group().strip() + "' (line "
          + lineOf(desired, m.start()) + ") from a flow's source when it stores it, so Kestra would never hold this"
          + " text: remove that line from the file (Kestra counts revisions itself)");
    }
    if (current.isEmpty() || current.get().equals(desired) || !without(current.get()).equals(without(desired))) {
      return Optional.empty();
    }
    String ignored = server.describeShort() + " ignores that line when it compares an update with the flow it"
        + " holds, so the update would not be stored";
    if (!hasLine) {
      Matcher kept = LINE.matcher(current.get());
      String line = kept.find() ? kept.group().strip() : "revision:";
      return Optional.of("differs from Kestra's copy only in the top-level line '" + line + "' that Kestra's copy has"
          + " and this file has not; " + ignored + ": put the line back as Kestra has it, or change the flow"
          + " otherwise so that the update is stored");
    }
    return Optional.of("differs from Kestra's copy only in its top-level '" + m.group().strip() + "' line; " + ignored
        + ": make that line match Kestra's copy, or remove it (Kestra counts revisions itself)");
  }

  private static String without(String source) {
    return LINE.matcher(source).replaceFirst("");
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
