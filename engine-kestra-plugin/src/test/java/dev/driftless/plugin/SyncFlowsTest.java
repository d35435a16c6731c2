package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.DiffRows;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.kestra.core.context.TestRunContextFactory;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SyncFlows run with Kestra's own run context: rendered properties, secrets, outputs in internal storage. */
@KestraTest
@Timeout(120)
class SyncFlowsTest {

  private static final String HELLO = """
      id: hello
      namespace: company.team
      tasks:
        - id: log
          type: io.kestra.plugin.core.log.Log
          message: hello
      """;

  @Inject
  TestRunContextFactory runContextFactory;

  @TempDir
  Path dir;
  PluginWorld world;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private SyncFlows.SyncFlowsBuilder<?, ?> task() {
    return SyncFlows.builder()
        .id("sync")
        .type(SyncFlows.class.getName())
        .url(Property.ofValue(world.url()))
        .username(Property.ofValue(PluginWorld.GIT_USER))
        .password(Property.ofExpression("{{ secret('GIT_TOKEN') }}"))
        .kestraUrl(Property.ofValue(world.kestraUrl()))
        .auth(Auth.builder().username(Property.ofValue(PluginWorld.KESTRA_USER))
            .password(Property.ofExpression("{{ secret('KESTRA_PASSWORD') }}")).build())
        .targetNamespace(Property.ofExpression("{{ inputs.namespace }}"));
  }

  private RunContext context() {
    return runContextFactory.of("system", Map.of("inputs", Map.of("namespace", "company.team")));
  }

  @Test
  void flowsInGit_areCreatedInTheNamespace_andASecondRunWritesNothing() throws Exception {
    world.repo().commit(PluginWorld.MAIN).add("_flows/hello.yml", HELLO).push();

    RunContext context = context();
    SyncFlows.Output out = task().build().run(context);

    assertEquals(HELLO, world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "hello").orElseThrow());
    assertTrue(out.getSummary().startsWith("Plan: 1 to create, 0 to update, 0 to delete"), out.getSummary());
    List<Map<String, Object>> rows = rows(context, out.getFlows());
    assertEquals(1, rows.size(), rows.toString());
    assertEquals("ADDED", rows.get(0).get("syncState"));
    assertEquals("hello", rows.get(0).get("flowId"));
    assertNull(out.getCommitId(), "nothing is committed to Git");
    Map<String, Object> metrics = new TreeMap<>();
    context.metrics().forEach(m -> metrics.put(m.getName(), m.getValue()));
    assertEquals(1.0, ((Number) metrics.get("create")).doubleValue(), metrics.toString());
    assertEquals(0.0, ((Number) metrics.get("delete")).doubleValue(), metrics.toString());

    RunContext again = context();
    SyncFlows.Output second = task().build().run(again);
    assertEquals("UNCHANGED", rows(again, second.getFlows()).get(0).get("syncState"));
    assertTrue(second.getSummary().startsWith("Plan: 0 to create, 0 to update, 0 to delete"), second.getSummary());
  }

  @Test
  void withoutKestraUrl_theServersConfiguredUrlIsUsed() throws Exception {
    world.repo().commit(PluginWorld.MAIN).add("_flows/hello.yml", HELLO).push();
    RunContext context = runContextFactory.of("system", Map.of("inputs", Map.of("namespace", "company.team"),
        "kestra", Map.of("url", world.kestraUrl())));

    task().kestraUrl(null).build().run(context);

    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "hello").isPresent());
  }

  @Test
  void aDryRunTheMassDeletionGuardHoldsBack_doesNotFail_aRealRunDoes_andAllowedDeletesLetsItThrough() throws Exception {
    world.repo().commit(PluginWorld.MAIN).add("_flows/README.md", "no flows here\n").push();
    for (String id : List.of("a", "b", "c")) {
      world.kestra().state().putFlowSource(PluginWorld.TENANT, HELLO.replace("id: hello", "id: " + id));
    }

    RunContext dry = context();
    // Driftless's detailed rows show the held deletions; the plugin's rows have no state for them.
    SyncFlows.Output planned = task().delete(Property.ofValue(true)).dryRun(Property.ofValue(true))
        .rows(Property.ofValue(dev.driftless.presets.RowDetail.DETAILED)).build().run(dry);

    assertTrue(planned.getSummary().contains("3 blocked"), planned.getSummary());
    List<Map<String, Object>> rows = rows(dry, planned.getFlows());
    assertEquals(3, rows.size(), rows.toString());
    assertTrue(rows.stream().allMatch(r -> "BLOCKED".equals(r.get("syncState"))), rows.toString());
    assertEquals(3, world.kestra().state().flows(PluginWorld.TENANT).size());

    SyncFailedException failed = org.junit.jupiter.api.Assertions.assertThrows(SyncFailedException.class,
        () -> task().delete(Property.ofValue(true)).build().run(context()));
    assertTrue(failed.getMessage().contains(planned.getPlanId()), failed.getMessage());
    assertEquals(3, world.kestra().state().flows(PluginWorld.TENANT).size(), "a real run writes nothing held");

    IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> task().delete(Property.ofValue(true)).maxDeleteShare(Property.ofValue("130%")).build().run(context()));
    assertTrue(bad.getMessage().startsWith("maxDeleteShare must be a share from 0% to 100%"), bad.getMessage());

    task().delete(Property.ofValue(true)).allowedDeletes(Property.ofValue(3)).build().run(context());
    assertEquals(0, world.kestra().state().flows(PluginWorld.TENANT).size());
  }

  @Test
  void aDryRun_writesNothing() throws Exception {
    world.repo().commit(PluginWorld.MAIN).add("_flows/hello.yml", HELLO).push();

    SyncFlows.Output out = task().dryRun(Property.ofValue(true)).build().run(context());

    assertTrue(world.kestra().state().flowSource(PluginWorld.TENANT, "company.team", "hello").isEmpty());
    assertTrue(out.getDryRun());
  }

  @Test
  void aMissingTargetNamespace_failsWithTheTasksProblem_andReadsNothing() {
    Exception e = assertThrows(Exception.class, () -> task().targetNamespace(null).build().run(context()));
    assertTrue(e.getMessage().contains("targetNamespace"), e.getMessage());
    assertFalse(e.getMessage().contains(PluginWorld.GIT_TOKEN));
  }

  private static List<Map<String, Object>> rows(RunContext context, URI uri) throws Exception {
    try (InputStream in = context.storage().getFile(uri)) {
      return DiffRows.fromIon(in.readAllBytes()).stream().map(r -> (Map<String, Object>) new TreeMap<>(r)).toList();
    }
  }
}
