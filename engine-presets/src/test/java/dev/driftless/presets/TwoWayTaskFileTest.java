package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.policy.OnConflict;
import dev.driftless.policy.Policy;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code sourceOfTruth: BOTH} and {@code onConflict} in task files: what NamespaceSync and TenantSync
 * read, and each refusal in the task's own words, at its line.
 */
class TwoWayTaskFileTest {

  private static final Function<String, Optional<String>> SECRETS =
      name -> Optional.ofNullable(Map.of("KESTRA_PASSWORD", "Adm1nPassw0rd").get(name));
  private static final String NAMESPACE_SYNC = """
      type: io.kestra.plugin.git.NamespaceSync
      url: https://github.com/org/repo
      branch: main
      namespace: company.team
      """;

  private static Task one(String yaml) {
    List<Task> tasks = TaskFile.parse(yaml, "task.yaml", SECRETS);
    assertEquals(1, tasks.size());
    return tasks.get(0);
  }

  private static List<Problem> problems(String yaml) {
    return assertThrows(InvalidTaskException.class, () -> TaskFile.parse(yaml, "task.yaml", SECRETS)).problems();
  }

  private static Policy policy(String yaml) {
    return ((SyncTask) one(yaml)).spec().policy();
  }

  @Test
  void both_makesTheNamespaceSyncTwoWay_failingOnConflictsByDefault() {
    Policy policy = policy(NAMESPACE_SYNC + "sourceOfTruth: BOTH\n");

    assertTrue(policy.twoWay());
    assertEquals(OnConflict.FAIL, policy.onConflict());
    assertTrue(policy.isTwoWay(ResourceKind.FLOW));
    assertTrue(policy.isTwoWay(ResourceKind.NAMESPACE_FILE));
    assertEquals(WhenMissing.DELETE, policy.whenMissingInSource());
  }

  @Test
  void onConflict_isRead_inAnyCase() {
    assertEquals(OnConflict.GIT, policy(NAMESPACE_SYNC + "sourceOfTruth: both\nonConflict: git\n").onConflict());
    Policy tenant = policy("""
        type: io.kestra.plugin.git.TenantSync
        url: https://github.com/org/repo
        branch: main
        kestraUrl: http://localhost:8080
        auth:
          username: admin@kestra.io
          password: "{{ secret('KESTRA_PASSWORD') }}"
        sourceOfTruth: BOTH
        onConflict: KESTRA
        """);
    assertTrue(tenant.twoWay());
    assertEquals(OnConflict.KESTRA, tenant.onConflict());
    assertTrue(tenant.isTwoWay(ResourceKind.DASHBOARD));
  }

  @Test
  void kindsNamedPerKind_stayOneWay() {
    Policy policy = policy(NAMESPACE_SYNC + """
        sourceOfTruth: BOTH
        sourceOfTruthByKind:
          namespace-file: GIT
        """);

    assertTrue(policy.isTwoWay(ResourceKind.FLOW));
    assertFalse(policy.isTwoWay(ResourceKind.NAMESPACE_FILE));
    assertEquals(dev.driftless.resource.Side.GIT, policy.sourceOfTruth(ResourceKind.NAMESPACE_FILE));
  }

  @Test
  void bothPerKind_isRefused_pointingAtTheTasksSourceOfTruth() {
    List<Problem> problems = problems(NAMESPACE_SYNC + """
        sourceOfTruthByKind:
          flow: BOTH
        """);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(has(problems, "sourceOfTruthByKind.flow", "BOTH is chosen for the whole task, not per kind", 6),
        problems.toString());
  }

  @Test
  void onConflict_withoutBoth_isRefused_namingIt() {
    List<Problem> unset = problems(NAMESPACE_SYNC + "onConflict: GIT\n");
    assertEquals(1, unset.size(), unset.toString());
    assertTrue(has(unset, "onConflict", "only applies with sourceOfTruth: BOTH", 5), unset.toString());

    List<Problem> oneWay = problems(NAMESPACE_SYNC + "sourceOfTruth: GIT\nonConflict: FAIL\n");
    assertTrue(has(oneWay, "onConflict", "with one source of truth (GIT) nothing conflicts", 6), oneWay.toString());
  }

