package dev.driftless.bench.planner;

import dev.driftless.bench.workload.FlowSource;
import dev.driftless.bench.workload.Tenant;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The planner's inputs for a tenant of {@code n} flows per side, as the adapters hand them over:
 * whole snapshots of the tenant whose contents are already fingerprinted (both adapters compute the
 * fingerprints while reading: the Git reader for its claims, the Kestra reader for the snapshot's
 * digest identity). Git is the source of truth and what is missing in it is deleted, the plugin's
 * defaults; so the plan creates 1%, updates 1% (with a diff each), deletes 1% and leaves the rest.
 *
 * @param git the Git snapshot
 * @param kestra the Kestra snapshot
 * @param policy the policy planned under
 */
public record PlannerInputs(Snapshot git, Snapshot kestra, Policy policy) {

  public static final Scope SCOPE = Scope.tenant(Set.of(ResourceKind.FLOW));

  public static PlannerInputs of(int n) {
    Tenant tenant = Tenant.of(n, 1, 1);
    Snapshot git = snapshot(Side.GIT, tenant.git(), "bench-commit-" + n);
    Snapshot kestra = snapshot(Side.KESTRA, tenant.kestra(), null);
    Policy policy = Policy.builder().sourceOfTruth(Side.GIT).includeChildNamespaces(true).build();
    // The generated sources are dropped here: the planner's heap is the two snapshots and what it builds.
    return new PlannerInputs(git, kestra, policy);
  }

  private static Snapshot snapshot(Side side, List<FlowSource> flows, String identity) {
    List<SnapshotEntry> entries = new ArrayList<>(flows.size());
    for (FlowSource flow : flows) {
      Resource resource = flow.resource();
      resource.fingerprint();
      entries.add(SnapshotEntry.present(resource));
    }
    return Snapshot.builder()
        .side(side)
        .scope(SCOPE)
        .identity(identity != null ? identity : Snapshot.digestOf(entries))
        .addAllEntries(entries)
        .build();
  }
}
