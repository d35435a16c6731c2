package dev.driftless.plan;

/** What one side did to a resource since the baseline of a two-way sync. */
public enum Edit {
  /** Holds what the baseline holds (or, like the baseline, nothing). */
  UNCHANGED("unchanged"),
  /** Holds it; the baseline does not. On a first sync (no baseline) everything present is created. */
  CREATED("created"),
  /** Holds it with other content than the baseline. */
  EDITED("edited"),
  /** Does not hold it; the baseline does. */
  DELETED("deleted"),
  /** Its copy cannot be read or claimed twice: what it did is not known, and nothing is decided from it. */
  UNKNOWN("unreadable");

  private final String label;

  Edit(String label) {
    this.label = label;
  }

  /** Whether the side holds something other than the baseline (or cannot tell). */
  public boolean isChange() {
    return this != UNCHANGED;
  }

  /** The stable lower-case word used in JSON and shown in plans. */
  public String label() {
    return label;
  }

  public static Edit fromLabel(String label) {
    for (Edit edit : values()) {
      if (edit.label.equals(label)) {
        return edit;
      }
    }
    throw new IllegalArgumentException("unknown edit '" + label + "'");
  }
}
