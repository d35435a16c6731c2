package dev.driftless.plan;

import java.util.Objects;

/**
 * What a change does to a resource's text: a unified diff for people, with secret-looking values
 * masked, and how many lines it adds and removes, for machines (counting the lines of the text
 * again would take a removed {@code -- comment} line, shown as {@code --- comment}, for a header).
 *
 * <p>The counts are of every line the change adds and removes, also where the text is cut short
 * (its last line then says how many lines of each sort were left out). Both are zero when the text
 * is a note instead of a diff: binary content, a diff over a limit, or a difference a line diff
 * cannot show (line endings, a final newline, a byte-order mark).
 *
 * @param text the diff as shown
 * @param added how many lines the change adds
 * @param removed how many lines the change removes
 */
public record Diff(String text, int added, int removed) {

  public Diff {
    Objects.requireNonNull(text, "text");
    if (added < 0 || removed < 0) {
      throw new IllegalArgumentException("a diff adds and removes no fewer than 0 lines, not " + added + " and "
          + removed);
    }
  }

  /** A note in place of a diff: it counts no lines. */
  public static Diff note(String text) {
    return new Diff(text, 0, 0);
  }
}
