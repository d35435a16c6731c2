package dev.driftless.kestra;

/** Which API paths to call: with a tenant segment (Kestra 0.23 and later) or without (up to 0.22). */
public enum PathStyle {
  /** Decided from the version {@code GET /api/v1/configs} reports: tenant paths from 0.23 on. */
  AUTO,
  /** {@code /api/v1/flows/...}: Kestra up to 0.22. */
  LEGACY,
  /** {@code /api/v1/<tenant>/flows/...}: Kestra 0.23 and later, and Enterprise. */
  TENANT
}
