package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The read a command starts before it connects to Kestra is the one its loop takes, once. */
@Timeout(30)
class EarlyReadTest {

  private static final Scope TENANT = Scope.tenant(EnumSet.of(ResourceKind.FLOW));
  private static final Scope DEV = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW));

  /** A Git reader that counts its reads and says on which thread each ran. */
  private static final class Counting implements SnapshotReader {
    final AtomicInteger reads = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch firstStarted = new CountDownLatch(1);

    @Override
    public Side side() {
      return Side.GIT;
    }

    @Override
    public Snapshot read(Scope scope) {
      threads.add(Thread.currentThread().getName());
      firstStarted.countDown();
      int n = reads.incrementAndGet();
      return Snapshot.builder().side(Side.GIT).scope(scope).identity("read-" + n).build();
    }
  }

  /** A Git reader that reads as told. */
  private static SnapshotReader git(Function<Scope, Snapshot> read) {
    return new SnapshotReader() {
      @Override
      public Side side() {
        return Side.GIT;
      }

      @Override
      public Snapshot read(Scope scope) {
        return read.apply(scope);
      }
    };
  }

  @Test
  void theFirstReadOfItsScope_isTheOneStartedEarly_onItsOwnThread_andLaterReadsAreNew() throws Exception {
    Counting git = new Counting();
    try (EarlyRead early = EarlyRead.start(git, TENANT)) {
      assertTrue(git.firstStarted.await(10, TimeUnit.SECONDS), "the read starts before anyone asks for it");
      Snapshot first = early.read(TENANT);
      assertEquals("read-1", first.identity());
      assertEquals(1, git.reads.get(), "taking the early read reads nothing more");
      assertNotEquals(Thread.currentThread().getName(), git.threads.get(0));
      Snapshot second = early.read(TENANT);
      assertEquals("read-2", second.identity(), "a later read reads the side again");
      assertEquals(Thread.currentThread().getName(), git.threads.get(1));
    }
  }

  @Test
  void aReadOfAnotherScope_isTheSidesOwn() throws Exception {
    Counting git = new Counting();
    try (EarlyRead early = EarlyRead.start(git, TENANT)) {
      git.firstStarted.await(10, TimeUnit.SECONDS);
      assertEquals(DEV, early.read(DEV).scope());
      assertEquals(TENANT, early.read(TENANT).scope());
      assertEquals(2, git.reads.get());
    }
  }

  @Test
  void whatTheEarlyReadThrew_isThrownUnchanged_whenItIsTaken() {
    SideUnavailableException failure = new SideUnavailableException("Git server at http://127.0.0.1:1 is not reachable");
    try (EarlyRead early = EarlyRead.start(git(scope -> {
      throw failure;
    }), TENANT)) {
      assertSame(failure, assertThrows(SideUnavailableException.class, () -> early.read(TENANT)));
    }
  }

  @Test
  void closingBeforeTheReadIsTaken_interruptsIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    EarlyRead early = EarlyRead.start(git(scope -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      throw new SideUnavailableException("stopped");
    }), TENANT);
    assertTrue(started.await(10, TimeUnit.SECONDS));
    early.close();
    assertTrue(interrupted.await(10, TimeUnit.SECONDS), "a read nobody will take is stopped");
  }
}
