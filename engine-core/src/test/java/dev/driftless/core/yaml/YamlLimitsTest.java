package dev.driftless.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.internal.yaml.YamlParsing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Parsing is bounded whatever the text: past a limit the document is a problem that names the
 * limit, found quickly, never a parse that runs on or fills the heap. The deadlines only prove that
 * each parse ends; they are far above what it takes.
 */
class YamlLimitsTest {

  private static final Duration ENDS_WITHIN = Duration.ofSeconds(60);

  private static ParsedYaml parse(String text) {
    return assertTimeoutPreemptively(ENDS_WITHIN, () -> YamlDocument.parse(text));
  }

  private static String head() {
    return "id: big\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
  }

  @Test
  void parse_200000Keys_isAProblemNamingTheLimit() {
    StringBuilder text = new StringBuilder(head()).append("labels:\n");
    for (int i = 0; i < 200_000; i++) {
      text.append("  k").append(i).append(": v").append(i).append('\n');
    }
    YamlProblem problem = parse(text.toString()).problem().orElseThrow(() -> new AssertionError("accepted"));
    assertEquals("has more than 100,000 keys and values; the limit for one YAML document is 100,000", problem.message());
    assertTrue(problem.line().isPresent(), "says where it stopped");
  }

  @Test
  void parse_aListOf200000Items_isAProblemNamingTheLimit() {
    StringBuilder text = new StringBuilder(head()).append("inputs: [");
    for (int i = 0; i < 200_000; i++) {
      text.append("0,");
    }
    text.append("0]\n");
    YamlProblem problem = parse(text.toString()).problem().orElseThrow(() -> new AssertionError("accepted"));
    assertTrue(problem.message().startsWith("has more than 100,000 keys and values"), problem.message());
  }

  @Test
  void parse_justUnderTheNodeLimit_isADocument() {
    StringBuilder text = new StringBuilder(head()).append("labels:\n");
    int room = (YamlParsing.MAX_NODES - 20) / 2;
    for (int i = 0; i < room; i++) {
      text.append("  k").append(i).append(": v\n");
    }
    assertTrue(parse(text.toString()).document().isPresent());
  }

  @Test
  void parse_nestedDeeperThanTheLimit_isAProblem() {
    String text = head() + "x: " + "[".repeat(YamlParsing.MAX_DEPTH + 5) + "]".repeat(YamlParsing.MAX_DEPTH + 5) + "\n";
    YamlProblem problem = parse(text).problem().orElseThrow(() -> new AssertionError("accepted"));
    assertEquals("is nested deeper than 200 levels; the limit for one YAML document is 200", problem.message());
  }

  @Test
  void parse_longerThanTheCodePointLimit_isAProblemNamingTheLimit() {
    String text = head() + "description: " + "x".repeat(YamlParsing.MAX_CODE_POINTS) + "\n";
    YamlProblem problem = parse(text).problem().orElseThrow(() -> new AssertionError("accepted"));
    assertEquals("is longer than 8,388,608 characters; the limit for one YAML document is 8,388,608", problem.message());
  }

  @Test
  void parse_oneLongValueUnderTheCodePointLimit_isADocument() {
    String text = head() + "description: " + "word ".repeat(1_500_000) + "\n";
    assertTrue(parse(text).document().isPresent());
  }
}
