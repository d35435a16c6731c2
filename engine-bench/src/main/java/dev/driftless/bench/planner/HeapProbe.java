package dev.driftless.bench.planner;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.driftless.core.plan.Planner;
import dev.driftless.plan.Plan;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Scenario 1's heap figures, run in a JVM of its own started with the heap cap under test
 * ({@code -Xmx512m}): builds the inputs for {@code n} flows per side, then plans three times and
 * reports, one {@code key=value} per line, what the heap held. Finishing at all proves the cap is
 * enough; the figures say by how much:
 *
 * <ul>
 *   <li>{@code inputs.live}: the heap the two snapshots hold, after a full collection;
 *   <li>{@code peak.live}: the most the heap held right after any collection while planning (the
 *       high-water mark of live data: inputs, the plan being built, the previous plan);
 *   <li>{@code peak.used}: the most the heap held right before any collection, or at the end (how
 *       full the collector let the heap get; it grows toward the cap when nothing forces it not to);
 *   <li>{@code plan.retained}: the heap one finished plan holds, after a full collection.
 * </ul>
 */
public final class HeapProbe {

  private HeapProbe() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    PlannerInputs inputs = PlannerInputs.of(n);
    long inputsLive = settledUsed();

    AtomicLong peakUsed = new AtomicLong();
    AtomicLong peakLive = new AtomicLong();
    AtomicLong collections = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          return;
        }
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        peakUsed.accumulateAndGet(sum(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        peakLive.accumulateAndGet(sum(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
        collections.incrementAndGet();
      }, null, null);
    }

    Plan plan = null;
    for (int i = 0; i < 3; i++) {
      plan = Planner.plan(inputs.git(), inputs.kestra(), inputs.policy());
    }
    peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    long withPlan = settledUsed();

    System.out.println("n=" + n);
    System.out.println("max.heap=" + Runtime.getRuntime().maxMemory());
    System.out.println("changes=" + plan.changes().size());
    System.out.println("writes=" + plan.summary().writes());
    System.out.println("inputs.live=" + inputsLive);
    System.out.println("peak.live=" + Math.max(peakLive.get(), withPlan));
    System.out.println("peak.used=" + peakUsed.get());
    System.out.println("plan.retained=" + Math.max(0, withPlan - inputsLive));
    System.out.println("collections=" + collections.get());
    Reference.reachabilityFence(inputs);
    Reference.reachabilityFence(plan);
  }

  private static long sum(Map<String, MemoryUsage> pools) {
    long total = 0;
    for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
      if (isHeap(e.getKey())) {
        total += e.getValue().getUsed();
      }
    }
    return total;
  }

  /** The collectors also report non-heap pools (metaspace, code cache); those are not the heap. */
  private static boolean isHeap(String pool) {
    return !(pool.contains("Metaspace") || pool.contains("Code") || pool.contains("Compressed Class"));
  }

  private static long settledUsed() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
