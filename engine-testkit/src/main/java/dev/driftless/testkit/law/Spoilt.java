package dev.driftless.testkit.law;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A read a side was told to spoil: what it may hide, and whether it did go wrong once planned.
 * Damage in a side's store (an entry that cannot be read, a link where a folder should be, a read
 * that fails) always does. A wrong answer about a sound store may not: the read may never make the
 * call it spoils, a retry may get the real answer, or the wrong answer may happen to be the real one.
 *
 * @param reach what the read may hide, in the spoilt side's namespaces
 * @param wentWrong asked after planning: whether a damaged entry or a wrong answer was read
 */
public record Spoilt(Reach reach, BooleanSupplier wentWrong) {

  public Spoilt {
    Objects.requireNonNull(reach, "reach");
    Objects.requireNonNull(wentWrong, "wentWrong");
  }

  /** Damage in the side's store: every read goes wrong. */
  public static Spoilt damaged(Reach reach) {
    return new Spoilt(reach, () -> true);
  }
}
