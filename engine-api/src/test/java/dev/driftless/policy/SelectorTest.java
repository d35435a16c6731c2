package dev.driftless.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.resource.ResourceKey;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a glob matches a name: {@code *} and {@code ?} stay within a folder, {@code **} crosses
 * folders, and a glob written without {@code /} also matches the last segment of a path. The
 * same glob decides the same way as an include and as an exclude.
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
        Arguments.of("'hello_*' leaves another id", "hello_*", "bye_world", false));
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
}
