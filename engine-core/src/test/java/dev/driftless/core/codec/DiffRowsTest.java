package dev.driftless.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.plan.SnapshotRef;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class DiffRowsTest {

  private static List<Map<String, Object>> rows() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("gitPath", "_flows/hello_world.yml");
    a.put("syncState", "ADDED");
    a.put("flowId", "hello_world");
    a.put("namespace", "prod");
    a.put("revision", 3);
    a.put("note", null);
    a.put("dryRun", true);
    Map<String, Object> b = new LinkedHashMap<>(a);
    b.put("gitPath", "_flows/tutorial/hello \"world\" 1.yml");
    b.put("syncState", "UNCHANGED");
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(a);
    out.add(b);
    return out;
  }

  @Test
  void ion_roundTrips_oneStructPerLine() {
    byte[] ion = DiffRows.toIon(rows());
    String text = new String(ion, StandardCharsets.UTF_8);
    assertEquals(2, text.split("\n").length, text);
    assertTrue(text.startsWith("{gitPath:\"_flows/hello_world.yml\""), text);
    assertEquals(rows(), DiffRows.fromIon(ion));
  }

  @Test
  void jsonLines_roundTrip() {
    String jsonl = DiffRows.toJsonLines(rows());
    assertEquals(rows(), DiffRows.fromJsonLines(jsonl));
  }

  @Test
  void jsonLines_badLine_isNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffRows.fromJsonLines("{\"a\":1}\n{oops\n"));
    assertTrue(e.getMessage().startsWith("line 2"), e.getMessage());
  }

  /**
   * Driftless's rows and its plan JSON are one vocabulary: each row holds its change's fields under
   * the plan JSON's names with the plan JSON's labels ({@code source_namespace}, {@code git},
   * {@code no-op}, {@code missing_in_target}); the row's {@code action} is the one entry of the
   * change's {@code actions}, and a row leaves out only what is not flat ({@code depends_on},
   * {@code diff}).
   */
  @Test
  void rowsOfAPlan_nameAndLabelEveryFieldAsThePlanJsonDoes() throws Exception {
    Plan plan = everyActionOnEitherSide();
    List<Map<String, Object>> rows = DiffRows.of(plan);
    JsonNode changes = new ObjectMapper().readTree(PlanJson.write(plan)).get("changes");

    assertEquals(changes.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode change = changes.get(i);
      Map<String, Object> expected = new LinkedHashMap<>();
      change.fields().forEachRemaining(e -> {
        switch (e.getKey()) {
          case "actions" -> {
            assertEquals(1, e.getValue().size(), change.toString());
            expected.put("action", e.getValue().get(0).textValue());
          }
          case "depends_on", "diff" -> { }
          default -> expected.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().textValue());
        }
      });
      assertEquals(List.copyOf(expected.keySet()), List.copyOf(rows.get(i).keySet()), "the fields, in order");
      assertEquals(expected, rows.get(i), change.toString());
    }
    Set<String> sides = new TreeSet<>();
    Set<String> actions = new TreeSet<>();
    rows.forEach(r -> {
      sides.add((String) r.get("side"));
      actions.add((String) r.get("action"));
    });
    assertEquals(Set.of("git", "kestra"), sides);
    assertEquals(EnumSet.allOf(Action.class).size(), actions.size(), actions.toString());
    assertEquals(rows, DiffRows.fromIon(DiffRows.toIon(rows)));
    assertEquals(rows, DiffRows.fromJsonLines(DiffRows.toJsonLines(rows)));
  }

  /** A change of every action on each side, the target namespace mapped from another. */
  private static Plan everyActionOnEitherSide() {
    Scope scope = Scope.namespaces(List.of("dev", "prod"), false, Set.of(ResourceKind.FLOW));
    Plan.Builder plan = Plan.builder()
        .id("0123456789abcdef")
        .git(new SnapshotRef(Side.GIT, "3f2a9c1d8e7b6a5f4e3d2c1b0a99887766554433", scope))
        .kestra(new SnapshotRef(Side.KESTRA, "digest:5d41402abc4b2a76b9719d911017c592", scope))
        .policy(Policy.builder().sourceOfTruth(Side.GIT).build());
    for (Side side : Side.values()) {
      for (Action action : Action.values()) {
        ResourceKey key = ResourceKey.flow("prod", side.name().toLowerCase(Locale.ROOT) + "-"
            + action.label());
        Optional<Fingerprint> before = action == Action.CREATE ? Optional.empty() : Optional.of(fingerprint("b" + key));
        Optional<Fingerprint> after = switch (action) {
          case CREATE, UPDATE -> Optional.of(fingerprint("a" + key));
          case DELETE -> Optional.empty();
          case NO_OP, KEEP, PROTECTED, BLOCKED -> before;
        };
        Reason reason = switch (action) {
          case CREATE -> Reason.MISSING_IN_TARGET;
          case UPDATE -> Reason.CONTENT_CHANGED;
          case DELETE -> Reason.MISSING_IN_SOURCE;
          case NO_OP -> Reason.IN_SYNC;
          case KEEP -> Reason.POLICY_KEEP;
          case PROTECTED -> Reason.PROTECTED_NAMESPACE;
          case BLOCKED -> Reason.INVALID_SOURCE;
        };
        plan.addChanges(new Change(key, key.withNamespace("dev"), side, action, reason, before, after, List.of(),
            Optional.empty()));
      }
    }
    return plan.build();
  }

  private static Fingerprint fingerprint(String text) {
    return Fingerprint.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
