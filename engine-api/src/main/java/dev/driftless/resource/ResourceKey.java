package dev.driftless.resource;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies a resource on either side: its kind, its namespace and its name.
 *
 * <p>Flows, apps and tests are named by their id; namespace files and execution files by a
 * normalised path ({@code /}-separated, no leading slash, no {@code .} or {@code ..} segments, no
 * control characters); dashboards and execution files are tenant-global and have an empty
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

  /** What is wrong with a namespace-file path, or empty when it is a valid normalised path. */
  public static Optional<String> pathProblem(String path) {
    if (path.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (path.startsWith("/")) {
      return Optional.of("must be relative (no leading '/')");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("contains a control character (code " + (int) c + ")");
      }
      if (c == '\\') {
        return Optional.of("contains a backslash; use '/' to separate directories");
      }
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("has an empty segment");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("has a '" + segment + "' segment");
      }
      if (segment.length() > MAX_SEGMENT) {
        return Optional.of("has a segment longer than " + MAX_SEGMENT + " characters");
      }
    }
    return Optional.empty();
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
