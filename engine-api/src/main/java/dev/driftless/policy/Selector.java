package dev.driftless.policy;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which resources a plan considers; the rest is left alone on both sides (never created, updated or
 * deleted).
 *
 * <p>Globs match names: ids for flows, apps, tests and dashboards; paths for files. {@code *}
 * matches any run of characters except {@code /}, {@code **} any run including {@code /}, and
 * {@code ?} one character. A glob without {@code /} is matched against the last path segment, so
 * {@code *.py} selects Python files in every folder. A resource is selected when its kind is
 * selected, it matches an include (or there are none), and it matches no exclude.
 */
public final class Selector {

  private static final Selector ALL = new Selector(Set.of(), List.of(), List.of());

  private final Set<ResourceKind> kinds;
  private final List<String> includes;
  private final List<String> excludes;
  private final List<Glob> includeGlobs;
  private final List<Glob> excludeGlobs;

  private Selector(Set<ResourceKind> kinds, List<String> includes, List<String> excludes) {
    this.kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
    this.includeGlobs = this.includes.stream().map(Glob::of).toList();
    this.excludeGlobs = this.excludes.stream().map(Glob::of).toList();
  }

  /** Everything. */
  public static Selector all() {
    return ALL;
  }

  /**
   * @param kinds the kinds selected; empty selects every kind
   * @param includes globs a name must match one of; empty selects every name
   * @param excludes globs a name must match none of
   */
  public static Selector of(Set<ResourceKind> kinds, List<String> includes, List<String> excludes) {
    return new Selector(kinds, includes, excludes);
  }

  public static Selector kinds(Set<ResourceKind> kinds) {
    return new Selector(kinds, List.of(), List.of());
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

  public boolean selectsKind(ResourceKind kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }

  public boolean selects(ResourceKey key) {
    if (!selectsKind(key.kind())) {
      return false;
    }
    if (!includeGlobs.isEmpty() && includeGlobs.stream().noneMatch(g -> g.matches(key.name()))) {
      return false;
    }
    return excludeGlobs.stream().noneMatch(g -> g.matches(key.name()));
  }

  /**
   * A glob compiled, with whether it was written without {@code /}: that is decided on the glob as
   * written, since the compiled pattern has {@code /} in it for every {@code *} and {@code ?}.
   */
  private record Glob(Pattern pattern, boolean matchesLastSegment) {

    static Glob of(String glob) {
      return new Glob(compile(glob), glob.indexOf('/') < 0);
    }

    boolean matches(String name) {
      if (pattern.matcher(name).matches()) {
        return true;
      }
      int slash = name.lastIndexOf('/');
      return matchesLastSegment && slash >= 0 && pattern.matcher(name.substring(slash + 1)).matches();
    }
  }

  private static Pattern compile(String glob) {
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("an empty glob selects nothing; leave the list empty to select everything");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++;
            regex.append("(?:.*/)?");
          } else {
            regex.append(".*");
          }
        } else {
          regex.append("[^/]*");
        }
      } else if (c == '?') {
        regex.append("[^/]");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
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
