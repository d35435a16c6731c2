package dev.driftless.cli;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.render.PlanMarkdown;
import dev.driftless.core.render.PlanText;
import dev.driftless.core.render.RenderOptions;
import dev.driftless.plan.Plan;
import picocli.CommandLine.Option;

/** How a plan is printed. */
final class OutputOptions {

  enum Format { text, json, markdown }

  @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(names = "--no-diff", description = "Leave diffs out of the text output.")
  boolean noDiff;

  void print(Console console, Plan plan) {
    console.out().print(render(plan, console.color()));
    console.out().flush();
  }

  String render(Plan plan, boolean color) {
    return switch (format) {
      case text -> PlanText.render(plan, RenderOptions.plain().withColor(color).withDiffs(!noDiff));
      case json -> PlanJson.write(plan);
      case markdown -> PlanMarkdown.render(plan);
    };
  }
}
