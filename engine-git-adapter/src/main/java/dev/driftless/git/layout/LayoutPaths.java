package dev.driftless.git.layout;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/** Path arithmetic shared by the layouts: directories, YAML extensions, joining. */
final class LayoutPaths {

  static final String IGNORE_FILE = ".kestraignore";
  static final String YML = ".yml";
  static final String YAML = ".yaml";

  private LayoutPaths() {}

  /**
   * The directory without leading or trailing slashes, {@code ./} or {@code .}; the repository root is
   * empty. Checked like a namespace-file path.
   */
  static String directory(String raw, String what) {
    directoryProblem(raw).ifPresent(p -> {
      throw new IllegalArgumentException(what + " " + p);
    });
    return normalised(raw);
  }

  /** What is wrong with a directory, worded to follow its name, or empty when it is usable. */
  static Optional<String> directoryProblem(String raw) {
    String dir = normalised(raw);
    return dir.isEmpty() ? Optional.empty() : ResourceKey.pathProblem(dir).map(p -> "'" + raw + "' " + p);
  }

  private static String normalised(String raw) {
    String trimmed = raw.strip();
    if (trimmed.equals(".") || trimmed.equals("./")) {
      return "";
    }
    return ResourceKey.normalisePath(trimmed.startsWith("./") ? trimmed.substring(2) : trimmed);
  }

  /** The path inside {@code directory}, or empty when the path lies outside it (or is the directory). */
  static Optional<String> relative(String directory, String path) {
    if (directory.isEmpty()) {
      return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }
    if (path.length() > directory.length() + 1 && path.startsWith(directory) && path.charAt(directory.length()) == '/') {
      return Optional.of(path.substring(directory.length() + 1));
    }
    return Optional.empty();
  }

  /** Whether a folder path is the directory itself or inside it, and the part inside (empty for itself). */
  static Optional<String> folderInside(String directory, String folder) {
    if (folder.equals(directory)) {
      return Optional.of("");
    }
    return relative(directory, folder);
  }

  static String join(String directory, String rest) {
    return directory.isEmpty() ? rest : directory + "/" + rest;
  }

  static boolean isYamlName(String fileName) {
    return fileName.endsWith(YML) || fileName.endsWith(YAML);
  }

  /** The file name without its YAML extension. */
  static String stem(String fileName) {
    return fileName.substring(0, fileName.length() - (fileName.endsWith(YAML) ? YAML.length() : YML.length()));
  }

  static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The kinds of the scope the layout has no place for, as a problem; empty when it holds them all. */
  static Optional<String> kindsProblem(Scope scope, Set<ResourceKind> held, String description) {
    Set<ResourceKind> extra = scope.kinds().isEmpty() ? EnumSet.noneOf(ResourceKind.class) : EnumSet.copyOf(scope.kinds());
    extra.removeAll(held);
    if (extra.isEmpty()) {
      return Optional.empty();
    }
    StringJoiner names = new StringJoiner(", ");
    extra.forEach(k -> names.add(k.label()));
    return Optional.of("the " + description + " has no place for " + names + "; read them with a layout that holds them");
  }
}
