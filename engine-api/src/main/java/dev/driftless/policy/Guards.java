package dev.driftless.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Holds back a plan that deletes too much on a side, unless the caller approves that exact plan by
 * its id: the deletions become {@code BLOCKED} ({@code guard_mass_delete}) and the plan cannot be
 * applied.
 *
 * <p>A wrong directory, a typo'd branch or an empty export looks exactly like "delete everything";
 * guards turn that into a question instead of an outage. In the manner of octoDNS, the share rule
 * only judges a side that holds enough to make a share meaningful: deleting one stale flow of the
 * one in scope (a renamed flow) is not a mass deletion, while deleting every resource of a side
 * whose source holds nothing in scope (the signature of a wrong directory) is, at any size.
 * {@link #tripped} is the whole rule; the planner applies it per side, and tests predict it with it.
 *
 * @param refuseDeletingEverything hold back a plan that deletes every resource in scope on a side,
 *     when the source holds nothing in scope or the side holds at least {@code minPopulation}
 * @param maxDeleteShare hold back a plan that deletes more than this share (0 to 1) of the resources
 *     in scope on a side that holds at least {@code minPopulation}; empty for no limit
 * @param minPopulation the fewest resources in scope on a side for the share rule (and deleting
 *     everything from a source that is not empty) to apply; 0 to apply them at any size
 * @param allowedDeletes a plan deleting at most this many on a side passes on that side, whatever
 *     the rules above say: the approval of a known count given in advance; empty for none
 */
public record Guards(boolean refuseDeletingEverything, OptionalDouble maxDeleteShare, int minPopulation,
    OptionalInt allowedDeletes) {

  /** octoDNS's threshold: deleting more than 30 % of what a side holds is held back. */
  public static final double DEFAULT_MAX_DELETE_SHARE = 0.3;

  /** octoDNS's minimum: a side holding fewer than 10 resources in scope is not judged by share. */
  public static final int DEFAULT_MIN_POPULATION = 10;

  /**
   * The field of the error a tripped guard adds to a plan: the plan's policy's guards. A plan whose
   * only errors name it is held back by the guard alone ({@code Plan#isHeldOnlyByGuards}).
   */
  public static final String FIELD = "guards";

  /** Which rule held a side's deletions back. */
  public enum Rule {
    /** Every resource in scope on the side would be deleted. */
    EVERYTHING,
    /** More than {@link #maxDeleteShare} of them would be deleted. */
    SHARE
  }

  public Guards {
    if (maxDeleteShare.isPresent()) {
      double share = maxDeleteShare.getAsDouble();
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("the largest share of deletions is between 0 and 1 (0% and 100%), got "
            + share);
      }
    }
    if (minPopulation < 0) {
      throw new IllegalArgumentException("the smallest population the share of deletions is judged at is 0 or more, "
          + "got " + minPopulation);
    }
    if (allowedDeletes.isPresent() && allowedDeletes.getAsInt() < 0) {
      throw new IllegalArgumentException("the number of deletions allowed without approval is 0 or more, got "
          + allowedDeletes.getAsInt());
    }
  }

  /**
   * Holds back deleting everything in scope where the source is empty (or the side holds at least
   * 10), and deleting more than 30 % of a side that holds at least 10; no deletions allowed in
   * advance.
   */
  public static Guards defaults() {
    return new Guards(true, OptionalDouble.of(DEFAULT_MAX_DELETE_SHARE), DEFAULT_MIN_POPULATION, OptionalInt.empty());
  }

  /** No guard at all. */
  public static Guards none() {
    return new Guards(false, OptionalDouble.empty(), 0, OptionalInt.empty());
  }

  /** Whether this guard never holds anything back. */
  public boolean isNone() {
    return !refuseDeletingEverything && maxDeleteShare.isEmpty();
  }

  public Guards withRefuseDeletingEverything(boolean value) {
    return new Guards(value, maxDeleteShare, minPopulation, allowedDeletes);
  }

  public Guards withMaxDeleteShare(double share) {
    return new Guards(refuseDeletingEverything, OptionalDouble.of(share), minPopulation, allowedDeletes);
  }

  public Guards withNoMaxDeleteShare() {
    return new Guards(refuseDeletingEverything, OptionalDouble.empty(), minPopulation, allowedDeletes);
  }

  public Guards withMinPopulation(int value) {
    return new Guards(refuseDeletingEverything, maxDeleteShare, value, allowedDeletes);
  }

  public Guards withAllowedDeletes(int value) {
    return new Guards(refuseDeletingEverything, maxDeleteShare, minPopulation, OptionalInt.of(value));
  }

  /**
   * The rule that holds back {@code deletes} deletions on a side holding {@code population}
   * resources in scope, whose source holds {@code sourcePopulation} in that scope; empty when they
   * pass. Deleting everything is named before the share when both hold.
   */
  public Optional<Rule> tripped(int deletes, int population, int sourcePopulation) {
    if (deletes <= 0 || (allowedDeletes.isPresent() && deletes <= allowedDeletes.getAsInt())) {
      return Optional.empty();
    }
    boolean judged = population >= minPopulation;
    if (refuseDeletingEverything && deletes >= population && (sourcePopulation == 0 || judged)) {
      return Optional.of(Rule.EVERYTHING);
    }
    if (maxDeleteShare.isPresent() && judged && deletes > maxDeleteShare.getAsDouble() * population) {
      return Optional.of(Rule.SHARE);
    }
    return Optional.empty();
  }

  /**
   * A share as people write it: {@code 30%} or {@code 0.3}, from 0 to 1 (0 % to 100 %).
   *
   * @throws IllegalArgumentException in words, when it is neither or out of range
   */
  public static double share(String text) {
    String t = text.strip();
    boolean percent = t.endsWith("%");
    String number = percent ? t.substring(0, t.length() - 1).strip() : t;
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a share such as 30% or 0.3, got '" + text + "'");
    }
    if (number.isEmpty() || !Double.isFinite(value) || number.matches(".*[a-zA-Z].*")) {
      throw new IllegalArgumentException("must be a share such as 30% or 0.3, got '" + text + "'");
    }
    double share = percent ? value / 100 : value;
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("must be a share from 0% to 100% (0 to 1), got '" + text + "'");
    }
    return share;
  }

  /** A share as {@link #share} reads it back: {@code 30%}, {@code 12.5%}. */
  public static String percent(double share) {
    String text = String.format(Locale.ROOT, "%.4f", share * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
    return text + "%";
  }
}
