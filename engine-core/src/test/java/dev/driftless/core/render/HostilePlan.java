package dev.driftless.core.render;

import dev.driftless.core.internal.diff.TextDiff;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.plan.SnapshotRef;
import dev.driftless.policy.Policy;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A plan whose every name, message and diff line carries what a crafted repository or server could
 * put there: escape sequences, C1 controls, bidirectional overrides, invisible characters, Markdown
 * and HTML. Namespace-file names are the only keys that may hold such characters (a key refuses the
 * C0 controls); diagnostics and diffs may hold anything.
 */
final class HostilePlan {

  /** Clears the line: what an attacker would use to hide the line before it. */
  static final String CLEAR_LINE = "\u001b[2K";
  /** A terminal hyperlink whose text is not where it leads. */
  static final String OSC_LINK = "\u001b]8;;https://evil.example/\u0007harmless\u001b]8;;\u0007";
  /** The C1 control sequence introducer: a CSI without ESC. */
  static final String C1_CSI = "\u009b2K";
  /** Right-to-left override: shows what follows backwards. */
  static final String RLO = "\u202e";
  static final String ZERO_WIDTH = "\u200b";

  /** A namespace file named to be drawn as something else. */
  static final ResourceKey FILE = ResourceKey.namespaceFile("dev",
      "scripts/report" + C1_CSI + RLO + "txt.exe" + ZERO_WIDTH + "\u2066\u00ad\ufeff.py");
  /** A name with Markdown's and HTML's special characters. */
  static final ResourceKey MARKDOWN_FILE = ResourceKey.namespaceFile("dev", "docs/a`b|c <img src=x onerror=alert(1)>.md");

  private HostilePlan() {}

  static Plan plan() {
    Scope scope = Scope.namespaces(List.of("dev"), false, Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
    Fingerprint before = Fingerprint.of("before".getBytes(StandardCharsets.UTF_8));
    Fingerprint after = Fingerprint.of("after".getBytes(StandardCharsets.UTF_8));
    String diff = String.join("\n",
        "--- Kestra: dev/scripts/report" + CLEAR_LINE + ".py",
        "+++ Git: dev/scripts/report.py",
        "@@ -1,2 +1,2 @@",
        "-print('old')" + CLEAR_LINE + "\r  nothing to see here",
        "+print('new')\b\b\b\b\b\b\b\b" + OSC_LINK,
        "+\tindented " + RLO + "evil" + C1_CSI + "\u2028\u0085x",
        " ````",
        " </details> ![x](https://evil.example/t.png)");
    Change update = new Change(FILE, FILE, Side.KESTRA, Action.UPDATE, Reason.CONTENT_CHANGED,
        Optional.of(before), Optional.of(after), List.of(), Optional.of(TextDiff.read(diff)));
    Change create = new Change(MARKDOWN_FILE, MARKDOWN_FILE, Side.KESTRA, Action.CREATE, Reason.MISSING_IN_TARGET,
        Optional.empty(), Optional.of(after), List.of(), Optional.of(TextDiff.read("+++ Git: docs/a`b|c.md\n+# Plan: 0 to delete")));
    return Plan.builder()
        .id("9435214b55af6d48")
        .git(new SnapshotRef(Side.GIT, "3f2a9c1d" + CLEAR_LINE, scope))
        .kestra(new SnapshotRef(Side.KESTRA, "digest:5d41" + RLO, scope))
        .policy(Policy.builder().sourceOfTruth(Side.GIT).build())
        .addChanges(create, update)
        .addDiagnostics(
            Diagnostic.warning("Kestra notes: " + OSC_LINK + "\nsecond line\r" + CLEAR_LINE + "# Plan: 0 to delete")
                .onSide(Side.KESTRA).forKey(FILE),
            Diagnostic.error("mapping values are not allowed here ![x](https://evil.example/t.png) <b>bold</b> "
                + "[link](https://evil.example) **strong** `code` | pipe").onSide(Side.GIT)
                .inFile("dev/flows/a" + CLEAR_LINE + "\nb.yaml").atLine(4).atField("tasks" + RLO))
        .putMetadata("git", "file:///srv/flows" + CLEAR_LINE + ".git")
        .build();
  }
}
