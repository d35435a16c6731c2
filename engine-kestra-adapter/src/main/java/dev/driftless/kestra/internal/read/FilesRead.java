package dev.driftless.kestra.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.KestraApiException;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reads namespace files: one export ZIP per namespace, which holds every file recursively. Entries
 * under {@code _flows/} are flows (Kestra 0.20 exported them there) and are skipped. Every path is
 * checked, as the archive names it, by the rule every side shares ({@link ResourceKey#pathProblem}:
 * no {@code ..}, {@code .} or empty segment, not absolute, no backslash, no control character, no
 * {@code .git}); it is never normalised into another path. A path that fails, or a file over the
 * size limit, is a diagnostic and an unreadable entry of its namespace, so that it can never turn
 * into a deletion, nor be written anywhere.
 */
final class FilesRead {

  private static final String FLOWS_FOLDER = "_flows";

  private FilesRead() {}

  /**
   * Reads the files of {@code namespaces}. Kestra exports an empty archive for a namespace without
   * files, so a 404 on an export comes from something in front of it and fails the read rather than
   * stand for "no files"; only on Enterprise, where namespaces exist explicitly, does a 404 on a
   * namespace Kestra does not list ({@code listed}: one only the other side holds) mean that Kestra
   * holds nothing there.
   */
  static void read(ReadContext ctx, Collection<String> namespaces, Set<String> listed, StateBuilder out) {
    read(ctx, namespaces, Set::of, listed, out);
  }

  /**
   * Reads the files of {@code namespaces} and of those {@code more} adds, which it is asked for once
   * the others' exports are under way (it may wait for the other side's read). Up to the settings'
   * {@code readConcurrency} exports are fetched at the same time; what they hold is added in the
   * namespaces' sorted order, and the first failing export in that order fails the read, as if they
   * were read one after another.
   */
  static void read(ReadContext ctx, Collection<String> namespaces, Supplier<Set<String>> more, Set<String> listed,
      StateBuilder out) {
    int concurrency = ctx.settings().readConcurrency();
    if (concurrency == 1) {
      TreeSet<String> all = new TreeSet<>(namespaces);
      all.addAll(more.get());
      for (String namespace : all) {
        add(ctx, namespace, export(ctx, namespace, listed.contains(namespace), out), out);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads());
    try {
      Map<String, Future<List<ZipEntries.Entry>>> exports = new TreeMap<>();
      for (String namespace : new TreeSet<>(namespaces)) {
        exports.put(namespace, submit(pool, ctx, namespace, listed, out));
      }
      for (String namespace : more.get()) {
        if (!exports.containsKey(namespace)) {
          exports.put(namespace, submit(pool, ctx, namespace, listed, out));
        }
      }
      for (Map.Entry<String, Future<List<ZipEntries.Entry>>> export : exports.entrySet()) {
        add(ctx, export.getKey(), await(export.getValue(), ctx, export.getKey()), out);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Future<List<ZipEntries.Entry>> submit(ExecutorService pool, ReadContext ctx, String namespace,
      Set<String> listed, StateBuilder out) {
    boolean isListed = listed.contains(namespace);
    return pool.submit(() -> export(ctx, namespace, isListed, out));
  }

  private static List<ZipEntries.Entry> await(Future<List<ZipEntries.Entry>> export, ReadContext ctx,
      String namespace) {
    try {
      return export.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SideUnavailableException("interrupted while reading the namespace files of " + namespace + " from "
          + ctx.server().describeShort(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new DriftlessException("reading the namespace files of " + namespace + " failed: " + cause, cause);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "driftless-kestra-read-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One namespace's export: its entries, or none where a 404 means that Kestra holds nothing there. */
  private static List<ZipEntries.Entry> export(ReadContext ctx, String namespace, boolean listed, StateBuilder out) {
    ApiCall export = ApiCall.of(Operation.EXPORT_NAMESPACE_FILES, ApiCall.path("namespaces", namespace, "files", "export"));
    String what = "Kestra's namespace file export of namespace " + namespace;
    try {
      return ctx.client().download(export, in -> out.export(ctx, in, what));
    } catch (KestraApiException e) {
      if (e.error().status() != 404) {
        throw e;
      }
      if (listed || !ctx.server().isEnterprise()) {
        throw new DriftlessException(what + " answered 404 Not Found, though Kestra exports an empty archive for"
            + (listed ? " a namespace it lists" : " any namespace") + ": something in front of Kestra may have"
            + " answered; nothing is planned from it", e);
      }
      // An Enterprise namespace that does not exist: Kestra holds no file there.
      return List.of();
    }
  }

  /** Adds what one namespace's export holds: its files, and its unreadable entries with their warnings. */
  private static void add(ReadContext ctx, String namespace, List<ZipEntries.Entry> entries, StateBuilder out) {
    long limit = ctx.settings().namespaceFileSizeLimit();
    for (ZipEntries.Entry entry : entries) {
      String raw = entry.name();
      if (raw.equals(FLOWS_FOLDER) || raw.startsWith(FLOWS_FOLDER + "/")) {
        continue;
      }
      Optional<String> problem = ResourceKey.pathProblem(raw);
      String origin = ctx.where(ApiCall.path("namespaces", namespace, "files")) + "?path=/" + printable(raw);
      if (problem.isPresent()) {
        String why = "namespace file path '" + printable(raw) + "' " + problem.get();
        out.diagnostic(Diagnostic.warning(why + ": it is left alone and no file of namespace " + namespace
            + " is deleted while it is there").inFile(origin));
        out.unreadable(new SnapshotEntry.Unreadable(ResourceKind.NAMESPACE_FILE, namespace, Optional.empty(),
            SnapshotEntry.Failure.UNREADABLE, why, Optional.of(origin), OptionalInt.empty()), Optional.empty());
        continue;
      }
      ResourceKey key = ResourceKey.namespaceFile(namespace, raw);
      if (entry.tooLarge()) {
        String why = "is larger than the size limit of " + limit + " bytes (namespaceFileSizeLimit, --max-file-size)";
        out.diagnostic(Diagnostic.warning("namespace file " + why + ": it is left alone").forKey(key).inFile(origin));
        out.unreadable(SnapshotEntry.Unreadable.of(key, SnapshotEntry.Failure.UNREADABLE, why).withOrigin(origin),
            Optional.empty());
        continue;
      }
      out.present(new Resource(key, Content.of(entry.content().orElseThrow()), Optional.empty(), Optional.of(origin)));
    }
  }

  /** The path with control characters escaped, for messages. */
  static String printable(String raw) {
    StringBuilder outText = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        outText.append(String.format("\\u%04x", (int) c));
      } else {
        outText.append(c);
      }
    }
    return outText.toString();
  }
}
