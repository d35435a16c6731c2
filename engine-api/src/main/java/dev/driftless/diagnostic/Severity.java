package dev.driftless.diagnostic;

/** How serious a diagnostic is. A plan with an {@link #ERROR} cannot be applied. */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  INFO("info");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether a plan carrying this diagnostic is refused. */
  public boolean blocksApply() {
    return this == ERROR;
  }
}
