package dev.driftless.core.internal.plan;

import dev.driftless.plan.Change;
import dev.driftless.plan.SnapshotRef;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plan id: a SHA-256 over the plan's canonical form, cut to 16 hex digits. The canonical form
 * holds its own version, both snapshots (identity and scope), the policy and every change's key,
 * action, reason and fingerprints, in plan order, before any guard held a deletion back. Diffs and
 * diagnostics are derived from these and are left out: the id names the decisions, and a guard's
 * message names the id. What covers everything a plan shows is the digest its file is sealed with
 * ({@code PlanJson}), which a saved plan must match when it is applied.
 *
 * <p>The canonical form's version is not the JSON format's: a new field in the file does not change
 * which decisions an id approves, so ids stay the same across such changes.
 */
final class PlanIdentity {

  /** The version of the canonical form below; it changes only when the id's inputs change. */
  private static final int CANONICAL_FORM = 1;

  private PlanIdentity() {}

  static String of(SnapshotRef git, SnapshotRef kestra, Policy policy, List<Change> changes) {
    return of(git, kestra, policy, changes, java.util.Optional.empty());
  }

  /**
   * The id of a plan; a two-way plan's also covers the identity of the baseline it was made from
   * (the third state it was planned against), and the policy's two-way settings.
   */
  static String of(SnapshotRef git, SnapshotRef kestra, Policy policy, List<Change> changes,
      java.util.Optional<String> baseline) {
    Lines digest = new Lines(sha256());
    line(digest, "driftless-plan", String.valueOf(CANONICAL_FORM));
    snapshot(digest, git);
    snapshot(digest, kestra);
    policy(digest, policy);
    if (baseline.isPresent()) {
      // Only for two-way plans, so that the ids of one-way plans stay what they were.
      line(digest, "two-way", policy.onConflict().name(), baseline.get());
    }
    for (Change c : changes) {
      // The same line as line(...) would write, field by field into one reused buffer: one per change.
      StringBuilder l = digest.start();
      l.append("change\t").append(c.action().label()).append('\t').append(c.reason().label()).append('\t')
          .append(c.side().name()).append('\t').append(c.key().kind().label()).append('\t')
          .append(c.key().namespace()).append('\t').append(c.key().name()).append('\t')
          .append(c.sourceKey().namespace()).append('\t')
          .append(c.before().map(Fingerprint::value).orElse("-")).append('\t')
          .append(c.after().map(Fingerprint::value).orElse("-")).append('\t');
      for (ResourceKey dep : c.dependsOn()) {
        l.append(dep.address()).append(';');
      }
      digest.end();
    }
    return HexFormat.of().formatHex(digest.digest.digest()).substring(0, 16);
  }

  /**
   * A digest fed one line at a time from a reused buffer: the line's UTF-8 bytes, then a newline.
   * Lines of ASCII (nearly all) are copied byte for byte without a string in between.
   */
  private static final class Lines {
    private final MessageDigest digest;
    private final StringBuilder line = new StringBuilder(256);
    private byte[] bytes = new byte[256];

    Lines(MessageDigest digest) {
      this.digest = digest;
    }

    StringBuilder start() {
      line.setLength(0);
      return line;
    }

    void end() {
      int n = line.length();
      if (bytes.length < n) {
        bytes = new byte[Math.max(n, bytes.length * 2)];
      }
      for (int i = 0; i < n; i++) {
        char ch = line.charAt(i);
        if (ch >= 0x80) {
          digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
          digest.update((byte) '\n');
          return;
        }
        bytes[i] = (byte) ch;
      }
      digest.update(bytes, 0, n);
      digest.update((byte) '\n');
    }
  }

  private static void snapshot(Lines digest, SnapshotRef ref) {
    Scope s = ref.scope();
    line(digest, "snapshot", ref.side().name(), ref.identity(), String.valueOf(s.tenantWide()),
        String.valueOf(s.includeChildNamespaces()), String.join(",", new TreeSet<>(s.namespaces())), kinds(s.kinds()));
  }

  private static void policy(Lines digest, Policy p) {
    Map<String, String> byKind = new TreeMap<>();
    p.sourceOfTruthByKind().forEach((k, v) -> byKind.put(k.label(), v.name()));
    StringBuilder mapping = new StringBuilder();
    for (NamespaceMapping.Rule rule : p.namespaceMapping().rules()) {
      mapping.append(rule.from()).append('>').append(rule.to()).append(';');
    }
    line(digest, "policy", p.sourceOfTruth().name(), byKind.toString(), p.whenMissingInSource().name(),
        String.join(",", new TreeSet<>(p.protectedNamespaces())), p.onInvalidSyntax().name(), mapping.toString(),
        String.valueOf(p.includeChildNamespaces()), kinds(p.selector().kinds()),
        String.join(",", p.selector().includes()), String.join(",", p.selector().excludes()),
        String.valueOf(p.guards().refuseDeletingEverything()),
        p.guards().maxDeleteShare().isPresent() ? String.valueOf(p.guards().maxDeleteShare().getAsDouble()) : "-");
    if (p.guards().minPopulation() != 0 || p.guards().allowedDeletes().isPresent()) {
      // Only when the guard is not as every guard was before it had these, so that a saved plan's
      // id (read with 0 and none) stays what it was.
      line(digest, "guards", String.valueOf(p.guards().minPopulation()),
          p.guards().allowedDeletes().isPresent() ? String.valueOf(p.guards().allowedDeletes().getAsInt()) : "-");
    }
    if (!p.protectedResources().isEmpty()) {
      // Only when set, so that the ids of plans without protected resources stay what they were.
      line(digest, "protected-resources", new TreeSet<>(p.protectedResources()).stream().map(ResourceKey::address)
          .collect(java.util.stream.Collectors.joining(",")));
    }
  }

  private static String kinds(java.util.Set<ResourceKind> kinds) {
    TreeSet<String> labels = new TreeSet<>();
    kinds.forEach(k -> labels.add(k.label()));
    return String.join(",", labels);
  }

  private static void line(Lines digest, String... fields) {
    digest.start().append(String.join("\t", fields));
    digest.end();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
