package dev.driftless.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a pattern matches a name: {@code *} and {@code ?} stay within a folder, {@code **} crosses
 * folders, {@code [..]} and {@code {a,b}} as in Java's globs, and a glob written without {@code /}
 * also matches the last segment of a path; {@code glob:} and {@code regex:} patterns as Kestra uses
 * them, a path with a leading {@code /}. The same pattern decides the same way as an include and as
 * an exclude.
 */
class SelectorTest {

  static Stream<Arguments> globs() {
    return Stream.of(
        Arguments.of("'*.py' selects a Python file in a folder", "*.py", "scripts/etl.py", true),
        Arguments.of("'*.py' selects a Python file at the root", "*.py", "etl.py", true),
        Arguments.of("'*.py' selects a Python file folders down", "*.py", "a/b/c/etl.py", true),
        Arguments.of("'*.py' leaves other files", "*.py", "scripts/etl.sh", false),
        Arguments.of("'*.py' leaves a folder named like a Python file", "*.py", "x.py/readme.md", false),
        Arguments.of("'a?.yml' selects by the last segment", "a?.yml", "x/ab.yml", true),
        Arguments.of("'a?.yml' takes one character only", "a?.yml", "x/abc.yml", false),
        Arguments.of("'a?.yml' does not match across a slash", "a?.yml", "a/.yml", false),
        Arguments.of("a name without wildcards selects it in any folder", "etl.py", "scripts/etl.py", true),
        Arguments.of("'*' selects every last segment", "*", "scripts/etl.py", true),
        Arguments.of("'scripts/*.py' selects in that folder", "scripts/*.py", "scripts/etl.py", true),
        Arguments.of("a glob with '/' does not fall back to the last segment", "scripts/*.py", "etl.py", false),
        Arguments.of("a glob with '/' is matched from the root", "scripts/*.py", "other/scripts/etl.py", false),
        Arguments.of("'*' in a glob with '/' stays within a folder", "scripts/*.py", "scripts/sub/etl.py", false),
        Arguments.of("'scripts/etl.py' is matched from the root", "scripts/etl.py", "x/scripts/etl.py", false),
        Arguments.of("'**/*.py' selects at the root", "**/*.py", "etl.py", true),
        Arguments.of("'**/*.py' selects folders down", "**/*.py", "a/b/etl.py", true),
        Arguments.of("'scripts/**' selects everything under the folder", "scripts/**", "scripts/a/b.sql", true),
        Arguments.of("'scripts/**' leaves a folder of the same name elsewhere", "scripts/**", "x/scripts/a.sql", false),
        Arguments.of("'hello_*' selects an id", "hello_*", "hello_world", true),
        Arguments.of("'hello_*' leaves another id", "hello_*", "bye_world", false),
        Arguments.of("'*.{py,sql}' selects either extension", "*.{py,sql}", "a/b.sql", true),
        Arguments.of("'*.{py,sql}' leaves another extension", "*.{py,sql}", "a/b.sh", false),
        Arguments.of("'{scripts,lib}/*.py' selects in either folder", "{scripts,lib}/*.py", "lib/etl.py", true),
        Arguments.of("'{scripts,lib}/*.py' is matched from the root", "{scripts,lib}/*.py", "x/lib/etl.py", false),
        Arguments.of("'[ab].py' selects one of the characters", "[ab].py", "x/b.py", true),
        Arguments.of("'[ab].py' leaves another character", "[ab].py", "x/c.py", false),
        Arguments.of("'[!ab].py' selects any other character", "[!ab].py", "c.py", true),
        Arguments.of("'[!ab].py' leaves the characters it names", "[!ab].py", "a.py", false),
        Arguments.of("'[a-c]*.sql' selects a range", "[a-c]*.sql", "sql/b_load.sql", true),
        Arguments.of("'[a-c]*.sql' leaves what is outside the range", "[a-c]*.sql", "sql/d_load.sql", false),
        Arguments.of("'[!a]' never matches a '/'", "x[!a]y", "x/y", false),
        Arguments.of("'\\*.py' matches a '*' as written", "\\*.py", "*.py", true),
        Arguments.of("'\\*.py' matches nothing else", "\\*.py", "etl.py", false),
        Arguments.of("'/scripts/*.py' is matched from the root", "/scripts/*.py", "scripts/etl.py", true),
        Arguments.of("'/scripts/*.py' leaves a folder of the same name elsewhere", "/scripts/*.py",
            "other/scripts/etl.py", false),
        Arguments.of("'/etl.py' selects the file at the root", "/etl.py", "etl.py", true),
        Arguments.of("'/etl.py' leaves one in a folder", "/etl.py", "scripts/etl.py", false),
        Arguments.of("'glob:**/*.py' selects folders down", "glob:**/*.py", "a/b/etl.py", true),
        Arguments.of("'glob:**/*.py' selects at the root, paths having a leading '/' as in Kestra", "glob:**/*.py",
            "etl.py", true),
        Arguments.of("'glob:**/*.py' leaves other files", "glob:**/*.py", "a/etl.sh", false),
        Arguments.of("'glob:/scripts/*.py' selects in that folder", "glob:/scripts/*.py", "scripts/etl.py", true),
        Arguments.of("'glob:/scripts/*.py' stays within a folder", "glob:/scripts/*.py", "scripts/a/etl.py", false),
        Arguments.of("'glob:scripts/*.py' matches nothing, as in Kestra (paths start with '/')", "glob:scripts/*.py",
            "scripts/etl.py", false),
        Arguments.of("'glob:*.py' matches nothing, as in Kestra (paths start with '/')", "glob:*.py", "etl.py", false),
        Arguments.of("'glob:/**/*.{py,sql}' selects either extension", "glob:/**/*.{py,sql}", "a/b/c.sql", true),
        Arguments.of("'glob:**/[ab].py' selects one of the characters", "glob:**/[ab].py", "x/a.py", true),
        Arguments.of("'glob:/a/**/b.py' needs a folder between, as Java's glob does", "glob:/a/**/b.py", "a/b.py",
            false),
        Arguments.of("'regex:.*\\.py' selects by a regular expression", "regex:.*\\.py", "scripts/etl.py", true),
        Arguments.of("'regex:.*\\.py' matches the whole path", "regex:.*\\.py", "scripts/etl.py.bak", false),
        Arguments.of("'regex:/scripts/[^/]+' selects in that folder", "regex:/scripts/[^/]+", "scripts/etl.py", true),
        Arguments.of("'regex:scripts/.*' matches nothing, as in Kestra (paths start with '/')", "regex:scripts/.*",
            "scripts/etl.py", false));
  }

