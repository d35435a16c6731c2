package dev.driftless.bench.report;

import dev.driftless.bench.Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Puts BENCHMARKS.md together: when and how it was measured, the summary of the goals, the machine, the scenarios. */
public final class Report {

  /** The command that builds what it needs, runs everything and writes BENCHMARKS.md. */
  public static final String COMMAND = "bench/run";

  private final Settings settings;
  private final Machine machine;
  private final Optional<String> commit;
  private final Instant started;
  private final Duration took;
  private final String loadBefore;
  private final OptionalDouble othersShare;
  private final String loadAfter;
  private final boolean complete;
  private final Optional<String> note;

  public Report(Settings settings, Machine machine, Optional<String> commit, Instant started, Duration took,
      String loadBefore, String loadAfter, OptionalDouble othersShare, boolean complete, Optional<String> note) {
    this.settings = settings;
    this.machine = machine;
    this.commit = commit;
    this.started = started;
    this.took = took;
    this.loadBefore = loadBefore;
    this.othersShare = othersShare;
    this.loadAfter = loadAfter;
    this.complete = complete;
    this.note = note;
  }

  /** Above this share of CPU time used by other processes, a run is said to be noisy. */
  private static final double BUSY = 0.10;

  public String markdown(List<Section> sections) {
    StringBuilder out = new StringBuilder("# Benchmarks\n\n");
    out.append(String.format(Locale.ROOT, "Measured on %s UTC by `%s`%s, in %d min %d s. ",
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(started.atOffset(ZoneOffset.UTC)), COMMAND,
        settings.quick() ? " --quick (small sizes: a check of the harness, not figures to quote)" : "",
        took.toMinutes(), took.toSecondsPart()));
    commit.ifPresent(c -> out.append("Code measured: commit `").append(c).append("`. "));
    out.append(String.format(Locale.ROOT, "Load average (1, 5, 15 min) before the run: %s; after: %s, on %d CPUs.",
        loadBefore, loadAfter, machine.cpus()));
    if (othersShare.isPresent()) {
      double share = othersShare.getAsDouble();
      out.append(String.format(Locale.ROOT, " Other processes used %.0f%% of the machine's CPU time during the run.",
          share * 100));
      if (share > BUSY) {
        out.append(" **That is enough to make the timings noisier and slower than the code alone would give; "
            + "re-run on a quiet machine before quoting them.**");
      }
    }
    out.append("\n\n");
    note.ifPresent(n -> out.append("Conditions: ").append(n.strip()).append("\n\n"));
    if (!complete) {
      out.append("Only some scenarios were run (`--only`).\n\n");
    }
    out.append("""
        To reproduce, from the repository root (Java 17+, `git` on the PATH, and a JDK 21 or newer for scenario 6;
        about 15 minutes on 2 cores):

        ```sh
        bench/run            # builds engine-bench and the driftless jar (-Pbench), runs everything, writes BENCHMARKS.md
        bench/run --quick    # the same at small sizes, in a few minutes: checks the harness, not for quoting
        ```

        The benchmarks live in the `engine-bench` module, which only the `bench` Maven profile builds: `./mvnw
        verify` neither builds nor runs them. Every comparison below was measured side by side in this one run.

        """);

    Table summary = Table.of("scenario", "goal", "this run", "verdict");
    for (Section s : sections) {
      for (Goal g : s.goals()) {
        summary.row(g.scenario(), g.goal(), g.measured(), g.verdict());
      }
    }
    out.append("## Summary\n\n").append(summary.markdown()).append('\n');
    out.append("## Machine\n\n").append(machine.table().markdown()).append('\n');
    out.append("""
        ## How the figures were taken

        - **JMH** (scenario 1) where the code under test is a pure, short computation whose cost depends on the
          JIT and the collector: warm-up iterations, measured iterations, a forked JVM, the 99.9% confidence
          error.
        - **A harness** (scenarios 2–5) for whole runs that touch processes, files, sockets and child JVMs:
          every variant of a scenario runs once per round, the order rotating from round to round, so that a
          slow spell of the machine falls on all of them alike; warm-up rounds are dropped; the median is
          reported with the fastest and slowest run. Only the action itself is timed; preparing and cleaning up
          (creating repositories, putting the emulator's state back, moving a branch back) is not.
        - **The plugin's benchmark** (scenario 6), in engine-kestra-plugin on a JDK 21 or newer, before the
          harness: the same interleaved rounds and medians, timing each task's `run` in Kestra's own runtime.
        - Ratios are of medians. The work of each variant is checked after every run (untimed): entries read,
          files committed and pushed, flows Kestra holds, the plan's summary line.

        """);
    for (Section s : sections) {
      out.append(s.markdown());
    }
    return out.toString().replaceAll("\n{3,}", "\n\n");
  }


}
