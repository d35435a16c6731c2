package dev.driftless.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.core.codec.PlanJson;
import dev.driftless.core.render.PlanMarkdown;
import dev.driftless.core.render.PlanText;
import dev.driftless.core.render.RenderOptions;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Guards;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.Policy;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import dev.driftless.testkit.fixture.Snapshots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden files pin the plan JSON format and the renderings. A deliberate format change
 * regenerates them with {@code -Ddriftless.updateGolden=true}; the diff then shows in review.
 */
class GoldenPlanTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  static Plan plan() {
    return plan(Guards.defaults());
  }

  /** The golden plan under another guard (a saved plan keeps the guard it was made with). */
  static Plan plan(Guards guards) {
    Scope scope = Scope.namespaces(List.of("dev", "system"), true,
        Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD));
    Snapshot git = Snapshots.git().scope(scope).identity("3f2a9c1d8e7b6a5f4e3d2c1b0a99887766554433")
        .with(Flows.flow("dev", "caller").comment("calls the child").subflow("call", "dev", "child").resource()
            .withOrigin("dev/flows/caller.yaml"))
        .with(Flows.flow("dev", "child").log("hello", "hi from Git").resource().withOrigin("dev/flows/child.yaml"))
        .with(dev.driftless.resource.Resource.of(ResourceKey.flow("dev", "tidy"),
            "# tidied up\nid: tidy\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: same\n")
            .withOrigin("dev/flows/tidy.yaml"))
        .with(dev.driftless.resource.Resource.of(ResourceKey.flow("dev", "secrets"),
            "id: secrets\nnamespace: dev\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.http.Request\n"
                + "    uri: https://api.example.com\n    password: rotated-value\n    token: \"{{ secret('API_TOKEN') }}\"\n")
            .withOrigin("dev/flows/secrets.yaml"))
        .invalid(ResourceKey.flow("dev", "broken"), "line 4: mapping values are not allowed here")
        .file("dev", "scripts/report.py", "print('report v2')\n")
        .dashboard("overview", "id: overview\ntitle: Overview\ncharts: []\n")
        .build();
    Snapshot kestra = Snapshots.kestra().scope(scope).identity("digest:5d41402abc4b2a76b9719d911017c592")
        .with(Flows.flow("dev", "child").log("hello", "hi from the UI").resource())
        .with(ResourceKey.flow("dev", "tidy"),
            "id: tidy\nnamespace: dev\ntasks:\n- id: t\n  type: io.kestra.plugin.core.log.Log\n  message: 'same'\n")
        .with(ResourceKey.flow("dev", "secrets"),
            "id: secrets\nnamespace: dev\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.http.Request\n"
                + "    uri: https://api.example.com\n    password: first-value\n    token: \"{{ secret('API_TOKEN') }}\"\n")
        .flow(Flows.flow("dev", "retired"))
        .flow(Flows.flow("system", "cleanup"))
        .file("dev", "scripts/report.py", "print('report v1')\n")
        .file("dev", "data/blob.bin", new byte[] {0, 1, 2, 3})
        .build();
    Policy policy = Policy.builder().sourceOfTruth(Side.GIT).includeChildNamespaces(true)
        .onInvalidSyntax(OnInvalidSyntax.WARN).guards(guards).build();
    return Planner.plan(git, kestra, policy, PlanOptions.builder().putMetadata("git", "file:///srv/flows.git")
        .putMetadata("branch", "main").putMetadata("kestra", "http://127.0.0.1:8080").build());
  }

  @Test
  void planJson_matchesGoldenFile() throws IOException {
    check("plan.json", PlanJson.write(plan()));
  }

  @Test
  void planText_matchesGoldenFile() throws IOException {
    check("plan.txt", PlanText.render(plan(), RenderOptions.plain()));
  }

  @Test
  void planMarkdown_matchesGoldenFile() throws IOException {
    check("plan.md", PlanMarkdown.render(plan()));
  }

  @Test
  void goldenJson_readsBackToThePlan() throws IOException {
    String golden = Files.readString(GOLDEN.resolve("plan.json"), StandardCharsets.UTF_8);
    assertEquals(plan(), PlanJson.read(golden));
  }

  private static void check(String name, String actual) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("driftless.updateGolden")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
        name + " changed; if intended, regenerate with -Ddriftless.updateGolden=true and review the diff");
  }
}
