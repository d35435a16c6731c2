package dev.driftless.emulator;

/**
 * The kind of Kestra server the emulator plays. The mode decides the URL layout and the edition;
 * the {@linkplain KestraEmulator#version() version} decides everything else.
 */
public enum Mode {
  /** Kestra OSS up to 0.22: no tenant segment, {@code /api/v1/flows/...}. */
  LEGACY(false, "OSS"),
  /**
   * Kestra OSS from 0.23: the tenant segment is always {@code main}, {@code /api/v1/main/flows/...};
   * any other tenant is answered with 400.
   */
  OSS(true, "OSS"),
  /** Kestra Enterprise: any tenant, {@code /api/v1/{tenant}/...}, API tokens as Bearer credentials. */
  EE(true, "EE");

  private final boolean tenantInPath;
  private final String edition;

  Mode(boolean tenantInPath, String edition) {
    this.tenantInPath = tenantInPath;
    this.edition = edition;
  }

  /** Whether API paths carry a tenant segment after {@code /api/v1}. */
  public boolean tenantInPath() {
    return tenantInPath;
  }

  /** The edition the server reports in {@code /api/v1/configs}: {@code OSS} or {@code EE}. */
  public String edition() {
    return edition;
  }

  /** Whether this is the Enterprise edition (apps, tests, namespace CRUD, API tokens). */
  public boolean isEnterprise() {
    return this == EE;
  }
}
