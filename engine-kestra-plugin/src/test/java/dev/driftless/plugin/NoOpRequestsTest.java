package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.emulator.RecordedRequest;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.kestra.KestraSide;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import io.kestra.core.context.TestRunContextFactory;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests a no-op run of SyncFlows and NamespaceSync makes to Kestra, with 1,000 flows in ten namespaces on
 * both sides: the same as the engine's read of the namespaces alone (what the command line makes), whatever the
 * number of flows — no call per flow.
 */
@KestraTest
@Timeout(300)
class NoOpRequestsTest {

  static final int FLOWS = 1_000;

  @Inject
  TestRunContextFactory runContextFactory;

  @TempDir
  Path dir;
  PluginWorld world;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
    NoOpTenant.of(FLOWS).fill(world);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  static SyncFlows.SyncFlowsBuilder<?, ?> syncFlows(PluginWorld world) {
    return world.connect(SyncFlows.builder()).id("sync_flows").type(SyncFlows.class.getName())
        .targetNamespace(Property.ofValue(NoOpTenant.ROOT))
        .includeChildNamespaces(Property.ofValue(true));
  }

  static NamespaceSync.NamespaceSyncBuilder<?, ?> namespaceSync(PluginWorld world) {
    return world.connect(NamespaceSync.builder()).id("namespace_sync").type(NamespaceSync.class.getName())
        .branch(Property.ofValue(PluginWorld.MAIN))
        .namespace(Property.ofValue(NoOpTenant.ROOT))
        .includeChildNamespaces(Property.ofValue(true))
        .sourceOfTruth(Property.ofValue(AbstractTwoWaySyncTask.SourceOfTruth.GIT));
  }

  /** The requests of the engine's read of the namespaces alone, as the command line reads them. */
  static List<RecordedRequest> engineRead(PluginWorld world, Set<ResourceKind> kinds) {
    world.forgetRequests();
    KestraSettings settings = KestraSettings.builder().url(world.kestraUrl())
        .auth(new KestraAuth.Basic(PluginWorld.KESTRA_USER, Secret.of(PluginWorld.KESTRA_PASSWORD))).build();
    try (KestraSide kestra = KestraSide.open(settings)) {
      kestra.reader().read(Scope.namespaces(List.of(NoOpTenant.ROOT), true, kinds));
    }
    return world.kestra().requests().all();
  }

  @Test
  void syncFlows_noOpOf1000Flows_makesTheEngineReadsRequests_noneForAFlow() throws Exception {
    world.forgetRequests();
    SyncFlows.Output out = syncFlows(world).build().run(runContextFactory.of("system", Map.of()));
    List<RecordedRequest> task = world.kestra().requests().all();

    assertTrue(out.getSummary().startsWith("Plan: 0 to create, 0 to update, 0 to delete"), out.getSummary());
    world.assertNoKestraWrite();
    assertEquals(routes(engineRead(world, Set.of(ResourceKind.FLOW))), routes(task), "the task's requests");
    assertTrue(task.size() <= 5, () -> task.size() + " requests: " + routes(task));
  }

  @Test
  void namespaceSync_flowsOnly_noOpOf1000Flows_makesTheEngineReadsRequests_noneForAFlow() throws Exception {
    world.forgetRequests();
    NamespaceSync.Output out = namespaceSync(world).kinds(Property.ofValue(List.of("flow"))).build()
        .run(runContextFactory.of("system", Map.of()));
    List<RecordedRequest> task = world.kestra().requests().all();

    assertTrue(out.getSummary().startsWith("Plan: 0 to create, 0 to update, 0 to delete"), out.getSummary());
    world.assertNoKestraWrite();
    assertEquals(routes(engineRead(world, Set.of(ResourceKind.FLOW))), routes(task), "the task's requests");
    assertTrue(task.size() <= 5, () -> task.size() + " requests: " + routes(task));
  }

  @Test
  void namespaceSync_everyKind_noOpOf1000Flows_makesTheEngineReadsRequests_noneForAFlow() throws Exception {
    world.forgetRequests();
    NamespaceSync.Output out = namespaceSync(world).build().run(runContextFactory.of("system", Map.of()));
    List<RecordedRequest> task = world.kestra().requests().all();

    assertTrue(out.getSummary().startsWith("Plan: 0 to create, 0 to update, 0 to delete"), out.getSummary());
    world.assertNoKestraWrite();
    assertEquals(routes(engineRead(world, Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.APP,
        ResourceKind.TEST))), routes(task), "the task's requests");
    assertTrue(task.stream().noneMatch(r -> r.path().contains("/flow_")), () -> "a call per flow: " + routes(task));
  }

  /**
   * Each request's method and route, sorted: the reads run side by side, so their order varies from
   * run to run.
   */
  static List<String> routes(List<RecordedRequest> requests) {
    return requests.stream().map(RecordedRequest::route).sorted().toList();
  }
}
