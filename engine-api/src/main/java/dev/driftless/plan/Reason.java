package dev.driftless.plan;

import dev.driftless.resource.Side;

/** Why a change has its action. Every change has exactly one reason. */
public enum Reason {
  /** Equal on both sides. */
  IN_SYNC("in sync"),
  /** The source has it, the target does not. */
  MISSING_IN_TARGET("missing in {target}"),
  /** Both have it and it differs. */
  CONTENT_CHANGED("differs from {source}"),
  /** Both have it, the documents mean the same, only the text differs (comments, quotes, layout). */
  FORMAT_ONLY("same YAML as {source}, different text (formatting, comments)"),
  /** The target has it, the source does not, and the policy deletes it. */
  MISSING_IN_SOURCE("missing in {source}"),
  /** Missing in the source, kept by {@code whenMissingInSource: KEEP}. */
  POLICY_KEEP("missing in {source}, kept by whenMissingInSource: KEEP"),
  /** Missing in the source under {@code whenMissingInSource: FAIL}: the plan is refused. */
  POLICY_FAIL("missing in {source}, and whenMissingInSource is FAIL"),
  /** Missing in the source, but its namespace is protected. */
  PROTECTED_NAMESPACE("missing in {source}, but its namespace is protected"),
  /** Missing in the source, but the policy protects this very resource (the flow running the sync). */
  PROTECTED_RESOURCE("missing in {source}, but it is protected (the flow running this sync)"),
  /** The source's copy is not a valid document. */
  INVALID_SOURCE("invalid in {source}"),
  /** The target's copy is not a valid document: it is left alone until someone fixes it. */
  INVALID_TARGET("invalid in {target}"),
  /** A copy could not be read. */
  UNREADABLE("could not be read"),
  /** A copy is larger than the size limit of one resource ({@code PlanOptions.maxResourceBytes}). */
  TOO_LARGE("larger than the size limit"),
  /** Missing in the source, but the source has unreadable or invalid entries of this kind here. */
  INCOMPLETE_SOURCE("missing in {source}, but {source} has unreadable or invalid entries of this kind in this namespace"),
  /** Several entries on one side claim the same identity. */
  IDENTITY_CONFLICT("several entries claim this identity"),
  /**
   * The target said it would refuse the write, or store it otherwise than sent so that the sides could
   * never agree (see the warning for the target's words and what to do).
   */
  TARGET_REFUSES("{target} cannot take it as it is"),
  /** A deletion held back by a mass-deletion guard until the plan is approved. */
  GUARD_MASS_DELETE("held back by the mass-deletion guard"),
  /**
   * Two-way: changed on both sides since the baseline, in lines apart from each other; the merge of
   * both is written to both sides.
   */
  MERGED("merged: changed in {source} and in {target} since the last sync, in different lines"),
  /**
   * Two-way: changed on both sides since the baseline in ways that cannot be merged (the same lines,
   * a deletion against an edit, an invalid merge); nothing of it is written.
   */
  CONFLICT("changed in {source} and in {target} since the last sync, and the changes cannot be merged"),
  /** Two-way, first sync: the sides differ and no baseline says which one changed; nothing is written. */
  NO_BASELINE("differs between {source} and {target}, and no baseline says which side changed (first two-way sync)"),
  /** Two-way: a conflict (or a difference on the first sync) that {@code onConflict} settles for the source. */
  CONFLICT_RESOLVED("a conflict; onConflict keeps {source}'s copy");

  private final String template;

  Reason(String template) {
    this.template = template;
  }

  /** A short phrase for people, naming the sides: {@code missing in Kestra}. */
  public String describe(Side source, Side target) {
    return template.replace("{source}", source.displayName()).replace("{target}", target.displayName());
  }

  /** Whether this is a two-way conflict left unresolved: blocked, showing both sides' changes. */
  public boolean isConflict() {
    return this == CONFLICT || this == NO_BASELINE;
  }

  /** The stable lower-case name used in JSON. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Reason fromLabel(String label) {
    return valueOf(label.toUpperCase(java.util.Locale.ROOT));
  }
}
