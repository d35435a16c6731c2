package dev.driftless.testkit.gen;

import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the sides under test can hold, so generated scenarios only use what both support.
 *
 * @param kinds the kinds both sides can hold and write
 * @param unreadableOnGit whether the Git side can be made to hold an unreadable entry
 * @param unreadableOnKestra whether the Kestra side can
 * @param invalidOnKestra whether the Kestra side can hold a document that does not parse
 */
public record Capabilities(Set<ResourceKind> kinds, boolean unreadableOnGit, boolean unreadableOnKestra,
    boolean invalidOnKestra) {

  public Capabilities {
    kinds = Set.copyOf(kinds);
    if (kinds.isEmpty() || kinds.contains(ResourceKind.EXECUTION_FILE)) {
      throw new IllegalArgumentException("scenarios use writable kinds on both sides, at least one");
    }
  }

  /** Everything: what the in-memory sides support. */
  public static Capabilities all() {
    return new Capabilities(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD,
        ResourceKind.APP, ResourceKind.TEST), true, true, true);
  }

  public Capabilities withKinds(Set<ResourceKind> only) {
    return new Capabilities(only, unreadableOnGit, unreadableOnKestra, invalidOnKestra);
  }

  public boolean unreadableOn(Side side) {
    return side == Side.GIT ? unreadableOnGit : unreadableOnKestra;
  }

  public boolean invalidOn(Side side) {
    return side == Side.GIT || invalidOnKestra;
  }
}
