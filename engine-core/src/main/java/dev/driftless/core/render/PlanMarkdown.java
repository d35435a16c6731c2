package dev.driftless.core.render;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import java.util.List;

/**
 * A plan as GitHub-flavoured Markdown for a pull request: the summary, a table of changes, each
 * diff in a collapsed section, and the diagnostics.
 */
public final class PlanMarkdown {

  private PlanMarkdown() {}

  public static String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("### Driftless plan `").append(plan.id()).append("`\n\n");
    out.append("**").append(plan.summary().line()).append("**\n\n");
    out.append("Source of truth: **").append(PlanText.sourceOfTruth(plan)).append("** · Git `")
        .append(cell(plan.git().identity())).append("` · Kestra `").append(cell(plan.kestra().identity()))
        .append("`\n");
    List<Change> shown = plan.changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
    if (shown.isEmpty()) {
      out.append("\nNo changes.\n");
    } else {
      out.append("\n| | Resource | Written to | Reason |\n|:-:|---|---|---|\n");
      for (Change c : shown) {
        out.append("| `").append(c.action().symbol().isBlank() ? "=" : c.action().symbol()).append("` | `")
            .append(cell(c.key().address())).append("` | ").append(c.side().displayName()).append(" | ")
            .append(cell(c.describeReason())).append(" |\n");
      }
      for (Change c : shown) {
        if (c.diff().isEmpty()) {
          continue;
        }
        String fence = c.diff().get().contains("```") ? "````" : "```";
        out.append("\n<details><summary><code>").append(c.action().symbol()).append(' ')
            .append(html(c.key().address())).append("</code></summary>\n\n")
            .append(fence).append("diff\n").append(c.diff().get()).append('\n').append(fence).append("\n\n</details>\n");
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
      list.forEach(d -> out.append("- ").append(html(d.render())).append('\n'));
    }
    if (!plan.isApplyable()) {
      out.append("\n> **This plan cannot be applied:** resolve the errors above.\n");
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("`", "'").replace("\n", " ");
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
