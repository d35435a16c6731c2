package dev.driftless.plan;

/** What a change does to the side it targets. Only {@link #isWrite() writes} touch a side. */
public enum Action {
  CREATE("create", "+"),
  UPDATE("update", "~"),
  DELETE("delete", "-"),
  /** Equal on both sides. */
  NO_OP("no-op", " "),
  /** Missing in the source and kept, by {@code whenMissingInSource: KEEP}. Drift, not equality. */
  KEEP("keep", "="),
  /** A deletion refused because the namespace is protected. */
  PROTECTED("protected", "#"),
  /** Refused: the FAIL policy, invalid or unreadable input, a conflict, or a guard. */
  BLOCKED("blocked", "!");

  private final String label;
  private final String symbol;

  Action(String label, String symbol) {
    this.label = label;
    this.symbol = symbol;
  }

  /** Whether applying this change writes to the target side. */
  public boolean isWrite() {
    return switch (this) {
      case CREATE, UPDATE, DELETE -> true;
      case NO_OP, KEEP, PROTECTED, BLOCKED -> false;
    };
  }

  /** Whether this change creates or updates (as opposed to deleting). */
  public boolean isUpsert() {
    return this == CREATE || this == UPDATE;
  }

  /** The stable lower-case name used in JSON and rows. */
  public String label() {
    return label;
  }

  /** The one-character mark in human output, as in {@code terraform plan}. */
  public String symbol() {
    return symbol;
  }

  public static Action fromLabel(String label) {
    for (Action action : values()) {
      if (action.label.equals(label)) {
        return action;
      }
    }
    throw new IllegalArgumentException("unknown action '" + label + "'");
  }
}
