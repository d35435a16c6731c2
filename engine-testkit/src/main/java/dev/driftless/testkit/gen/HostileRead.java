package dev.driftless.testkit.gen;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.Objects;
import java.util.Optional;

/**
 * A read of one side that goes wrong, for the law that no such read causes a delete on the other
 * side: which side, how, where it is aimed, and a number for the side to choose the rest with (the
 * call, the page, the entry, the size).
 *
 * @param side the side whose read goes wrong
 * @param how the way it goes wrong
 * @param kind the kind aimed at, or empty for the whole read (every call of the side)
 * @param namespace the namespace aimed at, in the side's own terms ({@code ""} for global kinds)
 * @param pick a number to choose the details with
 */
public record HostileRead(Side side, Misread how, Optional<ResourceKind> kind, String namespace, int pick) {

  public HostileRead {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(how, "how");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    if (pick < 0) {
      throw new IllegalArgumentException("pick is not negative, got " + pick);
    }
  }

  /** Whether every call of the side's read goes wrong, not only those of one kind. */
  public boolean isWhole() {
    return kind.isEmpty();
  }

  /**
   * A key of the aimed kind and namespace for an entry that goes wrong: one of the generated
   * scenarios' names for even picks (so that it may be a resource the side holds), a name of its
   * own for odd ones.
   *
   * @throws IllegalStateException for a read aimed at no kind ({@link #isWhole()})
   */
  public ResourceKey key() {
    ResourceKind aimed = kind.orElseThrow(() -> new IllegalStateException("the whole read is aimed at no kind"));
    if (pick % 2 == 0) {
      return Generators.key(aimed, namespace, pick / 2);
    }
    String name = "hostile_" + pick;
    return switch (aimed) {
      case NAMESPACE_FILE, EXECUTION_FILE -> new ResourceKey(aimed, namespace, "hostile/" + pick + ".bin");
      case FLOW, APP, TEST, DASHBOARD -> new ResourceKey(aimed, namespace, name);
    };
  }

  @Override
  public String toString() {
    return how + " in " + side.displayName() + " (" + kind.map(k -> k.label() + "s"
        + (k.isNamespaced() ? " of " + namespace : "")).orElse("every call") + ", pick " + pick + ")";
  }
}
