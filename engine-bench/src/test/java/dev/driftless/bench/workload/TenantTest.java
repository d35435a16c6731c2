package dev.driftless.bench.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.resource.ResourceKey;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantTest {

  @Test
  void tenant_holdsTheSameNumberOfFlowsOnEachSide_withTheAskedShares() {
    Tenant tenant = Tenant.of(1_000, 1, 1);

    assertEquals(1_000, tenant.git().size());
    assertEquals(1_000, tenant.kestra().size());
    assertEquals(10, tenant.changed());
    assertEquals(10, tenant.onlyInGit());
    assertEquals(10, tenant.onlyInKestra());
    Set<ResourceKey> git = keys(tenant, true);
    Set<ResourceKey> kestra = keys(tenant, false);
    Set<ResourceKey> both = new HashSet<>(git);
    both.retainAll(kestra);
    assertEquals(990, both.size());
  }

  @Test
  void tenant_isTheSameBytesEveryTime() {
    assertEquals(Tenant.of(300, 1, 1), Tenant.of(300, 1, 1));
  }

  @Test
  void flows_parseAndDeclareTheirKey() {
    for (FlowSource flow : Tenant.of(200, 1, 1).git()) {
      YamlDocument doc = YamlDocument.parse(flow.yaml()).document().orElseThrow();
      assertEquals(flow.id(), doc.id().orElseThrow());
      assertEquals(flow.namespace(), doc.namespace().orElseThrow());
    }
  }

  @Test
  void changedFlow_differsOnlyInContent() {
    FlowSource before = Tenant.flow(7, false);
    FlowSource after = Tenant.flow(7, true);

    assertEquals(before.key(), after.key());
    assertTrue(!before.yaml().equals(after.yaml()));
  }

  private static Set<ResourceKey> keys(Tenant tenant, boolean git) {
    Set<ResourceKey> out = new HashSet<>();
    (git ? tenant.git() : tenant.kestra()).forEach(f -> out.add(f.key()));
    return out;
  }
}
