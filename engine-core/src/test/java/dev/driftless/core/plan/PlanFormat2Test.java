package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.core.codec.PlanJson;
import dev.driftless.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plan saved before format 3 is still read and applied: {@code plans/format-2.json} is the golden
 * plan as Driftless wrote it in format 2, whose scopes said {@code include_children} where format 3
 * says {@code include_child_namespaces}, as the policy does. Its seal is checked as format 2 wrote it,
 * so an edited one is refused as before.
 */
class PlanFormat2Test {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FORMAT_2 = Path.of("src", "test", "resources", "plans", "format-2.json");

  @Test
  void aFormat2Plan_readsBackToThePlanPlanningAgainGives_soApplyingItIsAllowed() {
    Plan saved = PlanJson.read(format2(), "the plan file old.json");
    Plan again = GoldenPlanTest.plan(saved.policy().guards());

    assertEquals(again, saved);
    assertEquals(Optional.empty(), PlanJson.difference(saved, again), "what apply checks before applying a saved plan");
    assertEquals(PlanJson.write(again), PlanJson.write(saved));
  }

  @Test
  void aFormat2Plan_isWrittenAgainInTheCurrentFormat_withThePolicysWordForChildNamespaces() {
    JsonNode written = tree(PlanJson.write(PlanJson.read(format2())));

    assertEquals(Plan.FORMAT_VERSION, written.get("format_version").intValue());
    for (String side : List.of("git", "kestra")) {
      JsonNode scope = written.at("/snapshots/" + side + "/scope");
      assertEquals(Optional.of(true), Optional.ofNullable(scope.get("include_child_namespaces")).map(JsonNode::booleanValue),
          scope.toString());
      assertFalse(scope.has("include_children"), scope.toString());
    }
    assertTrue(written.at("/policy/include_child_namespaces").booleanValue());
  }

  static List<Arguments> tamperings() {
    return List.of(
        tampered("a diff line", "content does not match its digest",
            root -> firstDiff(root).put("diff", firstDiff(root).get("diff").textValue() + "\n+harmless")),
        tampered("a reason", "content does not match its digest",
            root -> ((ObjectNode) root.at("/changes/0")).put("reason", "in_sync")),
        tampered("the scope's children", "content does not match its digest",
            root -> ((ObjectNode) root.at("/snapshots/git/scope")).put("include_children", false)),
        tampered("the summary", "'summary.delete' does not agree",
            root -> ((ObjectNode) root.get("summary")).put("delete", 0)),
        tampered("a field added", "'changes[0].note' does not agree",
            root -> ((ObjectNode) root.at("/changes/0")).put("note", "looks fine")),
        tampered("the digest removed", "its digest is missing",
            root -> ((ObjectNode) root).remove("digest")),
        tampered("relabelled format 3", "missing boolean 'include_child_namespaces'",
            root -> ((ObjectNode) root).put("format_version", 3)),
        tampered("format 3's word in a format 2 file", "missing boolean 'include_children'",
            root -> renameChildren((ObjectNode) root.at("/snapshots/git/scope"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tamperings")
  void aFormat2PlanChangedAfterItWasMade_isRefused(String what, String expected, Consumer<JsonNode> edit)
      throws IOException {
    JsonNode root = tree(format2());
    edit.accept(root);
    String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> PlanJson.read(json, "the plan file old.json"), what + " edited, yet the plan was read");
    assertTrue(refused.getMessage().startsWith("the plan file old.json "), refused.getMessage());
    assertTrue(refused.getMessage().contains(expected), refused.getMessage());
  }

  /** The scope's {@code include_children} renamed in place, keeping the fields' order. */
  private static void renameChildren(ObjectNode scope) {
    ObjectNode renamed = scope.deepCopy();
    scope.removeAll();
    renamed.fields().forEachRemaining(e ->
        scope.set(e.getKey().equals("include_children") ? "include_child_namespaces" : e.getKey(), e.getValue()));
  }

  private static ObjectNode firstDiff(JsonNode root) {
    for (JsonNode change : root.get("changes")) {
      if (change.get("diff").isTextual()) {
        return (ObjectNode) change;
      }
    }
    throw new AssertionError("the golden plan has a change with a diff");
  }

  private static Arguments tampered(String what, String expected, Consumer<JsonNode> edit) {
    return Arguments.of(what, expected, edit);
  }

  /**
   * A version 3 file (the golden plan before versions 4 and 5) reads back as the one-way plan it
   * was, under its id; its guard keeps its old meaning (PlanFormat3Test plans it again).
   */
  @Test
  void aFormat3Plan_readsBackAsTheOneWayPlanItWas() throws IOException {
    Plan saved = PlanJson.read(Files.readString(Path.of("src", "test", "resources", "plans", "format-3.json"),
        StandardCharsets.UTF_8), "the plan file old.json");

    assertEquals("9435214b55af6d48", saved.id());
    assertFalse(saved.isTwoWay());
    assertEquals(0, saved.policy().guards().minPopulation());
  }

  private static String format2() {
    try {
      return Files.readString(FORMAT_2, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
