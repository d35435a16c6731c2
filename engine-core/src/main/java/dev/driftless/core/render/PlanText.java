package dev.driftless.core.render;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.SnapshotRef;
import dev.driftless.policy.Guards;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plan as text, like {@code terraform plan}: what was compared, a legend of the symbols used, one
 * line per change with its reason and its diff, the diagnostics, and the summary line.
 *
 * <p>Every name, message and line of a diff is drawn through {@link VisibleText}, so that nothing
 * read from a side can move the cursor, rewrite a line or hide itself; the only escape sequences in
 * the output are the colours Driftless adds.
 */
public final class PlanText {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final Map<Action, String> COLORS = Map.of(
      Action.CREATE, "\u001b[32m", Action.UPDATE, "\u001b[33m", Action.DELETE, "\u001b[31m",
      Action.NO_OP, "", Action.KEEP, "\u001b[36m", Action.PROTECTED, "\u001b[35m", Action.BLOCKED, "\u001b[1;31m");
  private static final Map<Action, String> LEGEND = Map.of(
      Action.CREATE, "create", Action.UPDATE, "update", Action.DELETE, "delete",
      Action.NO_OP, "unchanged", Action.KEEP, "keep (missing in the source, kept by policy)",
      Action.PROTECTED, "protected (a deletion refused in a protected namespace)",
      Action.BLOCKED, "blocked (not written: see the reason)");

  private PlanText() {}

  public static String render(Plan plan) {
    return render(plan, RenderOptions.plain());
  }

  public static String render(Plan plan, RenderOptions options) {
    Style style = new Style(options.color());
    StringBuilder out = new StringBuilder();
    out.append(style.bold("Driftless plan " + VisibleText.of(plan.id()))).append('\n');
    out.append("  Source of truth: ").append(sourceOfTruth(plan)).append('\n');
    out.append("  Git:    ").append(describe(plan.git())).append('\n');
    out.append("  Kestra: ").append(describe(plan.kestra())).append('\n');

    List<Change> shown = plan.changes().stream()
        .filter(c -> options.unchanged() || c.action() != Action.NO_OP).toList();
    if (!shown.isEmpty()) {
      Set<Action> used = EnumSet.noneOf(Action.class);
      shown.forEach(c -> used.add(c.action()));
      out.append("\nResource actions are indicated with the following symbols:\n");
      for (Action action : used) {
        out.append("  ").append(style.color(action, action.symbol())).append(' ').append(LEGEND.get(action)).append('\n');
      }
      boolean bothSides = shown.stream().map(Change::side).distinct().count() > 1;
      out.append("\nDriftless will perform the following actions:\n");
      int width = shown.stream().mapToInt(c -> VisibleText.of(c.key().address()).length()).max().orElse(0);
      for (Change c : shown) {
        out.append('\n');
        String address = VisibleText.of(c.key().address());
        out.append("  ").append(style.color(c.action(), c.action().symbol() + " " + address))
            .append(" ".repeat(Math.max(1, width - address.length() + 2)))
            .append(c.describeReason());
        if (bothSides) {
          out.append(" [-> ").append(c.side().displayName()).append(']');
        }
        if (!c.sourceKey().equals(c.key())) {
          out.append(" (from ").append(VisibleText.of(c.sourceKey().namespace())).append(')');
        }
        sinceBaseline(plan, c).ifPresent(since -> out.append(" (since the last sync: ").append(since).append(')'));
        out.append('\n');
        if (options.diffs() && c.diff().isPresent()) {
          for (String line : c.diff().get().text().split("\n", -1)) {
            out.append("      ").append(style.diffLine(VisibleText.line(line))).append('\n');
          }
        }
      }
    }

    appendDiagnostics(out, plan.diagnostics(), style);
    out.append('\n').append(style.bold(plan.summary().line())).append('\n');
    if (plan.isHeldOnlyByGuards()) {
      out.append(style.color(Action.BLOCKED, "This plan is held back by the mass-deletion guard: it applies only once "
          + "approved, as the error above says.")).append('\n');
    } else if (!plan.isApplyable()) {
      out.append(style.color(Action.BLOCKED, "This plan cannot be applied: resolve the errors above.")).append('\n');
    } else if (!plan.hasWrites() && plan.movesBaseline()) {
      out.append("Nothing to write; applying records the baseline (what both sides now hold alike).\n");
    } else if (!plan.hasWrites()) {
      out.append(plan.summary().keep() + plan.summary().blocked() + plan.summary().protect() == 0
          ? "No changes. Git and Kestra are in sync.\n"
          : "Nothing to write.\n");
    }
    return out.toString();
  }

