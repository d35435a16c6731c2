package dev.driftless.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The sizes and repetitions of a run. {@link #full} is what BENCHMARKS.md reports; {@link #quick}
 * runs every scenario at small sizes in a minute or two, to check the harness itself.
 *
 * @param quick whether this is the quick run (its report says so)
 * @param plannerSizes flows per side for the planner (scenario 1)
 * @param heapSize flows per side for the heap probe
 * @param jmhWarmups JMH warm-up iterations (2 s each)
 * @param jmhIterations JMH measured iterations (2 s each)
 * @param gitFlows flows in the repository read (scenario 2) and written to (scenario 3)
 * @param gitChanged files changed by the commit of scenario 3
 * @param kestraFlows flows on the emulator (scenario 4)
 * @param e2eFlows flows per side of the end-to-end plan (scenario 5)
 * @param warmups warm-up rounds of the whole-scenario runs
 * @param readWarmups warm-up rounds of the Git read (scenario 2), whose rounds are short and many:
 *     enough for the JIT to settle on the read path, as it has in a long-running embedder
 * @param rounds measured rounds of the whole-scenario runs
 * @param pluginRounds measured rounds of the plugin's request pattern, whose no-op run alone takes
 *     seconds
 * @param work the directory for repositories and clones
 * @param driftlessJar the shaded jar of the driftless command
 */
public record Settings(
    boolean quick,
    List<Integer> plannerSizes,
    int heapSize,
    int jmhWarmups,
    int jmhIterations,
    int gitFlows,
    int gitChanged,
    int kestraFlows,
    int e2eFlows,
    int warmups,
    int readWarmups,
    int rounds,
    int pluginRounds,
    Path work,
    Path driftlessJar) {

  public Settings {
    plannerSizes = List.copyOf(plannerSizes);
  }

  public static Settings full(Path work, Path driftlessJar) {
    return new Settings(false, List.of(1_000, 10_000, 100_000), 100_000, 6, 5, 10_000, 1_000, 1_000, 10_000, 2, 15, 7,
        3, work, driftlessJar);
  }

  public static Settings quick(Path work, Path driftlessJar) {
    return new Settings(true, List.of(1_000, 5_000), 5_000, 1, 2, 1_000, 100, 100, 1_000, 1, 1, 2, 1, work, driftlessJar);
  }
}
