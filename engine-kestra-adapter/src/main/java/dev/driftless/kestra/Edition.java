package dev.driftless.kestra;

/** The Kestra edition a server reports in {@code /api/v1/configs}. */
public enum Edition {
  OSS("OSS"),
  ENTERPRISE("Enterprise");

  private final String label;

  Edition(String label) {
    this.label = label;
  }

  /** {@code OSS} or {@code Enterprise}, for messages. */
  public String label() {
    return label;
  }

  /** The edition for the {@code edition} field of {@code /api/v1/configs} ({@code OSS}, {@code EE}). */
  public static Edition fromConfigs(String value) {
    return value != null && (value.equalsIgnoreCase("EE") || value.equalsIgnoreCase("ENTERPRISE")) ? ENTERPRISE : OSS;
  }
}
