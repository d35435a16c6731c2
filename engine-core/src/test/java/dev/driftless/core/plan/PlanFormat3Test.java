package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.core.codec.PlanJson;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Format 4 adds the guard's minimum population and allowance. {@code plans/format-3.json} is the
 * golden plan as Driftless wrote it in format 3, when the guard held back deleting everything at any
 * size and had no allowance: it reads back with that meaning (a population of 0, none allowed), so
 * planning again as it was made gives the same id and the same plan, and it may still be applied.
 */
class PlanFormat3Test {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FORMAT_3 = Path.of("src", "test", "resources", "plans", "format-3.json");

  @Test
  void aFormat3Plan_readsWithTheGuardItWasMadeWith_andPlanningAgainGivesTheSameIdAndPlan() {
    Plan saved = PlanJson.read(format3(), "the plan file old.json");

    assertEquals(new Guards(true, OptionalDouble.empty(), 0, OptionalInt.empty()), saved.policy().guards());
    Plan again = GoldenPlanTest.plan(saved.policy().guards());
    assertEquals(saved.id(), again.id(), "the id of a plan whose guard means what it meant stays the same");
    assertEquals(again, saved);
    assertEquals(Optional.empty(), PlanJson.difference(saved, again), "what apply checks before applying a saved plan");
  }

  @Test
  void aFormat3Plan_isWrittenAgainAsFormat4_withThePopulationOfItsOldMeaning() {
    JsonNode guards = tree(PlanJson.write(PlanJson.read(format3()))).at("/policy/guards");

    assertEquals(0, guards.get("min_population").intValue());
    assertTrue(guards.get("allowed_deletes").isNull());
  }

  @Test
  void theGuardsSettings_roundTrip() {
    Guards guards = new Guards(false, OptionalDouble.of(0.25), 5, OptionalInt.of(3));
    Plan plan = GoldenPlanTest.plan(guards);

    Plan read = PlanJson.read(PlanJson.write(plan));

    assertEquals(guards, read.policy().guards());
    assertEquals(plan, read);
    JsonNode written = tree(PlanJson.write(plan)).at("/policy/guards");
    assertEquals(0.25, written.get("max_delete_share").doubleValue());
    assertEquals(5, written.get("min_population").intValue());
    assertEquals(3, written.get("allowed_deletes").intValue());
  }

  @Test
  void theGuardsSettings_changeThePlanId() {
    Plan defaults = GoldenPlanTest.plan(Guards.defaults());

    assertTrue(!defaults.id().equals(GoldenPlanTest.plan(Guards.defaults().withAllowedDeletes(3)).id()));
    assertTrue(!defaults.id().equals(GoldenPlanTest.plan(Guards.defaults().withMinPopulation(5)).id()));
  }

  @Test
  void anAllowanceAddedToASavedPlan_isRefused() throws IOException {
    ObjectNode root = (ObjectNode) tree(PlanJson.write(GoldenPlanTest.plan()));
    ((ObjectNode) root.at("/policy/guards")).put("allowed_deletes", 100);

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> PlanJson.read(JSON.writeValueAsString(root), "the plan file p.json"));
    assertTrue(refused.getMessage().contains("does not match its digest"), refused.getMessage());
  }

  private static String format3() {
    try {
      return Files.readString(FORMAT_3, StandardCharsets.UTF_8);
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
