package dev.driftless.bench.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.bench.workload.FlowSource;
import dev.driftless.bench.workload.Tenant;
import dev.driftless.emulator.KestraEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginPatternTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;

  @Test
  void sync_createsEveryFlow_withThreeRequestsPerFlowAndOneExport() throws Exception {
    List<FlowSource> flows = Tenant.of(20, 0, 0).git();
    try (KestraEmulator emulator = KestraEmulator.builder().pluginTypes(Tenant.PLUGIN_TYPES).start()) {
      int requests = new PluginPattern(emulator.apiUrl()).sync(Tenant.ROOT, flows);

      assertEquals(3 * flows.size() + 1, requests);
      assertEquals(requests, emulator.requests().size());
      assertEquals(flows.size(), emulator.requests().count("POST", "/api/v1/main/flows/validate"));
      assertEquals(flows.size(), emulator.requests().count("POST", "/api/v1/main/flows/import"));
      assertEquals(flows.size() + 1, emulator.requests().count("GET", "/api/v1/main/flows/export/by-query"));
      for (FlowSource flow : flows) {
        assertEquals(PluginPattern.sent(flow), emulator.state().flowSource(T, flow.namespace(), flow.id()).orElseThrow());
      }
    }
  }

  @Test
  void sync_writesEveryFlowEvenWhenNothingChanged_butMakesNoNewRevision() throws Exception {
    List<FlowSource> flows = Tenant.of(10, 0, 0).git();
    try (KestraEmulator emulator = KestraEmulator.builder().pluginTypes(Tenant.PLUGIN_TYPES).start()) {
      flows.forEach(f -> emulator.state().putFlowSource(T, f.namespace(), f.id(), PluginPattern.sent(f)));

      new PluginPattern(emulator.apiUrl()).sync(Tenant.ROOT, flows);

      assertEquals(flows.size(), emulator.requests().count("POST", "/api/v1/main/flows/import"));
      for (FlowSource flow : flows) {
        assertEquals(1, emulator.state().flowRevisions(T, flow.namespace(), flow.id()).size());
      }
    }
  }
}
