package dev.driftless.resource;

/** The two places a resource can live. Either one can be the source of truth. */
public enum Side {
  GIT("Git"),
  KESTRA("Kestra");

  private final String displayName;

  Side(String displayName) {
    this.displayName = displayName;
  }

  /** The side that is not this one. */
  public Side other() {
    return switch (this) {
      case GIT -> KESTRA;
      case KESTRA -> GIT;
    };
  }

  /** The name shown to people: {@code Git}, {@code Kestra}. */
  public String displayName() {
    return displayName;
  }
}
