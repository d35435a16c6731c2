package dev.driftless.git.internal.write;

import dev.driftless.resource.ResourceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Builds a new tree from a base tree and a set of file edits, straight in the object database:
 * only the trees on the edited paths are rewritten, every other entry (whatever its name or mode:
 * links, submodules, names Git itself would refuse) is copied as it is. A folder left empty
 * disappears, as Git has no empty folders.
 */
final class TreeEditor {

  /** What stands at a path of a tree. */
  enum Kind {
    ABSENT,
    FILE,
    FOLDER,
    /** A symbolic link or a submodule. */
    OTHER
  }

  private TreeEditor() {}

  /**
   * The id of the tree {@code base} becomes with {@code edits} (path to new blob, or empty to
   * delete). The caller has checked that no edit runs into a file where a folder is needed.
   *
   * @throws IllegalArgumentException when a path breaks the shared path rule ({@code ..},
   *     {@code .git}, an empty segment): the caller refuses those first, this is the last line
   */
  static ObjectId apply(ObjectReader reader, ObjectInserter inserter, Optional<ObjectId> base,
      Map<String, Optional<ObjectId>> edits) throws IOException {
    for (String path : edits.keySet()) {
      ResourceKey.pathProblem(path).ifPresent(p -> {
        throw new IllegalArgumentException("refused to write " + path + " into a tree: the path " + p);
      });
    }
    Optional<ObjectId> tree = edit(reader, inserter, base, edits);
    return tree.isPresent() ? tree.get() : inserter.insert(new TreeFormatter());
  }

  /** What stands at {@code path}: for each folder on the way too, the first that is not a folder decides. */
  static Located locate(ObjectReader reader, Optional<ObjectId> root, String path) throws IOException {
    if (root.isEmpty()) {
      return new Located(Kind.ABSENT, path);
    }
    ObjectId tree = root.get();
    String[] parts = path.split("/");
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      at.append(i == 0 ? "" : "/").append(parts[i]);
      Optional<Entry> entry = find(reader, tree, parts[i].getBytes(StandardCharsets.UTF_8));
      if (entry.isEmpty()) {
        return new Located(Kind.ABSENT, at.toString());
      }
      int type = entry.get().mode & FileMode.TYPE_MASK;
      boolean last = i == parts.length - 1;
      if (type == FileMode.TYPE_TREE) {
        if (last) {
          return new Located(Kind.FOLDER, at.toString());
        }
        tree = entry.get().id;
      } else {
        return new Located(type == FileMode.TYPE_FILE ? Kind.FILE : Kind.OTHER, at.toString());
      }
    }
    throw new IllegalStateException("unreachable: a path has at least one part");
  }

  /** What {@link #locate} found, and the path it stopped at. */
  record Located(Kind kind, String at) {}

  private static Optional<ObjectId> edit(ObjectReader reader, ObjectInserter inserter, Optional<ObjectId> tree,
      Map<String, Optional<ObjectId>> edits) throws IOException {
    List<Entry> entries = tree.isPresent() ? read(reader, tree.get()) : new ArrayList<>();
    Map<String, Optional<ObjectId>> direct = new TreeMap<>();
    Map<String, Map<String, Optional<ObjectId>>> nested = new TreeMap<>();
    edits.forEach((path, blob) -> {
      int slash = path.indexOf('/');
      if (slash < 0) {
        direct.put(path, blob);
      } else {
        nested.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>()).put(path.substring(slash + 1), blob);
      }
    });
    for (Map.Entry<String, Optional<ObjectId>> e : direct.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      int index = indexOf(entries, name);
      if (e.getValue().isEmpty()) {
        if (index >= 0) {
          entries.remove(index);
        }
        continue;
      }
      int mode = index >= 0 && entries.get(index).mode == FileMode.EXECUTABLE_FILE.getBits()
          ? FileMode.EXECUTABLE_FILE.getBits() : FileMode.REGULAR_FILE.getBits();
      Entry put = new Entry(name, mode, e.getValue().get());
      if (index >= 0) {
        entries.set(index, put);
      } else {
        entries.add(put);
      }
    }
    for (Map.Entry<String, Map<String, Optional<ObjectId>>> e : nested.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      int index = indexOf(entries, name);
      Optional<ObjectId> sub = Optional.empty();
      if (index >= 0) {
        if ((entries.get(index).mode & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
          throw new IllegalStateException("'" + e.getKey() + "' is not a folder; the writes were checked against it");
        }
        sub = Optional.of(entries.get(index).id);
      }
      Optional<ObjectId> edited = edit(reader, inserter, sub, e.getValue());
      if (index >= 0) {
        entries.remove(index);
      }
      edited.ifPresent(id -> entries.add(new Entry(name, FileMode.TREE.getBits(), id)));
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    entries.sort(TreeEditor::gitOrder);
    TreeFormatter formatter = new TreeFormatter();
    for (Entry entry : entries) {
      formatter.append(entry.name, FileMode.fromBits(entry.mode), entry.id);
    }
    return Optional.of(inserter.insert(formatter));
  }

  private static List<Entry> read(ObjectReader reader, ObjectId tree) throws IOException {
    List<Entry> entries = new ArrayList<>();
    CanonicalTreeParser parser = new CanonicalTreeParser();
    parser.reset(reader, tree);
    for (; !parser.eof(); parser.next(1)) {
      byte[] name = new byte[parser.getNameLength()];
      parser.getName(name, 0);
      entries.add(new Entry(name, parser.getEntryRawMode(), parser.getEntryObjectId()));
    }
    return entries;
  }

  private static Optional<Entry> find(ObjectReader reader, ObjectId tree, byte[] name) throws IOException {
    for (Entry entry : read(reader, tree)) {
      if (Arrays.equals(entry.name, name)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  private static int indexOf(List<Entry> entries, byte[] name) {
    for (int i = 0; i < entries.size(); i++) {
      if (Arrays.equals(entries.get(i).name, name)) {
        return i;
      }
    }
    return -1;
  }

  /** Git's tree order: bytes compared unsigned, a folder's name as if it ended in '/'. */
  static int gitOrder(Entry a, Entry b) {
    int common = Math.min(a.name.length, b.name.length);
    for (int i = 0; i < common; i++) {
      int diff = (a.name[i] & 0xff) - (b.name[i] & 0xff);
      if (diff != 0) {
        return diff;
      }
    }
    int ca = a.name.length > common ? a.name[common] & 0xff : a.isTree() ? '/' : 0;
    int cb = b.name.length > common ? b.name[common] & 0xff : b.isTree() ? '/' : 0;
    return ca - cb;
  }

  /** One tree entry, its name as raw bytes. */
  static final class Entry {
    final byte[] name;
    final int mode;
    final ObjectId id;

    Entry(byte[] name, int mode, ObjectId id) {
      this.name = name;
      this.mode = mode;
      this.id = id;
    }

    boolean isTree() {
      return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
    }
  }
}
