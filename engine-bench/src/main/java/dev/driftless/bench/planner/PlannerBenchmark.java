package dev.driftless.bench.planner;

import dev.driftless.core.plan.Planner;
import dev.driftless.plan.Plan;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 1: one call of {@link Planner#plan} on two whole-tenant snapshots of {@code n} flows per
 * side. Timed: the plan alone, from snapshots as the adapters hand them over (built and
 * fingerprinted in the setup) to the finished plan with its id, order, guards and the diffs of its
 * updates. Not timed: generating the flows and building the snapshots.
 *
 * <p>The fork gets the same 512 MB heap cap as the heap goal, so the time includes the garbage
 * collection a capped heap costs. Warm-up is by iterations of 2 s: at 100k flows an iteration holds
 * one or two plans, so six of them give the JIT a dozen whole plans to compile the hot paths.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PlannerBenchmark {

  @Param({"1000", "10000", "100000"})
  public int n;

  private PlannerInputs inputs;

  @Setup(Level.Trial)
  public void prepare() {
    inputs = PlannerInputs.of(n);
  }

  @Benchmark
  public Plan plan() {
    return Planner.plan(inputs.git(), inputs.kestra(), inputs.policy());
  }
}
