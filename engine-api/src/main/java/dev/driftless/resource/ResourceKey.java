package dev.driftless.resource;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies a resource on either side: its kind, its namespace and its name.
 *
 * <p>Flows, apps and tests are named by their id; namespace files and execution files by a
 * normalised path ({@code /}-separated, relative, no {@code .}, {@code ..} or {@code .git} segments,
 * no control characters: see {@link #pathProblem}); dashboards and execution files are tenant-global and have an empty
 * namespace. A key that breaks these rules cannot be built: adapters that read untrusted names call
 * {@link #problem} first and report the problem as a diagnostic instead.
 *
 * <p>Keys order by kind (in apply order), then namespace, then name.
 */
public record ResourceKey(ResourceKind kind, String namespace, String name)
    implements Comparable<ResourceKey> {

  /** The namespace tenant-global resources are reported under, as in the namespace layout's {@code _global/}. */
  public static final String GLOBAL = "_global";

  private static final int MAX_SEGMENT = 255;
  /** The most folders a path may go down: Git's side reads no deeper (with its namespace folders). */
  private static final int MAX_SEGMENTS = 100;
  private static final Comparator<ResourceKey> ORDER =
      Comparator.comparing(ResourceKey::kind)
          .thenComparing(ResourceKey::namespace)
          .thenComparing(ResourceKey::name);

  public ResourceKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Optional<String> problem = problem(kind, namespace, name);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  public static ResourceKey flow(String namespace, String id) {
    return new ResourceKey(ResourceKind.FLOW, namespace, id);
  }

  public static ResourceKey namespaceFile(String namespace, String path) {
    return new ResourceKey(ResourceKind.NAMESPACE_FILE, namespace, path);
  }

  public static ResourceKey app(String namespace, String id) {
    return new ResourceKey(ResourceKind.APP, namespace, id);
  }

  public static ResourceKey test(String namespace, String id) {
    return new ResourceKey(ResourceKind.TEST, namespace, id);
  }

  public static ResourceKey dashboard(String id) {
    return new ResourceKey(ResourceKind.DASHBOARD, "", id);
  }

  public static ResourceKey executionFile(String path) {
    return new ResourceKey(ResourceKind.EXECUTION_FILE, "", path);
  }

  /** The same kind and name in another namespace. */
  public ResourceKey withNamespace(String otherNamespace) {
    return new ResourceKey(kind, otherNamespace, name);
  }

  /** Whether this resource lives outside any namespace (dashboards, execution files). */
  public boolean isGlobal() {
    return !kind.isNamespaced();
  }

  /**
   * The namespace protection and scoping apply to: the namespace itself, or {@link #GLOBAL} for
   * tenant-global resources.
   */
  public String protectionNamespace() {
    return isGlobal() ? GLOBAL : namespace;
  }

  /**
   * A stable, human-readable address: {@code flow company.team/hello}, {@code namespace-file
   * company.team:/scripts/main.py}, {@code dashboard overview}.
   */
  public String address() {
    if (isGlobal()) {
      return kind.label() + " " + name;
    }
    return kind.label() + " " + namespace + (kind.isPath() ? ":/" : "/") + name;
  }

  @Override
  public int compareTo(ResourceKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return address();
  }

  /**
   * What is wrong with a would-be key, or empty when it is valid. The message names the offending
   * part so that adapters can put it into a diagnostic as it is.
   */
  public static Optional<String> problem(ResourceKind kind, String namespace, String name) {
    if (kind.isNamespaced()) {
      Optional<String> nsProblem = namespaceProblem(namespace);
      if (nsProblem.isPresent()) {
        return nsProblem;
      }
    } else if (!namespace.isEmpty()) {
      return Optional.of(kind.label() + " '" + name + "' is tenant-global and takes no namespace, got '" + namespace + "'");
    }
    if (kind.isPath()) {
      return pathProblem(name).map(p -> kind.label() + " path " + quote(name) + ": " + p);
    }
    if (!isId(name)) {
      return Optional.of(kind.label() + " id " + quote(name)
          + " is not valid: use letters, digits, '.', '_' and '-', starting with a letter, digit or '_'");
    }
    return Optional.empty();
  }

  /** What is wrong with a namespace name, or empty when it is valid. */
  public static Optional<String> namespaceProblem(String namespace) {
    if (namespace.isEmpty()) {
      return Optional.of("namespace must not be empty");
    }
    if (!isNamespace(namespace)) {
      return Optional.of("namespace " + quote(namespace)
          + " is not valid: use dot-separated parts of letters, digits, '_' and '-'");
    }
    return Optional.empty();
  }

  /**
   * Whether the text is dot-separated parts of letters, digits, {@code _} and {@code -}, each
   * starting with a letter, a digit or {@code _}: a loop rather than a regular expression, since
   * every key built checks it.
   */
  static boolean isNamespace(String text) {
    boolean partStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (partStart) {
        if (!isWordChar(c)) {
          return false;
        }
        partStart = false;
      } else if (c != '.' && c != '-' && !isWordChar(c)) {
        return false;
      } else if (c == '.') {
        partStart = true;
      }
    }
    return !partStart;
  }

  /** Whether the text is letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter, a digit or {@code _}. */
  static boolean isId(String text) {
    if (text.isEmpty() || !isWordChar(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '.' && c != '-' && !isWordChar(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /**
   * Normalises a raw path as found on either side ({@code /scripts//main.py} becomes
   * {@code scripts/main.py}) without resolving {@code .} or {@code ..}: those make the path invalid
   * rather than being silently interpreted.
   */
  public static String normalisePath(String raw) {
    String path = raw.replaceAll("/{2,}", "/");
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  /**
   * What is wrong with a namespace-file path, or empty when it is a valid normalised path: the one
   * rule for every path that comes from either side or goes to either side. A path is refused when
   * it is empty, absolute ({@code /etc/passwd}, {@code C:/x}, {@code C:\x}), or has a segment that
   * {@link #segmentProblem} refuses: empty ({@code a//b}), {@code .} or {@code ..}, Git's own folder
   * ({@code .git} in any case, also with trailing dots or spaces, which Windows drops), a backslash,
   * a control character (NUL included), more than 255 characters. Nothing is normalised here: a
   * path that breaks the rule is reported, never rewritten into another one.
   */
  public static Optional<String> pathProblem(String path) {
    if (path.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (path.startsWith("/")) {
      return Optional.of("is absolute (starts with '/'); it must be relative to the namespace");
    }
    if (path.length() >= 2 && isAsciiLetter(path.charAt(0)) && path.charAt(1) == ':') {
      return Optional.of("is absolute (starts with the drive '" + path.substring(0, 2) + "'); it must be relative to "
          + "the namespace");
    }
    String[] segments = path.split("/", -1);
    if (segments.length > MAX_SEGMENTS) {
      return Optional.of("goes down " + (segments.length - 1) + " folders, more than the " + (MAX_SEGMENTS - 1)
          + " a path may");
    }
    for (String segment : segments) {
      Optional<String> problem = segmentProblem(segment);
      if (problem.isPresent()) {
        return Optional.of("has a segment that " + problem.get());
      }
    }
    return Optional.empty();
  }

  /**
   * What is wrong with one segment of a path (a file or folder name), or empty when it is safe on
   * every file system and in every Git tree. The text completes a sentence about the name:
   * {@code is '..', which steps out of its folder}.
   */
  public static Optional<String> segmentProblem(String segment) {
    if (segment.isEmpty()) {
      return Optional.of("is empty");
    }
    if (segment.equals(".")) {
      return Optional.of("is '.', which stands for its own folder");
    }
    if (segment.equals("..")) {
      return Optional.of("is '..', which steps out of its folder");
    }
    if (isGitFolderName(segment)) {
      return Optional.of("is " + quote(segment) + ", which names Git's own folder (.git)");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("contains a control character (code " + (int) c + ")");
      }
      if (c == '\\') {
        return Optional.of("contains a backslash; use '/' to separate folders");
      }
      if (c == '/') {
        return Optional.of("contains a '/'");
      }
    }
    if (segment.length() > MAX_SEGMENT) {
      return Optional.of("is longer than " + MAX_SEGMENT + " characters");
    }
    return Optional.empty();
  }

  /**
   * Whether a name is, or is taken by some file system as, Git's own folder: {@code .git} in any
   * case, followed by any dots and spaces (Windows drops them) or by an NTFS stream ({@code :...}),
   * with the invisible characters macOS's file system ignores in names, or an 8.3 short name
   * {@code git~N}.
   */
  private static boolean isGitFolderName(String segment) {
    segment = segment.replaceAll("[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]", "");
    int end = segment.length();
    while (end > 0 && (segment.charAt(end - 1) == '.' || segment.charAt(end - 1) == ' ')) {
      end--;
    }
    String stem = segment.substring(0, end);
    int colon = stem.indexOf(':');
    if (colon >= 0) {
      stem = stem.substring(0, colon);
    }
    return stem.equalsIgnoreCase(".git") || segment.toLowerCase(java.util.Locale.ROOT).matches("git~[0-9]+");
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('\'').toString();
  }
}
