package dev.driftless.policy;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.style.ValueStyle;
import java.util.Map;
import java.util.Set;
import org.immutables.value.Value;

/**
 * How a plan decides. Defaults are the Kestra Git plugin's ({@code NamespaceSync}): Kestra is the
 * source of truth, missing resources are deleted, {@code system} is protected, invalid syntax
 * fails the plan, child namespaces are not included.
 *
 * <pre>{@code
 * Policy policy = Policy.builder()
 *     .sourceOfTruth(Side.GIT)
 *     .putSourceOfTruthByKind(ResourceKind.FLOW, Side.KESTRA)
 *     .whenMissingInSource(WhenMissing.KEEP)
 *     .build();
 * }</pre>
 *
 * <p>A two-way sync ({@code sourceOfTruth: BOTH} in a task or on the command line) is
 * {@link #twoWay()}: both sides are sources, and each resource goes the way it changed since the
 * last two-way apply (the baseline). A per-kind source of truth still makes that kind one-way, and
 * execution files always come from Kestra.
 *
 * <pre>{@code
 * Policy twoWay = Policy.builder().twoWay(true).onConflict(OnConflict.GIT).build();
 * }</pre>
 */
@Value.Immutable
@ValueStyle
public abstract class Policy {

  /** Only the generated implementation extends it. */
  Policy() {}

  /** The side whose state is wanted, unless a kind says otherwise. */
  @Value.Default
  public Side sourceOfTruth() {
    return Side.KESTRA;
  }

  /**
   * Whether both sides are sources of truth: a resource changed on one side since the baseline is
   * written to the other, one changed on both is merged or is a conflict ({@link #onConflict()}).
   * {@link #sourceOfTruth()} then only names the side listed first in messages; kinds with a
   * per-kind source of truth, and execution files, stay one-way.
   */
  @Value.Default
  public boolean twoWay() {
    return false;
  }

  /** What a two-way sync does with a conflict; FAIL, the default, writes nothing of it. */
  @Value.Default
  public OnConflict onConflict() {
    return OnConflict.FAIL;
  }

  /** Per-kind overrides of the source of truth: flows from Kestra, files from Git. */
  public abstract Map<ResourceKind, Side> sourceOfTruthByKind();

  @Value.Default
  public WhenMissing whenMissingInSource() {
    return WhenMissing.DELETE;
  }

  /**
   * Namespaces (with their children) in which nothing is ever deleted, on either side, for any
   * kind. Tenant-global resources (dashboards) are protected by listing {@value ResourceKey#GLOBAL}.
   */
  @Value.Default
  @SuppressWarnings("immutables:untype")
  public Set<String> protectedNamespaces() {
    return Set.of("system");
  }

  /**
   * Resources never deleted, on either side, though their source lacks them: the flow running a
   * sync inside Kestra (which the Git plugin promises never to delete). Updates still apply.
   */
  public abstract Set<ResourceKey> protectedResources();

  @Value.Default
  public OnInvalidSyntax onInvalidSyntax() {
    return OnInvalidSyntax.FAIL;
  }

  @Value.Default
  public NamespaceMapping namespaceMapping() {
    return NamespaceMapping.identity();
  }

  /**
   * Whether resources in child namespaces of the scope's namespaces take part. When false they are
   * left alone on both sides, even where a snapshot holds them.
   */
  @Value.Default
  public boolean includeChildNamespaces() {
    return false;
  }

  @Value.Default
  public Selector selector() {
    return Selector.all();
  }

  @Value.Default
  public Guards guards() {
    return Guards.defaults();
  }

  /**
   * The source of truth for one kind. Execution files always come from Kestra, whatever the
   * default: Kestra is read-only for them.
   */
  public Side sourceOfTruth(ResourceKind kind) {
    Side override = sourceOfTruthByKind().get(kind);
    if (override != null) {
      return override;
    }
    return kind == ResourceKind.EXECUTION_FILE ? Side.KESTRA : sourceOfTruth();
  }

  /**
   * Whether this kind is synced both ways: the policy is {@link #twoWay()}, no per-kind source of
   * truth makes it one-way, and both sides can hold it (execution files are only read from Kestra).
   */
  public boolean isTwoWay(ResourceKind kind) {
    return twoWay() && !sourceOfTruthByKind().containsKey(kind) && kind.isWritableOn(Side.GIT)
        && kind.isWritableOn(Side.KESTRA);
  }

