package dev.driftless.core.codec;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Diff;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A plan with something in every field a saved plan shows: diffs, reasons, names, diagnostics. */
final class SavedPlans {

  private SavedPlans() {}

  static Plan plan() {
    Scope scope = Scope.namespaces(List.of("dev"), false, Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
    ResourceKey a = ResourceKey.flow("dev", "a");
    ResourceKey b = ResourceKey.flow("dev", "b");
    ResourceKey old = ResourceKey.flow("dev", "old");
    ResourceKey file = ResourceKey.namespaceFile("dev", "scripts/report.py");
    Change create = new Change(a, a, Side.KESTRA, Action.CREATE, Reason.MISSING_IN_TARGET, Optional.empty(),
        Optional.of(fingerprint("a")), List.of(), Optional.of(new Diff("--- /dev/null\n+++ Git: dev/flows/a.yaml\n"
            + "@@ -0,0 +1,3 @@\n+id: a\n+namespace: dev\n+tasks: []", 3, 0)));
    Change update = new Change(b, b, Side.KESTRA, Action.UPDATE, Reason.CONTENT_CHANGED, Optional.of(fingerprint("b1")),
        Optional.of(fingerprint("b2")), List.of(a), Optional.of(new Diff("--- Kestra: flow dev/b\n+++ Git: dev/flows/b.yaml\n"
            + "@@ -1,3 +1,3 @@\n id: b\n-message: from the UI\n+message: from Git\n password: <secret-1>", 1, 1)));
    Change delete = new Change(old, old, Side.KESTRA, Action.DELETE, Reason.MISSING_IN_SOURCE,
        Optional.of(fingerprint("old")), Optional.empty(), List.of(), Optional.of(new Diff("--- Kestra: flow dev/old\n"
            + "+++ /dev/null\n@@ -1,1 +0,0 @@\n-id: old", 0, 1)));
    Change keep = new Change(file, file, Side.KESTRA, Action.NO_OP, Reason.IN_SYNC, Optional.of(fingerprint("f")),
        Optional.of(fingerprint("f")), List.of(), Optional.empty());
    return Plan.builder()
        .id("9435214b55af6d48")
        .git(new SnapshotRef(Side.GIT, "3f2a9c1d8e7b6a5f4e3d2c1b0a99887766554433", scope))
        .kestra(new SnapshotRef(Side.KESTRA, "digest:5d41402abc4b2a76b9719d911017c592", scope))
        .policy(Policy.builder().sourceOfTruth(Side.GIT).protectedNamespaces(Set.of("prod"))
            .addProtectedResources(ResourceKey.flow("dev", "sync")).build())
        .addChanges(create, update, delete, keep)
        .addDiagnostics(
            Diagnostic.warning("Kestra notes: the property 'x' is deprecated").onSide(Side.KESTRA).forKey(b),
            Diagnostic.info("line 4: mapping values are not allowed here").onSide(Side.GIT)
                .inFile("dev/flows/broken.yaml").atLine(4).atField("tasks"))
        .putMetadata("git", "file:///srv/flows.git")
        .putMetadata("branch", "main")
        .putMetadata("kestra", "http://127.0.0.1:8080")
        .build();
  }

  private static Fingerprint fingerprint(String text) {
    return Fingerprint.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
