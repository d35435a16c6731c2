package dev.driftless.policy;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which resources a plan considers; the rest is left alone on both sides (never created, updated or
 * deleted). A resource is selected when its kind is selected, it matches an include (or there are
 * none), and it matches no exclude.
 *
 * <p>Patterns match names (ids for flows, apps, tests and dashboards; paths for files) and are
 * written in the Kestra Git plugin's dialect:
 *
 * <ul>
 *   <li>{@code glob:} and {@code regex:} patterns are used as written, in the syntax of Java's
 *       {@code PathMatcher}, as Kestra uses them. A path is matched with a leading {@code /}, as
 *       Kestra matches namespace files ({@code /scripts/etl.py}): {@code glob:**}{@code /*.py} and
 *       {@code glob:/scripts/*.py} select, {@code glob:scripts/*.py} selects nothing. An id is
 *       matched as it is.
 *   <li>A pattern without a prefix is a glob: {@code *} matches any run of characters except
 *       {@code /}, {@code **} any run including {@code /} ({@code **}{@code /} also none at all, so
 *       {@code **}{@code /*.py} selects {@code etl.py}), {@code ?} one character except {@code /},
 *       {@code [abc]}, {@code [a-z]} and {@code [!abc]} one character of a set, {@code {a,b}} one
 *       of the alternatives, and {@code \} takes the next character as written. A glob written
 *       without {@code /} also matches the last segment of a path, so {@code *.py} selects Python
 *       files in every folder; one written with {@code /} is matched from the root, a leading
 *       {@code /} included ({@code scripts/*.py} and {@code /scripts/*.py} alike).
 * </ul>
 *
 * <p>The last rule is narrower than Kestra's, which also matches {@code scripts/*.py} in any
 * folder named {@code scripts}: what a selector selects is what a plan may delete, and
 * {@code **}{@code /scripts/*.py} says "any folder" in both.
 */
public final class Selector {

  private static final Selector ALL = new Selector(Set.of(), List.of(), List.of(), Optional.empty());
  private static final String GLOB = "glob:";
  private static final String REGEX = "regex:";

  private final Set<ResourceKind> kinds;
  private final List<String> includes;
  private final List<String> excludes;
  private final Optional<String> property;
  private final List<Compiled> includePatterns;
  private final List<Compiled> excludePatterns;

  private Selector(Set<ResourceKind> kinds, List<String> includes, List<String> excludes, Optional<String> property) {
    this.kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
    this.property = Objects.requireNonNull(property, "property");
    this.includePatterns = this.includes.stream().map(Selector::compile).toList();
    this.excludePatterns = this.excludes.stream().map(Selector::compile).toList();
  }

  private static Compiled compile(String pattern) {
    try {
      return Compiled.of(pattern);
    } catch (InvalidPattern e) {
      throw new IllegalArgumentException("pattern '" + pattern + "' " + e.getMessage(), e);
    }
  }

  /** Everything. */
  public static Selector all() {
    return ALL;
  }

  /**
   * @param kinds the kinds selected; empty selects every kind
   * @param includes patterns a name must match one of; empty selects every name
   * @param excludes patterns a name must match none of
   * @throws IllegalArgumentException when a pattern is not valid ({@link #patternProblem})
   */
  public static Selector of(Set<ResourceKind> kinds, List<String> includes, List<String> excludes) {
    return new Selector(kinds, includes, excludes, Optional.empty());
  }

  public static Selector kinds(Set<ResourceKind> kinds) {
    return new Selector(kinds, List.of(), List.of(), Optional.empty());
  }

  /**
   * The same selector, with the name its includes were written under ({@code files},
   * {@code flows}), for messages about them. The name is no part of what is selected: it is left
   * out of {@link #equals} and of a plan's identity.
   */
  public Selector withProperty(String name) {
    Objects.requireNonNull(name, "name");
    return new Selector(kinds, includes, excludes, Optional.of(name));
  }

  /**
   * What is wrong with a pattern, or empty when it is valid. The text completes a sentence about
   * the pattern: {@code has a '[' without its ']'}.
   */
  public static Optional<String> patternProblem(String pattern) {
    try {
      Compiled.of(pattern);
      return Optional.empty();
    } catch (InvalidPattern e) {
      return Optional.of(e.getMessage());
    }
  }

  /** A glob that matches this text as written: each character a glob reads specially is escaped. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("\\*?[]{},".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  public Set<ResourceKind> kinds() {
    return kinds;
  }

  public List<String> includes() {
    return includes;
  }

  public List<String> excludes() {
    return excludes;
  }

  /** The name the includes were written under, when given ({@link #withProperty}). */
  public Optional<String> property() {
    return property;
  }

  public boolean selectsKind(ResourceKind kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }

  public boolean selects(ResourceKey key) {
    if (!selectsKind(key.kind())) {
      return false;
    }
    // Loops, not streams: this is asked for every key of a plan.
    if (!includePatterns.isEmpty() && !anyMatches(includePatterns, key)) {
      return false;
    }
    return !anyMatches(excludePatterns, key);
  }

  private static boolean anyMatches(List<Compiled> patterns, ResourceKey key) {
    for (Compiled p : patterns) {
      if (p.matches(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The includes, in order, that match none of these keys of a selected kind: patterns that select
   * nothing among them (a typo, a folder that is not there, a {@code glob:} written without the
   * leading {@code /} of a path).
   */
  public List<String> includesMatchingNone(Collection<ResourceKey> keys) {
    List<ResourceKey> candidates = keys.stream().filter(k -> selectsKind(k.kind())).toList();
    return includePatterns.stream()
        .filter(p -> candidates.stream().noneMatch(p::matches))
        .map(Compiled::written)
        .toList();
  }

  /** Whether a pattern is written with a {@code glob:} or {@code regex:} prefix, and so used as Kestra uses it. */
  public static boolean isPrefixed(String pattern) {
    return pattern.startsWith(GLOB) || pattern.startsWith(REGEX);
  }

  /**
   * A pattern compiled: the expression, whether it also matches a path's last segment (a glob
   * written without {@code /}, decided on the glob as written, since the expression has {@code /}
   * in it for every {@code *}), and whether a path is matched with a leading {@code /}.
   */
  private record Compiled(String written, Pattern pattern, boolean matchesLastSegment, boolean rootedPaths) {

    static Compiled of(String written) {
      if (written.isEmpty()) {
        throw new InvalidPattern("is empty, and an empty pattern selects nothing; leave the list empty to select "
            + "everything");
      }
      if (written.startsWith(GLOB) || written.startsWith(REGEX)) {
        boolean glob = written.startsWith(GLOB);
        String body = written.substring(glob ? GLOB.length() : REGEX.length());
        if (body.isEmpty()) {
          throw new InvalidPattern("has nothing after '" + (glob ? GLOB : REGEX) + "', so it selects nothing");
        }
        return new Compiled(written, glob ? Pattern.compile(globToRegex(body, false), Pattern.DOTALL) : regex(body),
            false, true);
      }
      String glob = written;
      while (glob.startsWith("/")) {
        glob = glob.substring(1);
      }
      if (glob.isEmpty()) {
        throw new InvalidPattern("is only '/', which names no file; leave the list empty to select everything");
      }
      return new Compiled(written, Pattern.compile(globToRegex(glob, true), Pattern.DOTALL), written.indexOf('/') < 0,
          false);
    }

    boolean matches(ResourceKey key) {
      String name = key.name();
      if (pattern.matcher(rootedPaths && key.kind().isPath() ? "/" + name : name).matches()) {
        return true;
      }
      int slash = name.lastIndexOf('/');
      return matchesLastSegment && slash >= 0 && pattern.matcher(name.substring(slash + 1)).matches();
    }
  }

  private static Pattern regex(String body) {
    try {
      return Pattern.compile(body);
    } catch (PatternSyntaxException e) {
      int at = e.getIndex();
      throw new InvalidPattern("is not a valid regular expression: " + e.getDescription()
          + (at < 0 ? "" : at >= body.length() ? " at its end" : " at character " + (at + 1)));
    }
  }

  /**
   * A glob as a regular expression. {@code optionalFolders}: Driftless's {@code **}{@code /}, which
   * also matches no folder at all; without it, {@code **}{@code /} is {@code **} then {@code /}, as
   * in Java's {@code PathMatcher}.
   */
  private static String globToRegex(String glob, boolean optionalFolders) {
    StringBuilder regex = new StringBuilder();
    boolean inGroup = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 == glob.length()) {
            throw new InvalidPattern("ends with '\\', which escapes nothing");
          }
          regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            if (optionalFolders && i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
              i++;
              regex.append("(?:.*/)?");
            } else {
              regex.append(".*");
            }
          } else {
            regex.append("[^/]*");
          }
        }
        case '?' -> regex.append("[^/]");
        case '[' -> i = bracket(glob, i, regex);
        case '{' -> {
          if (inGroup) {
            throw new InvalidPattern("has a '{' inside '{...}'; groups cannot be nested");
          }
          inGroup = true;
          regex.append("(?:");
        }
        case '}' -> {
          if (inGroup) {
            inGroup = false;
            regex.append(')');
          } else {
            regex.append("\\}");
          }
        }
        case ',' -> regex.append(inGroup ? "|" : ",");
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (inGroup) {
      throw new InvalidPattern("has a '{' without its '}'");
    }
    return regex.toString();
  }

  /**
   * A bracket expression from {@code glob[open]}: one character of the set (none of it after
   * {@code !}), never {@code /}. Inside, {@code -} between two characters is a range and is itself
   * when first; {@code *}, {@code ?} and {@code \} are themselves. Returns the index of its {@code ]}.
   */
  private static int bracket(String glob, int open, StringBuilder regex) {
    int i = open + 1;
    boolean negated = i < glob.length() && glob.charAt(i) == '!';
    if (negated) {
      i++;
    }
    StringBuilder set = new StringBuilder();
    int first = i;
    for (; i < glob.length() && glob.charAt(i) != ']'; i++) {
      char c = glob.charAt(i);
      if (c == '/') {
        throw new InvalidPattern("has a '/' inside '[...]'; a bracket matches one character of a name");
      }
      boolean range = c != '-' || i == first;
      if (range && i + 2 < glob.length() && glob.charAt(i + 1) == '-' && glob.charAt(i + 2) != ']') {
        char last = glob.charAt(i + 2);
        if (last == '/') {
          throw new InvalidPattern("has a '/' inside '[...]'; a bracket matches one character of a name");
        }
        if (last < c) {
          throw new InvalidPattern("has the range '" + c + "-" + last + "', which runs backwards");
        }
        set.append(escapeInSet(c)).append('-').append(escapeInSet(last));
        i += 2;
      } else {
        set.append(escapeInSet(c));
      }
    }
    if (i >= glob.length()) {
      throw new InvalidPattern("has a '[' without its ']'");
    }
    if (set.length() == 0) {
      throw new InvalidPattern("has an empty '[]', which matches no character");
    }
    regex.append("(?!/)[").append(negated ? "^" : "").append(set).append(']');
    return i;
  }

  private static String escapeInSet(char c) {
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
  }

  /** A pattern that cannot be compiled; the message completes a sentence about it. */
  private static final class InvalidPattern extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidPattern(String message) {
      super(message);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Selector that
        && kinds.equals(that.kinds) && includes.equals(that.includes) && excludes.equals(that.excludes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kinds, includes, excludes);
  }

  @Override
  public String toString() {
    return "Selector[kinds=" + kinds + ", includes=" + includes + ", excludes=" + excludes + "]";
  }
}
