package dev.driftless.kestra.internal.write;

import dev.driftless.kestra.internal.read.KestraState;
import dev.driftless.kestra.internal.read.StateReader;
import dev.driftless.port.CommitResult;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One application of a plan to Kestra. It reads its keys' current state when it begins (in bulk,
 * as the reader does), checks every put before the first write ({@link #preflight()}), performs
 * each write with one call, several at a time, and reads back in bulk. Kestra has no transaction:
 * each write is durable when it returns, and {@link #commit()} has nothing to do.
 */
final class KestraSession implements WriteSession {

  private final StateReader reader;
  private final WriteIntent intent;
  private final KestraState before;
  private final WriteContext context;
  private final Writes writes;
  private volatile boolean closed;
  private volatile boolean committed;

  KestraSession(StateReader reader, WriteIntent intent, KestraState before) {
    this.reader = reader;
    this.intent = intent;
    this.before = before;
    this.context = new WriteContext(reader.context(), before);
    this.writes = new Writes(context);
  }

  @Override
  public Optional<Fingerprint> current(ResourceKey key) {
    if (!intent.keys().contains(key)) {
      throw new IllegalArgumentException(key + " is not part of this session");
    }
    return before.storedFingerprint(key);
  }

  @Override
  public Map<ResourceKey, String> preflight() {
    return Preflight.check(reader.context(), intent, before);
  }

  @Override
  public boolean transactional() {
    return false;
  }

  @Override
  public List<WriteResult> write(List<Write> batch) {
    if (closed || committed) {
      throw new IllegalStateException("the Kestra write session is " + (closed ? "closed" : "committed")
          + "; begin a new one");
    }
    for (Write write : batch) {
      if (!intent.keys().contains(write.key())) {
        throw new IllegalArgumentException(write.key() + " is not part of this session");
      }
    }
    if (batch.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(batch.size(), reader.context().settings().writeConcurrency());
    if (threads == 1) {
      List<WriteResult> results = new ArrayList<>(batch.size());
      batch.forEach(w -> results.add(writes.perform(w)));
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      List<Future<WriteResult>> futures = new ArrayList<>(batch.size());
      for (Write write : batch) {
        futures.add(pool.submit(() -> writes.perform(write)));
      }
      List<WriteResult> results = new ArrayList<>(batch.size());
      for (int i = 0; i < futures.size(); i++) {
        results.add(await(futures.get(i), batch.get(i).key()));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static WriteResult await(Future<WriteResult> future, ResourceKey key) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return WriteResult.failed(key, "interrupted while writing " + key.address() + "; whether it landed is unknown:"
          + " plan again");
    } catch (ExecutionException e) {
      return WriteResult.failed(key, "unexpected failure while writing " + key.address() + ": " + e.getCause());
    }
  }

  @Override
  public CommitResult commit() {
    committed = true;
    return CommitResult.none();
  }

  @Override
  public Map<ResourceKey, Optional<Fingerprint>> readBack(Collection<ResourceKey> keys) {
    KestraState after = KestraWriter.read(reader, keys);
    Map<ResourceKey, Optional<Fingerprint>> out = new HashMap<>();
    for (ResourceKey key : keys) {
      out.put(key, after.storedFingerprint(key));
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "driftless-kestra-write-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
