package dev.driftless.emulator.internal;

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

  /**
   * 0.21 (guessed; 0.20.7 verified without): {@code /api/v1/configs} names the edition, the URL and
   * the commit date. A 0.20 server says only its version, commit, preview sizes, system namespace
   * and hidden label prefixes, so its edition is read as OSS.
   */
  public boolean configsNameEdition() {
    return atLeast(0, 21);
  }

  /** 0.21: dashboards exist in OSS (0.20 had them in Enterprise only). */
  public boolean ossDashboards() {
    return atLeast(0, 21);
  }

  /**
   * 0.20.x: the source served for a flow lacks its first top-level {@code revision: N} line (Kestra
   * removes it when it reads the stored text); from 0.21 the text is served as stored.
   */
  public boolean stripsRevisionLine() {
    return !atLeast(0, 21);
  }

  /**
   * 0.20 and 0.21: namespace file paths are stored altered (a space as {@code +}, cut at {@code #},
   * {@code %} refused). Seen on 0.20.7; 0.21 from its sources.
   */
  public boolean manglesFileNames() {
    return !atLeast(0, 22);
  }

  /**
   * 0.22 (guessed): the OSS namespace search lists namespaces holding only files. 0.20.7 lists
   * those derived from flows, their parents and {@code system}, each {@code disabled: true}; 0.21's
   * sources do the same.
   */
  public boolean searchListsFileNamespaces() {
    return atLeast(0, 22);
  }

  /** 0.20.x: the namespace file export also holds the namespace's flows under {@code _flows/}. */
  public boolean flowsInNamespaceExport() {
    return !atLeast(0, 21);
  }

  /** About 0.23: test suites (Enterprise). */
  public boolean testSuites() {
    return atLeast(0, 23);
  }

  /** 1.0 (guessed; not in 0.20.7): {@code GET /flows/deprecated} lists flows using deprecated features. */
  public boolean deprecatedFlowsRoute() {
    return atLeast(1, 0);
  }

  /**
   * Before 0.23 a flow's top-level {@code tenantId:} decides the tenant it is stored in (seen on
   * 0.20.7); from 0.23 the tenant comes from the API path (read in Kestra's sources).
   */
  public boolean honoursFlowTenantId() {
    return !atLeast(0, 23);
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

  /**
   * 1.2: a flow's revisions leave out soft-delete markers unless {@code allowDelete=true}; before,
   * they were always listed (0.20.7 verified).
   */
  public boolean revisionsHideDeleted() {
    return atLeast(1, 2);
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
