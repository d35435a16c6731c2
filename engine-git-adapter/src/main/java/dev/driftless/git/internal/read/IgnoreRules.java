package dev.driftless.git.internal.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The patterns of a {@code .kestraignore} (gitignore syntax) at the root of a layout's directory.
 * A path is ignored when one of its folders is (a file cannot be re-included from an ignored
 * folder, as in Git) or when the file itself is.
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

  public static IgnoreRules parse(byte[] content) {
    IgnoreNode node = new IgnoreNode();
    try {
      node.parse(".kestraignore", new ByteArrayInputStream(content));
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
}
