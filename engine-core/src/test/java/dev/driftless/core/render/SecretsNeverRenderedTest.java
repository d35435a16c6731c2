package dev.driftless.core.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.plan.Planner;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.port.PlanReviewer;
import dev.driftless.port.Review;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A secret-looking value in a file or in a side's words is masked in every rendering of the plan
 * (text, coloured text, JSON, Markdown): wherever it stands (a created file, both sides of an
 * update, a flow, Kestra's refusal and notes, a side's reading problems), whichever pattern marks
 * it.
 */
class SecretsNeverRenderedTest {

  /** Lines that carry a secret ({@code %s}), one per pattern the masker knows. */
  private static final List<String> LINES = List.of(
      "DB_PASSWORD=%s",
      "export API_TOKEN=%s",
      "AWS_SECRET_ACCESS_KEY=\"%s\"",
      "  - SMTP_PASS='%s'",
      "client_secret = %s # rotated",
      "url: jdbc:postgresql://db:5432/app?user=app&password=%s&ssl=true",
      "url: jdbc:sqlserver://db:1433;user=sa;password=%s;",
      "uri: https://bob:%s@example.com/repo.git",
      "      Authorization: Bearer %s",
      "headers: {\"Authorization\": \"Basic %s\"}",
      "curl -H 'X-API-Key: %s' https://api.example.com",
      "      pwd: %s",
      "passwd: '%s'",
      "{\"user\": \"u\", \"password\": \"%s\"}",
      "auth: {username: u, password: %s}");

  private static final Scope SCOPE = Scope.namespace("dev", Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
  private static final ResourceKey ENV = ResourceKey.namespaceFile("dev", "config/app.env");
  private static final ResourceKey SCRIPT = ResourceKey.namespaceFile("dev", "scripts/deploy.sh");
  private static final ResourceKey FLOW = ResourceKey.flow("dev", "deploy");

  @Test
  void aMaskedSecret_neverShows_inAnyRendering() {
    long seed = Long.getLong("driftless.seed", ThreadLocalRandom.current().nextLong());
    try {
      qt().withFixedSeed(seed).withExamples(1000)
          .forAll(integers().between(0, LINES.size() - 1), integers().between(0, LINES.size() - 1),
              strings().betweenCodePoints('a', 'z').ofLengthBetween(8, 20), integers().between(0, 999_999))
          .checkAssert((first, second, body, n) -> {
            String secret = "S" + body + n;
            String other = "T" + n + body;
            Plan plan = planWith(LINES.get(first), LINES.get(second), secret, other);
            for (String rendering : renderings(plan)) {
              assertFalse(rendering.contains(secret), () -> "'" + secret + "' shows in\n" + rendering);
              assertFalse(rendering.contains(other), () -> "'" + other + "' shows in\n" + rendering);
              assertTrue(rendering.contains("secret-1"), () -> "nothing was masked: vacuous\n" + rendering);
            }
          });
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("secret property failed with seed " + seed + "; reproduce with -Ddriftless.seed=" + seed
          + "\n" + e.getMessage(), e);
    }
  }

  /**
   * Git (the source of truth) holds the secret in a new script, in an updated {@code .env} file and
   * in a flow; Kestra holds the other secret in the old {@code .env} file, refuses the flow quoting
   * it, and notes the script quoting it; Git could not read one file and says why, quoting it.
   */
  private static Plan planWith(String firstLine, String secondLine, String secret, String other) {
    String line = firstLine.formatted(secret);
    String otherLine = secondLine.formatted(other);
    Snapshot git = Snapshot.builder().side(Side.GIT).scope(SCOPE).identity("git-1")
        .addEntries(SnapshotEntry.present(Resource.of(ENV, "# app\n" + line + "\nLOG_LEVEL=info\n")))
        .addEntries(SnapshotEntry.present(Resource.of(SCRIPT, "#!/bin/sh\n" + otherLine + "\necho done\n")))
        .addEntries(SnapshotEntry.present(Resource.of(FLOW, "id: deploy\nnamespace: dev\ntasks:\n"
            + "  - id: call\n    type: io.kestra.plugin.core.http.Request\n    password: " + secret + "\n")))
        .addEntries(SnapshotEntry.Unreadable.of(ResourceKey.namespaceFile("dev", "config/broken.env"),
            SnapshotEntry.Failure.UNREADABLE, "line 2 cannot be read: " + line).withOrigin("dev/files/config/broken.env"))
        .addDiagnostics(Diagnostic.warning("skipped a symlink whose target reads " + otherLine).onSide(Side.GIT))
        .build();
    Snapshot kestra = Snapshot.builder().side(Side.KESTRA).scope(SCOPE).identity("kestra-1")
        .addEntries(SnapshotEntry.present(Resource.of(ENV, "# app\n" + otherLine + "\nLOG_LEVEL=debug\n")))
        .build();
    PlanReviewer kestraReviews = new PlanReviewer() {
      @Override
      public Side side() {
        return Side.KESTRA;
      }

      @Override
      public Review review(Plan draft, Snapshot current) {
        return new Review(Map.of(FLOW, "Kestra's validation refuses it: tasks[0]: invalid value\n" + line),
            List.of(Diagnostic.warning("Kestra notes: " + otherLine).onSide(Side.KESTRA).forKey(SCRIPT)));
      }
    };
    return Planner.plan(git, kestra, Policy.builder().sourceOfTruth(Side.GIT).build(), PlanOptions.defaults(),
        kestraReviews);
  }

  private static List<String> renderings(Plan plan) {
    return List.of(PlanText.render(plan), PlanText.render(plan, RenderOptions.plain().withColor(true)),
        PlanJson.write(plan), PlanMarkdown.render(plan));
  }
}