  /**
   * Whether a side is only written for these kinds: none of them comes from it. The one rule for
   * what a missing branch, directory or namespace on that side means: it reads as empty (it will be
   * created) when the side is only written, and is an error when the side is a source.
   */
  public boolean isOnlyWritten(Side side, Set<ResourceKind> kinds) {
    return kinds.stream().noneMatch(k -> isTwoWay(k) || sourceOfTruth(k) == side);
  }

  /** Whether nothing may be deleted in this namespace (or for tenant-global resources, under {@code _global}). */
  public boolean isProtected(String namespace) {
    for (String p : protectedNamespaces()) {
      if (namespace.equals(p) || (namespace.startsWith(p) && namespace.length() > p.length()
          && namespace.charAt(p.length()) == '.')) {
        return true;
      }
    }
    return false;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Policy withSourceOfTruth(Side value) {
    return ImmutablePolicy.copyOf(this).withSourceOfTruth(value);
  }

  public Policy withSourceOfTruthByKind(Map<ResourceKind, ? extends Side> value) {
    return ImmutablePolicy.copyOf(this).withSourceOfTruthByKind(value);
  }

  public Policy withWhenMissingInSource(WhenMissing value) {
    return ImmutablePolicy.copyOf(this).withWhenMissingInSource(value);
  }

  public Policy withProtectedNamespaces(Set<String> value) {
    return ImmutablePolicy.copyOf(this).withProtectedNamespaces(value);
  }

  public Policy withProtectedResources(Set<ResourceKey> value) {
    return ((ImmutablePolicy) ImmutablePolicy.copyOf(this)).withProtectedResources((Iterable<ResourceKey>) value);
  }

  public Policy withOnInvalidSyntax(OnInvalidSyntax value) {
    return ImmutablePolicy.copyOf(this).withOnInvalidSyntax(value);
  }

  public Policy withNamespaceMapping(NamespaceMapping value) {
    return ImmutablePolicy.copyOf(this).withNamespaceMapping(value);
  }

  public Policy withIncludeChildNamespaces(boolean value) {
    return ImmutablePolicy.copyOf(this).withIncludeChildNamespaces(value);
  }

  public Policy withSelector(Selector value) {
    return ImmutablePolicy.copyOf(this).withSelector(value);
  }

  public Policy withTwoWay(boolean value) {
    return ImmutablePolicy.copyOf(this).withTwoWay(value);
  }

  public Policy withOnConflict(OnConflict value) {
    return ImmutablePolicy.copyOf(this).withOnConflict(value);
  }

  public Policy withGuards(Guards value) {
    return ImmutablePolicy.copyOf(this).withGuards(value);
  }

  /** The plugin's defaults. */
  public static Policy defaults() {
    return builder().build();
  }

  public static class Builder extends ImmutablePolicy.Builder {
    Builder() {}
  }

  @Value.Check
  protected void check() {
    if (sourceOfTruthByKind().get(ResourceKind.EXECUTION_FILE) == Side.GIT) {
      throw new IllegalArgumentException(
          "execution files can only go from Kestra to Git: their source of truth must be KESTRA");
    }
    if (twoWay() && !namespaceMapping().isIdentity()) {
      throw new IllegalArgumentException("sourceOfTruth BOTH cannot map namespaces: a two-way sync compares each"
          + " resource with the same resource on the other side. Remove the namespace mapping, or choose GIT or"
          + " KESTRA as the source of truth");
    }
    if (twoWay() && whenMissingInSource() != WhenMissing.DELETE) {
      throw new IllegalArgumentException("sourceOfTruth BOTH decides deletions from the baseline (a resource"
          + " deleted on one side since the last sync is deleted on the other, one also edited there is a"
          + " conflict), so whenMissingInSource " + whenMissingInSource() + " cannot apply: leave it unset");
    }
    if (!twoWay() && onConflict() != OnConflict.FAIL) {
      throw new IllegalArgumentException("onConflict " + onConflict() + " only applies to a two-way sync"
          + " (sourceOfTruth BOTH); with one source of truth there are no conflicts");
    }
    for (String ns : protectedNamespaces()) {
      if (!ns.equals(ResourceKey.GLOBAL)) {
        ResourceKey.namespaceProblem(ns).ifPresent(p -> {
          throw new IllegalArgumentException("protectedNamespaces: " + p);
        });
      }
    }
  }
}
