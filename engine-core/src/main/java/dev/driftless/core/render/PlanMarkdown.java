package dev.driftless.core.render;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plan as GitHub-flavoured Markdown for a pull request: the summary, a table of changes, each
 * diff in a collapsed section, and the diagnostics.
 *
 * <p>Names and messages come from the sides, so nothing of theirs is taken as Markdown or HTML: each
 * is escaped with {@link VisibleText} first, then for where it stands. Names are code spans (fenced
 * with more backticks than they hold, {@code |} escaped in table cells), messages are text with
 * Markdown's punctuation escaped and {@code <}, {@code >}, {@code &} as entities, a message's lines
 * joined with {@code <br>} so that none of them starts a block, and each diff is in a fence longer
 * than any run of backticks in it.
 */
public final class PlanMarkdown {

  private PlanMarkdown() {}

  public static String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("### Driftless plan ").append(code(plan.id())).append("\n\n");
    out.append("**").append(plan.summary().line()).append("**\n\n");
    out.append("Source of truth: **").append(PlanText.sourceOfTruth(plan)).append("** · Git ")
        .append(code(plan.git().identity())).append(" · Kestra ").append(code(plan.kestra().identity()))
        .append('\n');
    List<Change> shown = plan.changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
    if (shown.isEmpty()) {
      out.append("\nNo changes.\n");
    } else {
      boolean twoWay = plan.isTwoWay();
      out.append(twoWay ? "\n| | Resource | Written to | Reason | Since the last sync |\n|:-:|---|---|---|---|\n"
          : "\n| | Resource | Written to | Reason |\n|:-:|---|---|---|\n");
      for (Change c : shown) {
        out.append("| ").append(cellCode(c.action().symbol().isBlank() ? "=" : c.action().symbol())).append(" | ")
            .append(cellCode(c.key().address())).append(" | ").append(c.side().displayName()).append(" | ")
            .append(text(c.describeReason())).append(" |");
        if (twoWay) {
          out.append(' ').append(PlanText.sinceBaseline(plan, c).map(PlanMarkdown::text).orElse("")).append(" |");
        }
        out.append('\n');
      }
      for (Change c : shown) {
        if (c.diff().isEmpty()) {
          continue;
        }
        String diff = Arrays.stream(c.diff().get().text().split("\n", -1)).map(VisibleText::line)
            .collect(Collectors.joining("\n"));
        String fence = "`".repeat(Math.max(3, longestRun(diff, '`') + 1));
        out.append("\n<details><summary><code>").append(c.action().symbol()).append(' ')
            .append(html(VisibleText.of(c.key().address()))).append("</code></summary>\n\n")
            .append(fence).append("diff\n").append(diff).append('\n').append(fence).append("\n\n</details>\n");
      }
    }
    for (Severity severity : Severity.values()) {
      List<Diagnostic> list = plan.diagnostics().stream().filter(d -> d.severity() == severity).toList();
      if (list.isEmpty()) {
        continue;
      }
      out.append("\n#### ").append(switch (severity) {
        case ERROR -> "Errors";
        case WARNING -> "Warnings";
        case INFO -> "Notes";
      }).append("\n\n");
      for (Diagnostic d : list) {
        List<String> lines = PlanText.lines(d).stream().map(PlanMarkdown::escaped).toList();
        out.append("- ").append(String.join("<br>", lines)).append('\n');
      }
    }
    if (plan.isHeldOnlyByGuards()) {
      out.append("\n> **This plan is held back by the mass-deletion guard:** it applies only once approved, as the error"
          + " above says.\n");
    } else if (!plan.isApplyable()) {
      out.append("\n> **This plan cannot be applied:** resolve the errors above.\n");
    }
    return out.toString();
  }

  /** A code span of a one-line value, fenced with more backticks than it holds. */
  private static String code(String value) {
    String shown = VisibleText.of(value);
    int run = longestRun(shown, '`');
    String fence = "`".repeat(run + 1);
    boolean padded = run > 0 || shown.isEmpty() || shown.startsWith(" ") || shown.endsWith(" ");
    String pad = padded ? " " : "";
    return fence + pad + shown + pad + fence;
  }

  /** A code span in a table cell, where a pipe ends the cell even inside code unless escaped. */
  private static String cellCode(String value) {
    return code(value).replace("|", "\\|");
  }

  /** A one-line value as Markdown text that shows exactly the characters it holds. */
  private static String text(String value) {
    return escaped(VisibleText.of(value));
  }

  private static String escaped(String visible) {
    StringBuilder out = new StringBuilder(visible.length() + 8);
    for (int i = 0; i < visible.length(); i++) {
      char c = visible.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '|', '~' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String html(String visible) {
    return visible.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static int longestRun(String text, char c) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == c ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
