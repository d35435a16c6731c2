package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.git.layout.FilesLayout;
import dev.driftless.git.layout.Layout;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.policy.Guards;
import dev.driftless.policy.NamespaceMapping;
import dev.driftless.policy.OnInvalidSyntax;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TaskFileTest {

  private static final Map<String, String> ENVIRONMENT =
      Map.of("GITHUB_ACCESS_TOKEN", "ghp_example", "KESTRA_PASSWORD", "Adm1nPassw0rd");
  private static final Function<String, Optional<String>> SECRETS = name -> Optional.ofNullable(ENVIRONMENT.get(name));

  private static Task one(String yaml) {
    List<Task> tasks = TaskFile.parse(yaml, "task.yaml", SECRETS);
    assertEquals(1, tasks.size());
    return tasks.get(0);
  }

  private static List<Problem> problems(String yaml) {
    return assertThrows(InvalidTaskException.class, () -> TaskFile.parse(yaml, "task.yaml", SECRETS)).problems();
  }

  @Test
  void readsTheSeedsPushFlowsTask_withThePluginsDefaults() {
    PushFlows task = (PushFlows) one("""
        id: commit_and_push
        type: io.kestra.plugin.git.PushFlows
        username: anna-geller
        password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
        url: https://github.com/anna-geller/flows
        branch: develop
        flows:
          - hello_world
        sourceNamespace: dev
        targetNamespace: prod
        gitDirectory: flows
        commitMessage: "changes to kestra flows"
        dryRun: true
        """);
    assertEquals("ghp_example", task.password().orElseThrow().reveal());
    assertEquals("***(secret('GITHUB_ACCESS_TOKEN'))", task.password().orElseThrow().toString());
    assertTrue(task.delete(), "delete defaults to true, as in the plugin");
    assertFalse(task.includeChildNamespaces());
    PresetSpec spec = task.spec();
    assertEquals(Side.KESTRA, spec.policy().sourceOfTruth());
    assertEquals(NamespaceMapping.of("dev", "prod"), spec.policy().namespaceMapping());
    assertEquals(List.of("hello_world"), spec.policy().selector().includes());
    assertEquals(Layout.flows("flows", "prod"), spec.git().layout());
    assertEquals("develop", spec.git().branch());
    assertTrue(spec.git().missingReadsAsEmpty(), "a push creates its branch");
    assertTrue(spec.dryRun());
  }

  @Test
  void readsTheSeedsNamespaceAndTenantSyncTasks() {
    NamespaceSync ns = (NamespaceSync) one("""
        id: namespace
        type: io.kestra.plugin.git.NamespaceSync
        namespace: company.team
        sourceOfTruth: GIT
        whenMissingInSource: KEEP
        url: https://github.com/org/repo
        branch: main
        protectedNamespaces:
          - system
        """);
    assertEquals(Side.GIT, ns.spec().policy().sourceOfTruth());
    assertEquals(WhenMissing.KEEP, ns.spec().policy().whenMissingInSource());
    assertEquals(OnInvalidSyntax.FAIL, ns.spec().policy().onInvalidSyntax());
    assertFalse(ns.spec().git().missingReadsAsEmpty(), "Git is the source: a missing branch is an error");

    TenantSync tenant = (TenantSync) one("""
        id: tenant
        type: io.kestra.plugin.git.TenantSync
        sourceOfTruth: KESTRA
        whenMissingInSource: DELETE
        url: https://github.com/org/repo
        branch: main
        protectedNamespaces:
          - system
        kestraUrl: http://localhost:8080
        auth:
          username: admin@kestra.io
          password: "{{ secret('KESTRA_PASSWORD') }}"
        """);
    assertTrue(tenant.spec().kestraScope().tenantWide());
    assertTrue(tenant.spec().kestraScope().kinds().contains(ResourceKind.DASHBOARD));
    assertEquals("Adm1nPassw0rd", ((KestraAuth.Basic) tenant.auth().orElseThrow()).password().reveal());
  }

  @Test
  void readsAWholeFlowOfGitTasks() {
    List<Task> tasks = TaskFile.parse("""
        id: sync_from_git
        namespace: system
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            url: https://github.com/kestra/scripts
            branch: main
            targetNamespace: git
            includeChildNamespaces: true
            gitDirectory: your_git_dir
          - id: files
            type: io.kestra.plugin.git.SyncNamespaceFiles
            namespace: prod
            url: https://github.com/kestra-io/flows
        triggers:
          - id: schedule
            type: io.kestra.plugin.core.trigger.Schedule
            cron: "*/1 * * * *"
        """, "flow.yaml", SECRETS);
    assertEquals(List.of(TaskType.SYNC_FLOWS, TaskType.SYNC_NAMESPACE_FILES), tasks.stream().map(Task::type).toList());
    SyncFlows flows = (SyncFlows) tasks.get(0);
    assertEquals(WhenMissing.KEEP, flows.spec().policy().whenMissingInSource(), "delete defaults to false");
    assertEquals("_files", ((SyncNamespaceFiles) tasks.get(1)).gitDirectory());
  }

  @Test
  void readsTheMassDeletionGuard_shareAsPercentOrFraction_populationAndAllowance() {
    SyncFlows percent = (SyncFlows) one("""
        type: io.kestra.plugin.git.SyncFlows
        url: https://github.com/org/repo
        targetNamespace: prod
        maxDeleteShare: 50%
        deleteGuardMinPopulation: 4
        allowedDeletes: 3
        """);
    assertEquals(Guards.defaults().withMaxDeleteShare(0.5).withMinPopulation(4).withAllowedDeletes(3), percent.guards());
    assertEquals(percent.guards(), percent.spec().policy().withGuards(percent.guards()).guards());
    SyncFlows fraction = (SyncFlows) one("""
        type: io.kestra.plugin.git.SyncFlows
        url: https://github.com/org/repo
        targetNamespace: prod
        maxDeleteShare: 0.25
        """);
    assertEquals(Guards.defaults().withMaxDeleteShare(0.25), fraction.guards());
    SyncFlows none = (SyncFlows) one("""
        type: io.kestra.plugin.git.SyncFlows
        url: https://github.com/org/repo
        targetNamespace: prod
        """);
    assertEquals(Guards.defaults(), none.guards());
  }

  @Test
  void refusesBadGuardSettings_withLineAndProperty_andSuggestsTheirNames() {
    List<Problem> problems = problems("""
        type: io.kestra.plugin.git.SyncFlows
        url: https://github.com/org/repo
        targetNamespace: prod
        maxDeleteShare: 130%
        deleteGuardMinPopulation: many
        allowedDeletes: -1
        allowedDelete: 3
        """);
    assertTrue(has(problems, "maxDeleteShare", "must be a share from 0% to 100% (0 to 1), got '130%'", 4),
        problems.toString());
    assertTrue(has(problems, "deleteGuardMinPopulation", "must be a whole number, got 'many'", 5), problems.toString());
    assertTrue(has(problems, "allowedDeletes", "must be 0 or more, got -1", 6), problems.toString());
    assertTrue(has(problems, "allowedDelete", "did you mean 'allowedDeletes'", 7), problems.toString());
    assertTrue(has(problems("""
        type: io.kestra.plugin.git.SyncFlows
        url: https://github.com/org/repo
        targetNamespace: prod
        maxDeleteShare: thirty
        """), "maxDeleteShare", "must be a share such as 30% or 0.3, got 'thirty'", 4));
  }

  @Test
  void listsEveryProblemAtOnce_withLines() {
    List<Problem> problems = problems("""
        id: sync
        type: io.kestra.plugin.git.SyncFlows
        url: https://github.com/org/repo
        password: ghp_0123456789abcdefghijklmnopqrstuvwxyz
        gitDirectry: flows
        delete: sometimes
        branch: main
        """);
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(has(problems, "password", "a literal credential is refused", 4), problems.toString());
    assertTrue(has(problems, "gitDirectry", "did you mean 'gitDirectory'", 5), problems.toString());
    assertTrue(has(problems, "delete", "must be true or false", 6), problems.toString());
    assertTrue(has(problems, "targetNamespace", "is required", 0) || problems.stream()
        .anyMatch(p -> p.property().equals("targetNamespace")), problems.toString());
    assertFalse(problems.toString().contains("ghp_0123"), "a problem never repeats a credential");
  }

  @Test
  void refusesTemplatesKestraWouldRender_andUnknownSecrets() {
    List<Problem> problems = problems("""
        type: io.kestra.plugin.git.PushFlows
        url: https://github.com/org/repo
        sourceNamespace: dev
        flows: "{{ execution.id }}"
        password: "{{ secret('NOT_SET') }}"
        """);
    assertTrue(problems.stream().anyMatch(p -> p.property().equals("flows") && p.message().contains("needs Kestra")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.property().equals("password") && p.message().contains("SECRET_NOT_SET")),
        problems.toString());
  }

  @Test
  void refusesUnknownTaskTypes_andBrokenYaml() {
    assertTrue(problems("type: io.kestra.plugin.git.Synk\n").get(0).message().contains("not a Kestra Git plugin task"));
    assertTrue(problems("type: [unclosed\n").get(0).message().contains("not valid YAML"));
    assertTrue(problems("tasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n")
        .get(0).message().contains("not a Kestra Git plugin task"));
  }

  @Test
  void namespaceSyncNeedsAnExplicitBranch_likeThePlugin() {
    List<Problem> problems = problems("type: io.kestra.plugin.git.NamespaceSync\nurl: https://h/r\nnamespace: dev\n");
    assertEquals(List.of("branch"), problems.stream().map(Problem::property).toList());
  }

  @Test
  void tenantSyncNeedsAuth_likeThePlugin() {
    List<Problem> problems = problems("type: io.kestra.plugin.git.TenantSync\nurl: https://h/r\nbranch: main\n");
    assertEquals(List.of("auth"), problems.stream().map(Problem::property).toList());
  }

  @Test
  void readsPerKindSourceOfTruth_andChildNamespacesForFiles() {
    NamespaceSync ns = (NamespaceSync) one("""
        type: io.kestra.plugin.git.NamespaceSync
        url: https://h/r
        branch: main
        namespace: dev
        sourceOfTruth: KESTRA
        sourceOfTruthByKind:
          namespace-file: GIT
        """);
    assertEquals(Side.GIT, ns.spec().policy().sourceOfTruth(ResourceKind.NAMESPACE_FILE));
    assertEquals(Side.KESTRA, ns.spec().policy().sourceOfTruth(ResourceKind.FLOW));
    assertFalse(ns.spec().git().missingReadsAsEmpty(), "files come from Git, so Git must exist");
    SyncNamespaceFiles files = (SyncNamespaceFiles) one("""
        type: io.kestra.plugin.git.SyncNamespaceFiles
        url: https://h/r
        namespace: dev
        includeChildNamespaces: true
        namespaceDirectory: scripts
        """);
    FilesLayout layout = (FilesLayout) files.spec().git().layout();
    assertTrue(layout.namespaceFolders());
    assertEquals("scripts", layout.pathPrefix());
    assertEquals(List.of("scripts/**"), files.spec().policy().selector().includes());
    assertEquals(Set.of("dev"), files.spec().kestraScope().namespaces());
  }

  @Test
  void credentialsThatDoNotFitTheUrl_areListedWithTheOtherProblems() {
    List<Problem> ssh = problems("""
        type: io.kestra.plugin.git.SyncFlows
        url: git@github.com:org/flows.git
        trustedCaPemPath: /etc/ca.pem
        """);
    assertEquals(List.of("privateKey", "targetNamespace", "trustedCaPemPath"),
        ssh.stream().map(Problem::property).sorted().toList(), ssh.toString());
    assertTrue(has(ssh, "privateKey", "is required for an SSH remote", 0), ssh.toString());

    List<Problem> https = problems("""
        type: io.kestra.plugin.git.PushFlows
        sourceNamespace: dev
        url: https://github.com/org/flows
        password: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
        """);
    assertEquals(List.of("username"), https.stream().map(Problem::property).toList(), https.toString());

    List<Problem> key = problems("""
        type: io.kestra.plugin.git.PushFlows
        sourceNamespace: dev
        url: https://github.com/org/flows
        privateKey: "{{ secret('GITHUB_ACCESS_TOKEN') }}"
        """);
    assertTrue(has(key, "privateKey", "is used for SSH remotes only; this remote uses https", 4), key.toString());
  }

  @Test
  void aUrlHoldingAPassword_isRefused_withoutRepeatingIt() {
    List<Problem> problems = problems("""
        type: io.kestra.plugin.git.PushFlows
        sourceNamespace: dev
        url: https://anna:ghp_0123456789abcdefghij@github.com/org/flows
        """);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(has(problems, "url", "holds a password", 3), problems.toString());
    assertFalse(problems.toString().contains("ghp_0123"), problems.toString());
  }

  @Test
  void buildersValidateToo() {
    InvalidTaskException e = assertThrows(InvalidTaskException.class,
        () -> PushFlows.builder().url("not a url").sourceNamespace("Dev Team").build());
    assertEquals(2, e.problems().size(), e.getMessage());
  }

  private static boolean has(List<Problem> problems, String property, String text, int line) {
    return problems.stream().anyMatch(p -> p.property().equals(property) && p.message().contains(text)
        && (line == 0 || p.line().equals(OptionalInt.of(line))));
  }
}
