package dev.driftless.bench.kestra;

import dev.driftless.bench.report.Goal;
import dev.driftless.bench.report.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Scenario 6: the plugin's tasks inside Kestra's runtime. The plugin is Java 21 and runs in Kestra's
 * test runtime, so this scenario is measured outside the harness, by engine-kestra-plugin's
 * {@code PluginTaskBenchmark} on a JDK 21 or newer ({@code bench/run} runs it first), which writes
 * its section as a fragment: a {@code title} line, {@code goal} lines (tab-separated: scenario,
 * goal, figure, {@code met} or {@code not met}), a {@code ---} line, then the section's Markdown.
 * This class only reads that fragment into the report.
 */
public final class PluginTaskReport {

  static final String TITLE = "6. The plugin's tasks inside Kestra";
  private static final String SCENARIO = "6. Plugin task";

  private PluginTaskReport() {}

  /** The section from the fragment, or one saying why it was not measured. */
  public static Section section(Optional<Path> fragment) throws IOException {
    if (fragment.isEmpty() || !Files.isRegularFile(fragment.get())) {
      return notMeasured(fragment.isEmpty()
          ? "No JDK 21 or newer was found, and the plugin (Java 21, as Kestra 1.x plugins are) needs one: set "
              + "`JDK21_HOME` for `bench/run`."
          : "The plugin's benchmark wrote no figures (`" + fragment.get() + "` is missing): see `bench/run`'s output.");
    }
    List<String> lines = Files.readAllLines(fragment.get());
    int separator = lines.indexOf("---");
    if (lines.isEmpty() || !lines.get(0).startsWith("title\t") || separator < 0) {
      throw new IllegalArgumentException("the plugin task fragment " + fragment.get()
          + " is not what PluginTaskBenchmark writes: it needs a title line, goal lines and a --- line");
    }
    Section section = new Section(lines.get(0).substring("title\t".length()));
    for (String line : lines.subList(1, separator)) {
      String[] f = line.split("\t", -1);
      if (f.length != 5 || !f[0].equals("goal")) {
        throw new IllegalArgumentException("the plugin task fragment " + fragment.get() + " has a goal line of "
            + f.length + " fields, not 5: " + line);
      }
      section.goal(new Goal(f[1], f[2], f[3], switch (f[4]) {
        case "met" -> Goal.Status.MET;
        case "not met" -> Goal.Status.NOT_MET;
        default -> throw new IllegalArgumentException("the plugin task fragment " + fragment.get()
            + " gives a goal the verdict '" + f[4] + "'; it must be 'met' or 'not met'");
      }));
    }
    section.text(String.join("\n", lines.subList(separator + 1, lines.size())));
    return section;
  }

  private static Section notMeasured(String why) {
    Section section = new Section(TITLE);
    section.text("Not measured in this run. " + why);
    for (String goal : List.of("no-op SyncFlows: at most 5 Kestra requests, none per flow",
        "no-op SyncFlows in at most 1 s", "no-op NamespaceSync: at most 5 Kestra requests, none per flow",
        "no-op NamespaceSync in at most 1 s")) {
      section.goal(new Goal(SCENARIO, goal, "—", Goal.Status.NOT_MEASURED));
    }
    return section;
  }
}
