package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.plan.Planner;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Baseline;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rows of a two-way NamespaceSync: each write names the side it wrote, a merge is one MERGED row, a
 * conflict one CONFLICT row of which nothing is written; detailed rows add the reason and what each side
 * did since the baseline.
 *
 * <p>The baseline holds {@code a, b, d, m, x} as {@link #base}; since then Git edited {@code a}, created
 * {@code c} and edited {@code m} (line 1) and {@code x}; Kestra edited {@code b}, deleted {@code d}, and
 * edited {@code m} (line 2) and {@code x} (the same line as Git).
 */
class TwoWayRowsTest {

  private static final String NS = "company.team";
  private static final Scope SCOPE = Scope.namespace(NS, Set.of(ResourceKind.FLOW));

  private static String flow(String id, String first, String second) {
    return "id: " + id + "\nnamespace: " + NS + "\ntasks:\n  - id: one\n    type: io.kestra.plugin.core.log.Log\n"
        + "    message: " + first + "\n  - id: two\n    type: io.kestra.plugin.core.log.Log\n"
        + "    message: " + second + "\n";
  }

  private static String base(String id) {
    return flow(id, "one", "two");
  }

  private static ResourceKey key(String id) {
    return ResourceKey.flow(NS, id);
  }

  private static Snapshot snapshot(Side side, Map<String, String> flows) {
    Snapshot.Builder b = Snapshot.builder().side(side).scope(SCOPE).identity(side.name().toLowerCase() + "-1");
    flows.forEach((id, text) -> b.addEntries(SnapshotEntry.present(Resource.of(key(id), text)
        .withOrigin(side == Side.GIT ? NS + "/flows/" + id + ".yaml" : key(id).address()))));
    return b.build();
  }

  private static Plan plan() {
    Map<ResourceKey, Content> baseline = new HashMap<>();
    for (String id : List.of("a", "b", "d", "m", "x")) {
      baseline.put(key(id), Content.ofText(base(id)));
    }
    Map<String, String> git = new LinkedHashMap<>();
    git.put("a", flow("a", "edited in Git", "two"));
    git.put("b", base("b"));
    git.put("c", base("c"));
    git.put("d", base("d"));
    git.put("m", flow("m", "Git's line", "two"));
    git.put("x", flow("x", "Git's", "two"));
    Map<String, String> kestra = new LinkedHashMap<>();
    kestra.put("a", base("a"));
    kestra.put("b", flow("b", "one", "edited in Kestra"));
    kestra.put("m", flow("m", "one", "Kestra's line"));
    kestra.put("x", flow("x", "Kestra's", "two"));
    return Planner.plan(snapshot(Side.GIT, git), snapshot(Side.KESTRA, kestra), Baseline.of(baseline),
        Policy.builder().twoWay(true).build());
  }

  private static RowContext context(boolean dryRun) {
    return new RowContext() {
      @Override
      public Optional<String> gitPath(Change change) {
        return Optional.of(NS + "/flows/" + change.key().name() + ".yaml");
      }

      @Override
      public Optional<String> revision(Change change) {
        return Optional.empty();
      }

      @Override
      public boolean dryRun() {
        return dryRun;
      }

      @Override
      public String gitDirectory() {
        return "";
      }

      @Override
      public Side sourceOfTruth() {
        return Side.KESTRA;
      }
    };
  }

  private static Map<String, String> actions(List<Map<String, Object>> rows) {
    Map<String, String> out = new TreeMap<>();
    for (Map<String, Object> row : rows) {
      String previous = out.put((String) row.get("key"), (String) row.get("action"));
      assertEquals(null, previous, () -> "one row per resource: " + rows);
    }
    return out;
  }

  @Test
  void pluginRows_nameTheSideWritten_oneMergedRow_andOneConflictRow() {
    Plan plan = plan();

    List<Map<String, Object>> rows = PresetRows.of(RowStyle.NAMESPACE_SYNC, RowDetail.PLUGIN, plan, Optional.empty(),
        context(true));

    assertEquals(Map.of("company.team:a", "UPDATED_KES", "company.team:b", "UPDATED_GIT", "company.team:c", "ADDED_KES",
        "company.team:d", "DELETED_GIT", "company.team:m", "MERGED", "company.team:x", "CONFLICT"), actions(rows));
    Map<String, Object> conflict = rows.stream().filter(r -> "CONFLICT".equals(r.get("action"))).findFirst()
        .orElseThrow();
    assertEquals(List.of("file", "key", "kind", "action"), List.copyOf(conflict.keySet()), "the plugin's fields");
    assertEquals("company.team/flows/x.yaml", conflict.get("file"));
    assertEquals("FLOW", conflict.get("kind"));
  }

  @Test
  void aRealRun_showsWhatLanded_aMergeWithOneSideFailed_asTheWriteThatLanded_andTheConflictStill() {
    Plan plan = plan();
    List<ChangeResult> results = plan.writes().stream()
        .map(c -> c.key().equals(key("m")) && c.side() == Side.KESTRA
            ? ChangeResult.of(c, Outcome.FAILED, "Kestra refused it")
            : ChangeResult.applied(c, Optional.empty()))
        .toList();
    ApplyResult applied = new ApplyResult(plan.id(), results, Map.of(), List.of(), Instant.EPOCH, Instant.EPOCH);

    List<Map<String, Object>> rows = PresetRows.of(RowStyle.NAMESPACE_SYNC, RowDetail.PLUGIN, plan,
        Optional.of(applied), context(false));

    Map<String, String> actions = actions(rows);
    assertEquals("UPDATED_GIT", actions.get("company.team:m"), rows::toString);
    assertEquals("CONFLICT", actions.get("company.team:x"));
    assertEquals("UPDATED_KES", actions.get("company.team:a"), "not the commit's rows of a one-way sync from Kestra");
    assertTrue(rows.stream().allMatch(r -> r.containsKey("key")), rows::toString);
  }

  @Test
  void tenantRows_keyTheBareId() {
    List<Map<String, Object>> rows = PresetRows.of(RowStyle.TENANT_SYNC, RowDetail.PLUGIN, plan(), Optional.empty(),
        context(true));
    assertEquals("MERGED", actions(rows).get("m"));
  }

  @Test
  void detailedRows_sayTheReason_andWhatEachSideDidSinceTheBaseline() {
    List<Map<String, Object>> rows = PresetRows.of(RowStyle.NAMESPACE_SYNC, RowDetail.DETAILED, plan(),
        Optional.empty(), context(true));

    Map<String, Object> merged = row(rows, "company.team.m", "GIT");
    assertEquals("MERGED", merged.get("action"));
    assertEquals("merged", merged.get("reason"));
    assertEquals("Git edited, Kestra edited", merged.get("since"));
    assertEquals("MERGED", row(rows, "company.team.m", "KESTRA").get("action"));
    Map<String, Object> conflict = row(rows, "company.team.x", "KESTRA");
    assertEquals("CONFLICT", conflict.get("action"));
    assertEquals("conflict", conflict.get("reason"));
    assertEquals("CONFLICT", row(rows, "company.team.x", "GIT").get("action"));
    Map<String, Object> toKestra = row(rows, "company.team.a", "KESTRA");
    assertEquals("UPDATED", toKestra.get("action"));
    assertEquals("Git edited, Kestra unchanged", toKestra.get("since"));
    assertEquals("DELETED", row(rows, "company.team.d", "GIT").get("action"));
    assertEquals("Git unchanged, Kestra deleted", row(rows, "company.team.d", "GIT").get("since"));
  }

  private static Map<String, Object> row(List<Map<String, Object>> rows, String key, String side) {
    return rows.stream().filter(r -> key.equals(r.get("key")) && side.equals(r.get("side"))).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + key + " on " + side + " in " + rows));
  }
}