  static void appendDiagnostics(StringBuilder out, List<Diagnostic> diagnostics, Style style) {
    Map<Severity, StringBuilder> bySeverity = new TreeMap<>();
    for (Diagnostic d : diagnostics) {
      StringBuilder block = bySeverity.computeIfAbsent(d.severity(), s -> new StringBuilder());
      String indent = "  ";
      for (String line : lines(d)) {
        block.append(indent).append(d.severity() == Severity.ERROR ? style.color(Action.BLOCKED, line) : line)
            .append('\n');
        indent = "    ";
      }
    }
    bySeverity.forEach((severity, lines) -> out.append('\n').append(switch (severity) {
      case ERROR -> "Errors:";
      case WARNING -> "Warnings:";
      case INFO -> "Notes:";
    }).append('\n').append(lines));
  }

  /**
   * A diagnostic as {@link Diagnostic#render()} draws it, escaped: its names (file, key, field) on
   * the first line with every hidden character escaped, then its message, one line each, since a
   * side's words may run over several lines.
   */
  static List<String> lines(Diagnostic d) {
    StringBuilder first = new StringBuilder(d.severity().label()).append(": ");
    d.side().ifPresent(s -> first.append('[').append(s.displayName()).append("] "));
    d.file().ifPresent(f -> {
      first.append(VisibleText.of(f));
      d.line().ifPresent(l -> first.append(':').append(l));
      first.append(": ");
    });
    d.key().ifPresent(k -> first.append(VisibleText.of(k.address())).append(": "));
    // The guard's marker field names no setting a user wrote; its message names the settings.
    d.field().filter(f -> !f.equals(Guards.FIELD)).ifPresent(f -> first.append("field '").append(VisibleText.of(f)).append("': "));
    List<String> lines = new ArrayList<>();
    for (String line : d.message().split("\r?\n", -1)) {
      lines.add(VisibleText.line(line));
    }
    while (lines.size() > 1 && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    lines.set(0, first + lines.get(0));
    return lines;
  }

  /**
   * For a change of a two-way plan, what each side did since the baseline ({@code Git edited, Kestra
   * unchanged}); empty for a one-way change.
   */
  static java.util.Optional<String> sinceBaseline(Plan plan, Change change) {
    return plan.reconciliation(change.key()).map(r -> r.describe());
  }

  static String sourceOfTruth(Plan plan) {
    if (plan.isTwoWay()) {
      String baseline = plan.baseline().get();
      StringBuilder out = new StringBuilder("both (two-way, onConflict: ").append(plan.policy().onConflict())
          .append(", ").append(baseline.equals("none") ? "first sync: no baseline yet"
              : "baseline " + VisibleText.of(baseline.substring(baseline.indexOf(':') + 1, Math.min(baseline.length(),
                  baseline.indexOf(':') + 13)))).append(')');
      Map<ResourceKind, Side> overrides = new TreeMap<>(plan.policy().sourceOfTruthByKind());
      for (Map.Entry<ResourceKind, Side> e : overrides.entrySet()) {
        out.append("; ").append(e.getKey().label()).append("s from ").append(e.getValue().displayName());
      }
      return out.toString();
    }
    StringBuilder out = new StringBuilder(plan.policy().sourceOfTruth().displayName());
    Map<ResourceKind, Side> overrides = new TreeMap<>(plan.policy().sourceOfTruthByKind());
    overrides.entrySet().removeIf(e -> e.getValue() == plan.policy().sourceOfTruth());
    if (!overrides.isEmpty()) {
      out.append(" (");
      String sep = "";
      for (Map.Entry<ResourceKind, Side> e : overrides.entrySet()) {
        out.append(sep).append(e.getKey().label()).append("s from ").append(e.getValue().displayName());
        sep = ", ";
      }
      out.append(')');
    }
    return out.toString();
  }

  static String describe(SnapshotRef ref) {
    return VisibleText.of(ref.identity()) + " (" + VisibleText.of(ref.scope().describe()) + ")";
  }

  /** ANSI styling, or none. */
  static final class Style {
    private final boolean on;

    Style(boolean on) {
      this.on = on;
    }

    String bold(String text) {
      return on ? BOLD + text + RESET : text;
    }

    String color(Action action, String text) {
      String code = COLORS.get(action);
      return on && !code.isEmpty() ? code + text + RESET : text;
    }

    String diffLine(String line) {
      if (!on || line.startsWith("+++") || line.startsWith("---")) {
        return on ? BOLD + line + RESET : line;
      }
      if (line.startsWith("+")) {
        return COLORS.get(Action.CREATE) + line + RESET;
      }
      if (line.startsWith("-")) {
        return COLORS.get(Action.DELETE) + line + RESET;
      }
      if (line.startsWith("@@")) {
        return "\u001b[36m" + line + RESET;
      }
      return line;
    }
  }
}
