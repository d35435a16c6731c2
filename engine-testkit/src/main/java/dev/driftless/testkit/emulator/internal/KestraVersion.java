package dev.driftless.testkit.emulator.internal;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An emulated Kestra version and the behaviour it selects. Each predicate names one behaviour and
 * the version that brought it, so the version table of the reference lives in one place.
 */
public record KestraVersion(int major, int minor, int patch, String text) {

  private static final Pattern FORMAT = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?");

  public KestraVersion {
    Objects.requireNonNull(text, "text");
  }

  /** Parses {@code major.minor[.patch][-suffix]}, with an optional leading {@code v}. */
  public static KestraVersion parse(String text) {
    Objects.requireNonNull(text, "version");
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Kestra version (major.minor[.patch]): " + text);
    }
    return new KestraVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), text.trim());
  }

  public boolean atLeast(int otherMajor, int otherMinor) {
    return major > otherMajor || (major == otherMajor && minor >= otherMinor);
  }

  /** 0.23: OSS paths carry the tenant {@code main}. */
  public boolean tenantPaths() {
    return atLeast(0, 23);
  }

  /** 0.24: Basic auth is mandatory in OSS, {@code /api/v1/configs} included. */
  public boolean configsNeedAuth() {
    return atLeast(0, 24);
  }

  /** 0.21: dashboards exist in OSS (0.20 had them in Enterprise only). */
  public boolean ossDashboards() {
    return atLeast(0, 21);
  }

  /** 0.20.x: the namespace file export also holds the namespace's flows under {@code _flows/}. */
  public boolean flowsInNamespaceExport() {
    return !atLeast(0, 21);
  }

  /** About 0.23: test suites (Enterprise). */
  public boolean testSuites() {
    return atLeast(0, 23);
  }

  /** 1.0: reserved flow ids. */
  public boolean reservedFlowIds() {
    return atLeast(1, 0);
  }

  /** 1.0 (guessed): 404 answers carry {@code X-Kestra-Edition}. */
  public boolean editionHeaderOn404() {
    return atLeast(1, 0);
  }

  /** 1.0 (guessed): namespace file path segments longer than 255 characters are refused. */
  public boolean fileNameLengthLimit() {
    return atLeast(1, 0);
  }

  /** 1.0 (guessed): export by ids names entries {@code ns.id.yaml} instead of {@code ns.id.yml}. */
  public String exportByIdsExtension() {
    return atLeast(1, 0) ? ".yaml" : ".yml";
  }

  /** 1.2: namespace files have revisions. */
  public boolean namespaceFileRevisions() {
    return atLeast(1, 2);
  }

  /** 2.0: RFC 9457 {@code application/problem+json} errors. */
  public boolean problemDetails() {
    return atLeast(2, 0);
  }

  /** 2.0: {@code ?draft=} on flow create and update. */
  public boolean drafts() {
    return atLeast(2, 0);
  }

  /** 2.0: an existing id answers 409 instead of 422. */
  public boolean duplicateIsConflict() {
    return atLeast(2, 0);
  }

  /** 2.0: dashboard ids come from the YAML; writes are Enterprise only. */
  public boolean dashboardIdFromYaml() {
    return atLeast(2, 0);
  }

  @Override
  public String toString() {
    return text;
  }
}
