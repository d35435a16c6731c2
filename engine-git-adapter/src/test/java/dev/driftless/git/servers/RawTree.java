package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * A tree described entry by entry with raw names, written straight as tree objects: for trees Git
 * itself refuses to build from an index, such as one holding an entry named {@code ..}, an empty
 * name or a name with a slash.
 *
 * <pre>{@code
 * repo.commitTree(Repos.MAIN, RawTree.of()
 *         .folder("dev", RawTree.of().folder("files", RawTree.of().file("..", "escape"))), "Crafted");
 * }</pre>
 */
public final class RawTree {

  private final List<Entry> entries = new ArrayList<>();

  private RawTree() {
  }

  /** An empty tree to add entries to. */
  public static RawTree of() {
    return new RawTree();
  }

  /** A regular file with UTF-8 content. */
  public RawTree file(String name, String content) {
    return file(name.getBytes(UTF_8), content.getBytes(UTF_8));
  }

  /** A regular file whose name is raw bytes. */
  public RawTree file(byte[] name, byte[] content) {
    entries.add(new Entry(name.clone(), FileMode.REGULAR_FILE, content.clone(), null));
    return this;
  }

  /** A sub-tree. */
  public RawTree folder(String name, RawTree tree) {
    return folder(name.getBytes(UTF_8), tree);
  }

  /** A sub-tree whose name is raw bytes. */
  public RawTree folder(byte[] name, RawTree tree) {
    entries.add(new Entry(name.clone(), FileMode.TREE, null, tree));
    return this;
  }

  /**
   * Writes the tree and its sub-trees and blobs; returns the tree's id. The tree object is
   * formatted by hand ({@code <mode> <name>\0<id>} per entry), as JGit's formatter refuses some of
   * the names this fixture exists for, such as an empty one.
   */
  ObjectId write(ObjectInserter inserter) throws IOException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(RawTree::gitOrder);
    ByteArrayOutputStream tree = new ByteArrayOutputStream();
    for (Entry entry : sorted) {
      ObjectId id = entry.tree != null ? entry.tree.write(inserter)
          : inserter.insert(Constants.OBJ_BLOB, entry.content);
      entry.mode.copyTo(tree);
      tree.write(' ');
      tree.write(entry.name);
      tree.write(0);
      id.copyRawTo(tree);
    }
    return inserter.insert(Constants.OBJ_TREE, tree.toByteArray());
  }

  private static int gitOrder(Entry a, Entry b) {
    int common = Math.min(a.name.length, b.name.length);
    for (int i = 0; i < common; i++) {
      int diff = (a.name[i] & 0xff) - (b.name[i] & 0xff);
      if (diff != 0) {
        return diff;
      }
    }
    int ca = a.name.length > common ? a.name[common] & 0xff : a.tree != null ? '/' : 0;
    int cb = b.name.length > common ? b.name[common] & 0xff : b.tree != null ? '/' : 0;
    return ca - cb;
  }

  private record Entry(byte[] name, FileMode mode, byte[] content, RawTree tree) {
  }
}
