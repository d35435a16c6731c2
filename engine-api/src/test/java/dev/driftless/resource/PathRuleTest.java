package dev.driftless.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one rule for namespace-file paths from or to either side ({@link ResourceKey#pathProblem}):
 * each refused path with the words that say why, and paths that look close but are fine.
 */
class PathRuleTest {

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("a '..' segment", "a/../../etc/passwd", "has a segment that is '..', which steps out of its folder"),
        Arguments.of("a leading '..'", "../.git/config", "has a segment that is '..'"),
        Arguments.of("a '.' segment", "a/./b", "has a segment that is '.', which stands for its own folder"),
        Arguments.of("an empty segment", "scripts//main.py", "has a segment that is empty"),
        Arguments.of("a trailing slash", "scripts/", "has a segment that is empty"),
        Arguments.of("a leading slash", "/etc/passwd", "is absolute (starts with '/')"),
        Arguments.of("a drive with a slash", "C:/Windows/win.ini", "is absolute (starts with the drive 'C:')"),
        Arguments.of("a drive with a backslash", "c:\\Windows", "is absolute (starts with the drive 'c:')"),
        Arguments.of("a bare drive", "D:", "is absolute (starts with the drive 'D:')"),
        Arguments.of("a backslash", "a\\..\\b", "has a segment that contains a backslash"),
        Arguments.of("a NUL", "a\0b", "has a segment that contains a control character (code 0)"),
        Arguments.of("a tab", "tab\there", "has a segment that contains a control character (code 9)"),
        Arguments.of("an escape", "\u001b[2Jx", "has a segment that contains a control character (code 27)"),
        Arguments.of("DEL", "a\u007fb", "has a segment that contains a control character (code 127)"),
        Arguments.of("a '.git' folder", ".git/config", "has a segment that is '.git', which names Git's own folder"),
        Arguments.of("a deeper '.git' folder", "vendor/lib/.git/hooks/post-checkout", "names Git's own folder"),
        Arguments.of("'.GIT' in capitals", ".GIT/config", "is '.GIT', which names Git's own folder"),
        Arguments.of("'.Git' mixed", "a/.Git", "is '.Git', which names Git's own folder"),
        Arguments.of("'.git' with a trailing dot", ".git./config", "is '.git.', which names Git's own folder"),
        Arguments.of("'.git' with trailing spaces", ".git  /config", "is '.git  ', which names Git's own folder"),
        Arguments.of("'.git' with dots and spaces", ".git. ./x", "names Git's own folder"),
        Arguments.of("the 8.3 short name", "GIT~1/config", "is 'GIT~1', which names Git's own folder"),
        Arguments.of("a segment too long", "x".repeat(256), "has a segment that is longer than 255 characters"),
        Arguments.of("another short name", "git~2/config", "is 'git~2', which names Git's own folder"),
        Arguments.of("an NTFS stream of '.git'", ".git::$INDEX_ALLOCATION/config", "names Git's own folder"),
        Arguments.of("an invisible joiner in '.git', as macOS reads it", ".g\u200cit/config", "names Git's own folder"),
        Arguments.of("too deep", "d/".repeat(100) + "x", "goes down 100 folders, more than the 99 a path may"),
        Arguments.of("nothing", "", "must not be empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void pathProblem_refusesThePath_sayingWhy(String name, String path, String why) {
    Optional<String> problem = ResourceKey.pathProblem(path);
    assertTrue(problem.isPresent(), name + ": '" + path + "' was accepted");
    assertTrue(problem.get().contains(why), name + ": " + problem.get());
    assertThrows(IllegalArgumentException.class, () -> ResourceKey.namespaceFile("dev", path), name);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("a plain path", "scripts/main.py"),
        Arguments.of("spaces and accents", "a/b c/é.txt"),
        Arguments.of("a dot-file", ".env"),
        Arguments.of("'.gitignore'", ".gitignore"),
        Arguments.of("'.github' folder", ".github/workflows/ci.yml"),
        Arguments.of("'.gitmodules'", ".gitmodules"),
        Arguments.of("'git' without a dot", "git/config"),
        Arguments.of("'.git' inside a name", "my.git.notes"),
        Arguments.of("three dots", "a/.../b"),
        Arguments.of("a colon later on", "a/C:b"),
        Arguments.of("a segment of 255", "x".repeat(255)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void pathProblem_acceptsPathsThatOnlyLookClose(String name, String path) {
    assertEquals(Optional.empty(), ResourceKey.pathProblem(path), name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void segmentProblem_isThePathRuleForOneName(String name, String path, String why) {
    if (!path.contains("/") && !path.isEmpty() && !path.matches("^[A-Za-z]:.*")) {
      assertEquals(ResourceKey.pathProblem(path).map(p -> p.replace("has a segment that ", "")),
          ResourceKey.segmentProblem(path), name);
    }
  }
}