  /** Ids (flows, dashboards) are matched as they are, with no leading '/', as the plugin matches them. */
  static Stream<Arguments> idPatterns() {
    return Stream.of(
        Arguments.of("'glob:hello_*' selects an id", "glob:hello_*", "hello_world", true),
        Arguments.of("'glob:hello_*' leaves another id", "glob:hello_*", "bye_world", false),
        Arguments.of("'regex:hello_.*' selects an id", "regex:hello_.*", "hello_world", true),
        Arguments.of("'regex:hello' matches the whole id", "regex:hello", "hello_world", false),
        Arguments.of("'{hello,bye}_*' selects either", "{hello,bye}_*", "bye_world", true),
        Arguments.of("'glob:{hello,bye}_*' selects either", "glob:{hello,bye}_*", "hello_world", true),
        Arguments.of("'[hb]*' selects by the first character", "[hb]*", "bye_world", true),
        Arguments.of("'[hb]*' leaves another first character", "[hb]*", "world", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idPatterns")
  void include_selectsFlowsWhoseIdThePatternMatches(String name, String pattern, String id, boolean matches) {
    Selector selector = Selector.of(Set.of(), List.of(pattern), List.of());

    assertEquals(matches, selector.selects(ResourceKey.flow("dev", id)), name);
    assertEquals(matches, selector.selects(ResourceKey.dashboard(id)), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globs")
  void include_selectsWhatTheGlobMatches(String name, String glob, String path, boolean matches) {
    Selector selector = Selector.of(Set.of(), List.of(glob), List.of());

    assertEquals(matches, selector.selects(ResourceKey.namespaceFile("dev", path)), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globs")
  void exclude_leavesWhatTheGlobMatches(String name, String glob, String path, boolean matches) {
    Selector selector = Selector.of(Set.of(), List.of(), List.of(glob));

    assertEquals(!matches, selector.selects(ResourceKey.namespaceFile("dev", path)), name);
  }

  static Stream<Arguments> invalidPatterns() {
    return Stream.of(
        Arguments.of("", "is empty, and an empty pattern selects nothing; leave the list empty to select everything"),
        Arguments.of("[abc", "has a '[' without its ']'"),
        Arguments.of("a[]b", "has an empty '[]', which matches no character"),
        Arguments.of("[a/b]", "has a '/' inside '[...]'; a bracket matches one character of a name"),
        Arguments.of("[z-a].py", "has the range 'z-a', which runs backwards"),
        Arguments.of("*.{py,sql", "has a '{' without its '}'"),
        Arguments.of("{a,{b,c}}", "has a '{' inside '{...}'; groups cannot be nested"),
        Arguments.of("etl\\", "ends with '\\', which escapes nothing"),
        Arguments.of("/", "is only '/', which names no file; leave the list empty to select everything"),
        Arguments.of("glob:", "has nothing after 'glob:', so it selects nothing"),
        Arguments.of("glob:**/[ab", "has a '[' without its ']'"),
        Arguments.of("regex:", "has nothing after 'regex:', so it selects nothing"),
        Arguments.of("regex:(.*\\.py", "is not a valid regular expression: Unclosed group at its end"),
        Arguments.of("regex:*.py", "is not a valid regular expression: Dangling meta character '*' at character 1"));
  }

  @ParameterizedTest(name = "''{0}'' {1}")
  @MethodSource("invalidPatterns")
  void patternProblem_saysWhatIsWrong_andSelectorOfRefusesThePattern(String pattern, String problem) {
    assertEquals(Optional.of(problem), Selector.patternProblem(pattern));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Selector.of(Set.of(), List.of(), List.of(pattern)));
    assertEquals("pattern '" + pattern + "' " + problem, refused.getMessage());
  }

  @Test
  void patternProblem_isEmptyForEveryPatternOfTheTables() {
    Stream.concat(globs(), idPatterns()).map(a -> (String) a.get()[1])
        .forEach(p -> assertEquals(Optional.empty(), Selector.patternProblem(p), p));
  }

  @Test
  void escape_makesAGlobThatMatchesTheTextAsWritten() {
    String folder = "a[1]*{x,y}?b";
    Selector selector = Selector.of(Set.of(), List.of(Selector.escape(folder) + "/**"), List.of());

    assertTrue(selector.selects(ResourceKey.namespaceFile("dev", folder + "/run.py")));
    assertFalse(selector.selects(ResourceKey.namespaceFile("dev", "a1xb/run.py")));
  }

  @Test
  void includesMatchingNone_namesThePatternsThatSelectNothing_amongKeysOfASelectedKind() {
    Selector selector = Selector.of(Set.of(ResourceKind.NAMESPACE_FILE), List.of("*.py", "*.sql", "glob:*.sh"),
        List.of());
    List<ResourceKey> keys = List.of(ResourceKey.namespaceFile("dev", "scripts/etl.py"),
        ResourceKey.namespaceFile("dev", "run.sh"), ResourceKey.flow("dev", "load.sql"));

    assertEquals(List.of("*.sql", "glob:*.sh"), selector.includesMatchingNone(keys),
        "a flow is not a namespace file, and 'glob:*.sh' does not match '/run.sh'");
    assertEquals(List.of(), Selector.all().includesMatchingNone(List.of()), "no includes, nothing unmatched");
  }

  @Test
  void property_namesTheIncludes_butIsNoPartOfWhatIsSelected() {
    Selector plain = Selector.of(Set.of(), List.of("*.py"), List.of());
    Selector named = plain.withProperty("files");

    assertEquals(Optional.of("files"), named.property());
    assertEquals(Optional.empty(), plain.property());
    assertEquals(plain, named);
    assertEquals(plain.hashCode(), named.hashCode());
  }
}
