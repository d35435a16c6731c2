package dev.driftless.kestra.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.KestraApiException;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.port.DriftlessException;
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

  private final ReadContext ctx;
  private final Fetches fetches;
  private final StateBuilder out;
  private final Map<String, Fetches.Fetch<Exported>> exports = new TreeMap<>();

  /** One namespace's export: its entries, or the 404 it answered (what that means is decided at the end). */
  private record Exported(List<ZipEntries.Entry> entries, Optional<KestraApiException> notFound) {}

  FilesRead(ReadContext ctx, Fetches fetches, StateBuilder out) {
    this.ctx = ctx;
    this.fetches = fetches;
    this.out = out;
  }

  /** Starts exporting the files of these namespaces (those already started are not exported again). */
  void export(Collection<String> namespaces) {
    for (String namespace : new TreeSet<>(namespaces)) {
      exports.computeIfAbsent(namespace, ns -> fetches.submit(() -> fetch(ns)));
    }
  }

  /**
   * Adds what every export holds, in the namespaces' sorted order, whatever order they were started
   * or ended in; the first failing export in that order fails the read, as if they were read one
   * after another. Kestra exports an empty archive for a namespace without files, so a 404 on an
   * export comes from something in front of it and fails the read rather than stand for "no files";
   * only on Enterprise, where namespaces exist explicitly, does a 404 on a namespace Kestra does not
   * list ({@code listed}: one only the other side holds) mean that Kestra holds nothing there.
   */
  void finish(Set<String> listed) {
    try {
      for (Map.Entry<String, Fetches.Fetch<Exported>> e : exports.entrySet()) {
        String namespace = e.getKey();
        Exported exported = e.getValue().await();
        if (exported.notFound().isPresent()) {
          boolean isListed = listed.contains(namespace);
          if (isListed || !ctx.server().isEnterprise()) {
            throw new DriftlessException(what(namespace) + " answered 404 Not Found, though Kestra exports an empty"
                + " archive for" + (isListed ? " a namespace it lists" : " any namespace") + ": something in front"
                + " of Kestra may have answered; nothing is planned from it", exported.notFound().get());
          }
          // An Enterprise namespace that does not exist: Kestra holds no file there.
          continue;
        }
        add(namespace, exported.entries());
      }
    } finally {
      exports.values().forEach(Fetches.Fetch::cancel);
    }
  }

  private Exported fetch(String namespace) {
    ApiCall export = ApiCall.of(Operation.EXPORT_NAMESPACE_FILES, ApiCall.path("namespaces", namespace, "files", "export"));
    String what = what(namespace);
    try {
      return new Exported(ctx.client().download(export, in -> out.export(ctx, in, what)), Optional.empty());
    } catch (KestraApiException e) {
      if (e.error().status() != 404) {
        throw e;
      }
      return new Exported(List.of(), Optional.of(e));
    }
  }

  private static String what(String namespace) {
    return "Kestra's namespace file export of namespace " + namespace;
  }

  /** Adds what one namespace's export holds: its files, and its unreadable entries with their warnings. */
  private void add(String namespace, List<ZipEntries.Entry> entries) {
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
