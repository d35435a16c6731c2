package dev.driftless.git.internal.read;

import dev.driftless.git.layout.Layout;
import dev.driftless.resource.ResourceKey;
import dev.driftless.snapshot.Exclusion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The patterns of a {@code .kestraignore} (gitignore syntax) at the root of a layout's directory.
 * A path is ignored when one of its folders is (a file cannot be re-included from an ignored
 * folder, as in Git) or when the file itself is; the last pattern matching a path decides, so
 * {@code *.yaml} then {@code !keep.yaml} keeps {@code keep.yaml}. An ignored path is outside the
 * sync on both sides: never read, never written, and its key left out of the plan
 * ({@link #exclusion}).
 */
public final class IgnoreRules {

  private static final IgnoreRules NONE = new IgnoreRules(new IgnoreNode());

  private final IgnoreNode node;

  private IgnoreRules(IgnoreNode node) {
    this.node = node;
  }

  public static IgnoreRules none() {
    return NONE;
  }

  /** The patterns of an ignore file's bytes; a UTF-8 byte-order mark at the start is skipped, as Git does. */
  public static IgnoreRules parse(byte[] content) {
    IgnoreNode node = new IgnoreNode();
    int start = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
        && (content[2] & 0xff) == 0xBF ? 3 : 0;
    try {
      node.parse(".kestraignore", new ByteArrayInputStream(content, start, content.length - start));
    } catch (IOException e) {
      throw new UncheckedIOException("reading bytes in memory cannot fail", e);
    }
    return new IgnoreRules(node);
  }

  /** Whether this folder (relative to the directory) is ignored by its own pattern. */
  public boolean ignoresFolder(String relativePath) {
    return Boolean.TRUE.equals(node.checkIgnored(relativePath, true));
  }

  /** Whether this file (relative to the directory) is ignored, by itself or by one of its folders. */
  public boolean ignoresFile(String relativePath) {
    int slash = relativePath.indexOf('/');
    while (slash >= 0) {
      if (ignoresFolder(relativePath.substring(0, slash))) {
        return true;
      }
      slash = relativePath.indexOf('/', slash + 1);
    }
    return Boolean.TRUE.equals(node.checkIgnored(relativePath, false));
  }

  public boolean isEmpty() {
    return node.getRules().isEmpty();
  }

  /**
   * The keys these rules leave out of the sync, for the planner: a key whose path in the layout is
   * ignored (for a YAML kind, the path the layout gives its id), and a key the path of an ignored
   * file stands for ({@code keysOfIgnoredFiles}: an ignored {@code a.yml} beside the layout's
   * {@code .yaml}). The content of an ignored file is never read, so an ignored flow whose id
   * differs from its file name is known by its file name only.
   */
  public Exclusion exclusion(Layout layout, Set<ResourceKey> keysOfIgnoredFiles) {
    if (isEmpty()) {
      return Exclusion.none();
    }
    String reason = "ignored by " + layout.ignoreFile();
    Set<ResourceKey> ignoredFiles = Set.copyOf(keysOfIgnoredFiles);
    return key -> {
      if (!layout.holds(key)) {
        return Optional.empty();
      }
      if (ignoredFiles.contains(key)) {
        return Optional.of(reason);
      }
      String path;
      try {
        path = layout.pathOf(key);
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // no place in the layout (a file outside a files layout's prefix)
      }
      String inside = layout.directory().isEmpty() ? path : path.substring(layout.directory().length() + 1);
      return ignoresFile(inside) ? Optional.of(reason) : Optional.empty();
    };
  }
}