  @Test
  void aDeletionPolicy_withBoth_isRefused_inTheTasksWords() {
    List<Problem> problems = problems(NAMESPACE_SYNC + "sourceOfTruth: BOTH\nwhenMissingInSource: KEEP\n");

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(has(problems, "whenMissingInSource", "cannot be KEEP with sourceOfTruth: BOTH", 6), problems.toString());
    assertTrue(has(problems(NAMESPACE_SYNC + "sourceOfTruth: BOTH\nwhenMissingInSource: FAIL\n"),
        "whenMissingInSource", "decides deletions from the baseline", 6));
    assertTrue(policy(NAMESPACE_SYNC + "sourceOfTruth: BOTH\nwhenMissingInSource: DELETE\n").twoWay(),
        "DELETE, the default, is what a two-way sync does");
  }

  @Test
  void badValues_nameTheKnownOnes() {
    List<Problem> problems = problems(NAMESPACE_SYNC + "sourceOfTruth: EITHER\nonConflict: NEWEST\n");

    assertTrue(has(problems, "sourceOfTruth", "'EITHER' is not one of GIT, KESTRA, BOTH", 5), problems.toString());
    assertTrue(has(problems, "onConflict", "'NEWEST' is not one of FAIL, GIT, KESTRA", 6), problems.toString());
  }

  @Test
  void both_onAOneWayTask_isRefused_pointingAtNamespaceSyncAndTenantSync() {
    List<Problem> sync = problems("""
        type: io.kestra.plugin.git.SyncFlows
        url: https://github.com/org/repo
        targetNamespace: dev
        sourceOfTruth: BOTH
        onConflict: GIT
        """);
    assertEquals(2, sync.size(), sync.toString());
    assertTrue(has(sync, "sourceOfTruth", "is not a property of SyncFlows: it always writes Kestra from Git. Only "
        + "NamespaceSync and TenantSync choose a source of truth, and sync both ways with sourceOfTruth: BOTH", 4),
        sync.toString());
    assertTrue(has(sync, "onConflict", "is not a property of SyncFlows", 5), sync.toString());

    List<Problem> push = problems("""
        type: io.kestra.plugin.git.PushFlows
        url: https://github.com/org/repo
        username: anna
        sourceNamespace: dev
        sourceOfTruth: BOTH
        """);
    assertEquals(1, push.size(), push.toString());
    assertTrue(has(push, "sourceOfTruth", "it always writes Git from Kestra", 5), push.toString());
  }

  @Test
  void aDefaultForEveryGitTask_isIgnoredByTheTasksWithoutASourceOfTruth_asKestraIgnoresIt() {
    FlowFile file = TaskFile.read("""
        id: sync
        namespace: company.team
        tasks:
          - id: both
            type: io.kestra.plugin.git.NamespaceSync
            namespace: company.team
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: company.team
        pluginDefaults:
          - type: io.kestra.plugin.git
            values:
              url: https://github.com/org/repo
              branch: main
              sourceOfTruth: BOTH
              onConflict: GIT
        """, "flow.yaml", TaskEnvironment.of(SECRETS));

    NamespaceSync both = (NamespaceSync) file.tasks().get(0).task().orElseThrow();
    assertTrue(both.spec().policy().twoWay());
    assertEquals(OnConflict.GIT, both.spec().policy().onConflict());
    assertTrue(file.tasks().get(1).task().isPresent(), "SyncFlows runs, the defaults it lacks ignored");
  }

  @Test
  void theBuilders_checkTheSameRules() {
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> NamespaceSync.builder()
        .url("https://github.com/org/repo").branch("main").namespace("dev")
        .twoWay(true).whenMissingInSource(WhenMissing.KEEP).build());
    assertEquals(List.of("whenMissingInSource"), e.problems().stream().map(Problem::property).toList());

    InvalidTaskException noBoth = assertThrows(InvalidTaskException.class, () -> NamespaceSync.builder()
        .url("https://github.com/org/repo").branch("main").namespace("dev").onConflict(OnConflict.GIT).build());
    assertEquals(List.of("onConflict"), noBoth.problems().stream().map(Problem::property).toList());

    NamespaceSync task = NamespaceSync.builder().url("https://github.com/org/repo").branch("main").namespace("dev")
        .twoWay(true).onConflict(OnConflict.KESTRA).build();
    assertEquals(OnConflict.KESTRA, task.spec().policy().onConflict());
  }

  private static boolean has(List<Problem> problems, String property, String text, int line) {
    return problems.stream().anyMatch(p -> p.property().equals(property) && p.message().contains(text)
        && (line == 0 || p.line().equals(OptionalInt.of(line))));
  }
}
