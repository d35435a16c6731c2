package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One text holding a JSON list of texts is that list, as the plugin reads it; any other text is one pattern. */
class SelectorPropertyTest {

  static Stream<Arguments> texts() {
    return Stream.of(
        Arguments.of("a JSON list of texts", "[\"*.py\", \"sql/*.sql\"]", Optional.of(List.of("*.py", "sql/*.sql"))),
        Arguments.of("with spaces around it, as a template renders", "  [\"a\"]\n", Optional.of(List.of("a"))),
        Arguments.of("an escaped quote in an item", "[\"a\\\"b\"]", Optional.of(List.of("a\"b"))),
        Arguments.of("an empty JSON list", "[]", Optional.of(List.of())),
        Arguments.of("a bracket glob", "[ab].py", Optional.empty()),
        Arguments.of("a bracket glob that is all brackets", "[ab]", Optional.empty()),
        Arguments.of("a list with an item that is not text", "[\"a\", 1]", Optional.empty()),
        Arguments.of("a list of unquoted words is not JSON", "[a, b]", Optional.empty()),
        Arguments.of("a nested list", "[[\"a\"]]", Optional.empty()),
        Arguments.of("not valid YAML either", "[\"a\"", Optional.empty()),
        Arguments.of("a plain glob", "*.py", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void jsonList_readsOnlyAJsonListOfTexts(String name, String text, Optional<List<String>> expected) {
    assertEquals(expected, SelectorProperty.jsonList(text), name);
  }
}
