package dev.driftless.presets.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReconcilerTest {

  @Test
  void pokesDuringARun_coalesceIntoOneMoreRun_andRunsNeverOverlap() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    List<Reconciler.Run<Integer>> runs = new CopyOnWriteArrayList<>();
    CountDownLatch twoRuns = new CountDownLatch(2);
    try (Reconciler<Integer> reconciler = Reconciler.every(Duration.ofHours(1), () -> {
      int n = calls.incrementAndGet();
      maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      if (n == 1) {
        firstStarted.countDown();
        release.await(10, TimeUnit.SECONDS);
      }
      concurrent.decrementAndGet();
      return n;
    })) {
      reconciler.onRun(run -> {
        runs.add(run);
        twoRuns.countDown();
      });
      assertTrue(reconciler.poke());
      assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
      assertTrue(reconciler.isRunning());
      assertTrue(reconciler.poke(), "the first poke during a run queues one more run");
      for (int i = 0; i < 5; i++) {
        assertFalse(reconciler.poke(), "later pokes coalesce into the queued run");
      }
      release.countDown();
      assertTrue(twoRuns.await(10, TimeUnit.SECONDS));
      Thread.sleep(200);
      assertEquals(2, calls.get());
      assertEquals(1, maxConcurrent.get());
      assertEquals(2L, reconciler.last().orElseThrow().number());
      assertEquals(Reconciler.Trigger.POKE, reconciler.last().orElseThrow().trigger());
    }
  }

  @Test
  void pokesRacingAClose_areRefusedQuietly_neverThrow() throws Exception {
    for (int round = 0; round < 200; round++) {
      Reconciler<Integer> reconciler = Reconciler.every(Duration.ofHours(1), () -> 1);
      List<Throwable> thrown = new CopyOnWriteArrayList<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> pokers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Thread poker = new Thread(() -> {
          try {
            go.await();
            for (int i = 0; i < 50; i++) {
              reconciler.poke();
            }
          } catch (Throwable e) {
            thrown.add(e);
          }
        });
        poker.start();
        pokers.add(poker);
      }
      go.countDown();
      reconciler.close();
      for (Thread poker : pokers) {
        poker.join(10_000);
      }
      assertEquals(List.of(), thrown, "round " + round);
      assertFalse(reconciler.poke(), "a closed reconciler takes no poke");
    }
  }

  @Test
  void runsOnASchedule_andKeepsTheLastFailure() throws Exception {
    CountDownLatch threeRuns = new CountDownLatch(3);
    try (Reconciler<String> reconciler = Reconciler.every(Duration.ofMillis(20), () -> {
      threeRuns.countDown();
      throw new IllegalStateException("Kestra at http://127.0.0.1:1 did not answer");
    })) {
      reconciler.start();
      assertTrue(threeRuns.await(10, TimeUnit.SECONDS));
      Thread.sleep(50);
      Reconciler.Run<String> last = reconciler.last().orElseThrow();
      assertEquals(Reconciler.Trigger.SCHEDULE, last.trigger());
      assertTrue(last.failure().orElseThrow().contains("did not answer"));
      assertTrue(last.result().isEmpty());
    }
  }

  @Test
  void whenPoked_runsOnlyOnPokes_andHasNoScheduleToStart() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch ran = new CountDownLatch(1);
    try (Reconciler<Integer> reconciler = Reconciler.whenPoked(() -> {
      ran.countDown();
      return calls.incrementAndGet();
    })) {
      IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          reconciler::start);
      assertTrue(refused.getMessage().contains("runs only when poked"), refused.getMessage());

      assertTrue(reconciler.poke());
      assertTrue(ran.await(10, TimeUnit.SECONDS));
    }
    assertEquals(1, calls.get());
  }
}
