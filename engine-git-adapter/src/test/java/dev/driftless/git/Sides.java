package dev.driftless.git;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.git.layout.Layout;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/** Small helpers the adapter's tests share: sides on a URL, scopes, a plan-and-apply step. */
final class Sides {

  /** Every kind the namespace layout holds. */
  static final Set<ResourceKind> NAMESPACE_KINDS = EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE,
      ResourceKind.APP, ResourceKind.TEST, ResourceKind.DASHBOARD);

  private Sides() {}

  static GitSide open(String url, Layout layout) {
    return open(url, layout, b -> { });
  }

  static GitSide open(String url, Layout layout, Consumer<GitSettings.Builder> more) {
    GitSettings.Builder builder = GitSettings.builder().remote(GitRemote.of(url)).layout(layout);
    more.accept(builder);
    return GitSide.open(builder.build());
  }

  static GitSide open(GitRemote remote, Layout layout) {
    return GitSide.open(GitSettings.builder().remote(remote).layout(layout).build());
  }

  /** A policy with the given source of truth and no mass-deletion guard. */
  static Policy policy(Side sourceOfTruth) {
    return Policy.builder().sourceOfTruth(sourceOfTruth).guards(Guards.none()).build();
  }

  /** Plans between the Git side and a Kestra fake over one scope, and applies. */
  static ApplyResult sync(GitSide git, InMemorySide kestra, Scope scope, Policy policy) {
    Plan plan = plan(git, kestra, scope, policy);
    return Applier.to(git.writer(), kestra).apply(plan);
  }

  static Plan plan(GitSide git, InMemorySide kestra, Scope scope, Policy policy) {
    Snapshot gitSnapshot = git.reader().read(scope);
    return Planner.plan(gitSnapshot, kestra.read(scope), policy);
  }

  static Scope tenant() {
    return Scope.tenant(NAMESPACE_KINDS);
  }
}
