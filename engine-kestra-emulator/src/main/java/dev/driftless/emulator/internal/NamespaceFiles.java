package dev.driftless.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of one namespace: a tree of files with revision histories and explicitly created
 * directories. Paths are normalised absolute paths ({@code /a/b.py}); the root {@code /} always
 * exists. A directory exists when it was created or when a live file lies below it, so deleting
 * the last file of a directory that was never created explicitly makes it vanish, like Kestra's
 * clean-up of empty parents. Deleting keeps the history: re-creating a file continues its
 * revision numbers.
 */
public final class NamespaceFiles {

  /** One stored content of a file. */
  public record FileRevision(int revision, byte[] content, Instant at) {
  }

  /** What a listing or a stats call shows about an entry. */
  public record Attributes(String fileName, boolean directory, long size, Instant created, Instant modified) {
  }

  private static final class History {
    final List<FileRevision> revisions = new ArrayList<>();
    boolean deleted;
    Instant created = Instant.now();
  }

  private final TreeMap<String, History> files = new TreeMap<>();
  private final TreeMap<String, Instant> directories = new TreeMap<>();

  public boolean isEmpty() {
    return files.values().stream().allMatch(h -> h.deleted) && directories.isEmpty();
  }

  /** Writes a new revision of a file. */
  public void put(String path, byte[] content) {
    History history = files.computeIfAbsent(path, p -> new History());
    Instant now = Instant.now();
    if (history.deleted || history.revisions.isEmpty()) {
      history.created = now;
    }
    history.deleted = false;
    history.revisions.add(new FileRevision(history.revisions.size() + 1, content.clone(), now));
  }

  public boolean isFile(String path) {
    History h = files.get(path);
    return h != null && !h.deleted;
  }

  public boolean isDirectory(String path) {
    if (path.equals("/") || directories.containsKey(path)) {
      return true;
    }
    String prefix = path + "/";
    return live().keySet().stream().anyMatch(p -> p.startsWith(prefix))
        || directories.keySet().stream().anyMatch(d -> d.startsWith(prefix));
  }

  /** The latest content of a live file. */
  public Optional<byte[]> read(String path) {
    return latest(path).map(r -> r.content().clone());
  }

  /** One revision of a live file. */
  public Optional<byte[]> read(String path, int revision) {
    History h = files.get(path);
    if (h == null || h.deleted || revision < 1 || revision > h.revisions.size()) {
      return Optional.empty();
    }
    return Optional.of(h.revisions.get(revision - 1).content().clone());
  }

  /** The revision numbers of a live file, oldest first; empty when there is no such file. */
  public List<Integer> revisions(String path) {
    History h = files.get(path);
    if (h == null || h.deleted) {
      return List.of();
    }
    return h.revisions.stream().map(FileRevision::revision).toList();
  }

  /** Creates a directory and its parents. */
  public void mkdir(String path) {
    Instant now = Instant.now();
    for (String dir = path; !dir.equals("/"); dir = parent(dir)) {
      directories.putIfAbsent(dir, now);
    }
  }

  /** The direct children of a directory, directories and files by name. */
  public List<Attributes> children(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    Map<String, Attributes> out = new TreeMap<>();
    for (Map.Entry<String, History> e : files.entrySet()) {
      if (e.getValue().deleted || !e.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = e.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        out.put(rest, fileAttributes(rest, e.getValue()));
      } else {
        String name = rest.substring(0, slash);
        out.putIfAbsent(name, directoryAttributes(prefix + name, name));
      }
    }
    for (String d : directories.keySet()) {
      if (d.startsWith(prefix)) {
        String rest = d.substring(prefix.length());
        String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        out.putIfAbsent(name, directoryAttributes(prefix + name, name));
      }
    }
    return new ArrayList<>(out.values());
  }

  /** A file's or directory's attributes. */
  public Optional<Attributes> attributes(String path) {
    if (isFile(path)) {
      return Optional.of(fileAttributes(name(path), files.get(path)));
    }
    if (isDirectory(path)) {
      return Optional.of(directoryAttributes(path, path.equals("/") ? "" : name(path)));
    }
    return Optional.empty();
  }

  /** Deletes a file, or a directory with everything below it. @return whether anything existed */
  public boolean delete(String path) {
    boolean any = false;
    if (isFile(path)) {
      files.get(path).deleted = true;
      any = true;
    }
    String prefix = path.equals("/") ? "/" : path + "/";
    for (Map.Entry<String, History> e : files.entrySet()) {
      if (!e.getValue().deleted && e.getKey().startsWith(prefix)) {
        e.getValue().deleted = true;
        any = true;
      }
    }
    any |= directories.remove(path) != null;
    any |= directories.keySet().removeIf(d -> d.startsWith(prefix));
    return any;
  }

  /** Moves a file or a directory; {@code to} must not exist. @return whether {@code from} existed */
  public boolean move(String from, String to) {
    if (isFile(from)) {
      put(to, read(from).orElseThrow());
      files.get(from).deleted = true;
      return true;
    }
    if (!isDirectory(from) || from.equals("/")) {
      return false;
    }
    String prefix = from + "/";
    Map<String, byte[]> moved = new LinkedHashMap<>();
    live().forEach((p, content) -> {
      if (p.startsWith(prefix)) {
        moved.put(to + p.substring(from.length()), content);
      }
    });
    List<String> dirs = new ArrayList<>();
    directories.keySet().stream().filter(d -> d.equals(from) || d.startsWith(prefix))
        .forEach(d -> dirs.add(to + d.substring(from.length())));
    delete(from);
    moved.forEach(this::put);
    dirs.forEach(this::mkdir);
    return true;
  }

  /** The latest content of every live file, by path. */
  public Map<String, byte[]> live() {
    Map<String, byte[]> out = new TreeMap<>();
    files.forEach((p, h) -> {
      if (!h.deleted) {
        out.put(p, h.revisions.get(h.revisions.size() - 1).content().clone());
      }
    });
    return out;
  }

  private Optional<FileRevision> latest(String path) {
    History h = files.get(path);
    if (h == null || h.deleted) {
      return Optional.empty();
    }
    return Optional.of(h.revisions.get(h.revisions.size() - 1));
  }

  private static Attributes fileAttributes(String name, History h) {
    FileRevision last = h.revisions.get(h.revisions.size() - 1);
    return new Attributes(name, false, last.content().length, h.created, last.at());
  }

  private Attributes directoryAttributes(String path, String name) {
    Instant created = directories.getOrDefault(path, Instant.now());
    return new Attributes(name, true, 0, created, created);
  }

  /** The parent of a normalised path; the parent of a top-level entry is {@code /}. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
