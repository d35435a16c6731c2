package dev.driftless.presets;

import dev.driftless.git.layout.Layout;
import dev.driftless.policy.Policy;
import dev.driftless.policy.Selector;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.style.ValueStyle;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.immutables.value.Value;

/** SyncFlow: one flow file from Git into a namespace. Never deletes anything. */
@Value.Immutable
@ValueStyle
public abstract non-sealed class SyncFlow implements SyncTask, OnBranch {

  /** Only the generated implementation extends it. */
  SyncFlow() {}

  public abstract Optional<String> targetNamespace();

  /** The flow's file in the repository ({@code flows/my_flow.yml}). */
  public abstract Optional<String> flowPath();

  @Override
  public TaskType type() {
    return TaskType.SYNC_FLOW;
  }

  @Override
  public List<Problem> problems() {
    Checks checks = new Checks().remote(this).server(this, false).branch("branch", branch())
        .required("targetNamespace", targetNamespace()).namespace("targetNamespace", targetNamespace())
        .required("flowPath", flowPath());
    flowPath().filter(p -> !p.isBlank()).ifPresent(p -> {
      String path = Checks.normaliseDirectory(p);
      ResourceKey.pathProblem(path).ifPresent(problem -> checks.add("flowPath", "'" + p + "' " + problem));
      if (!path.endsWith(".yml") && !path.endsWith(".yaml")) {
        checks.add("flowPath", "'" + p + "' is not a .yml or .yaml file");
      }
    });
    return checks.problems();
  }

  @Override
  public PresetSpec spec() {
    String ns = targetNamespace().orElseThrow();
    String path = Checks.normaliseDirectory(flowPath().orElseThrow());
    String directory = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    Scope scope = Scope.namespaces(List.of(ns), false, Set.of(ResourceKind.FLOW));
    Policy policy = Policy.builder()
        .sourceOfTruth(Side.GIT)
        .whenMissingInSource(WhenMissing.KEEP)
        .selector(Selector.kinds(Set.of(ResourceKind.FLOW)))
        .build();
    Layout layout = LayoutType.FLOWS.layout(directory, targetNamespace(), false);
    return PresetSpec.builder()
        .type(type())
        .policy(policy)
        .git(GitTarget.of(this, branch(), layout, scope, policy))
        .kestraScope(scope)
        .kestra(this)
        .dryRun(dryRun())
        .rows(RowStyle.SYNC_FLOWS)
        .singleFlowPath(path)
        .build();
  }

  @Value.Check
  protected void check() {
    Tasks.check(this);
  }

  /** Reads this task's properties from a task file; builds (and validates) when called. */
  static Supplier<Task> read(PropertyReader r) {
    Builder b = builder();
    FieldGroups.readShared(r, b);
    r.string("branch").ifPresent(b::branch);
    r.string("targetNamespace").ifPresent(b::targetNamespace);
    r.string("flowPath").ifPresent(b::flowPath);
    return b::build;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static class Builder extends ImmutableSyncFlow.Builder
      implements FieldGroups.Remote<Builder>, FieldGroups.Server<Builder>, FieldGroups.DryRun<Builder>, FieldGroups.Rows<Builder> {
    Builder() {}
  }
}
