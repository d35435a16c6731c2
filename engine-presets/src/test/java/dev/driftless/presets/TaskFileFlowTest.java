package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.resource.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A task file read as Kestra would run the flow, as far as that is known before it runs: skipped
 * tasks, {@code runIf}, {@code allowFailure}, {@code pluginDefaults}, the expressions that render
 * outside Kestra and the ones refused, and what the surroundings give tasks that set nothing.
 */
class TaskFileFlowTest {

  private static final Map<String, String> SECRETS = Map.of("GIT_TOKEN", "ghp_example", "GIT_USER", "anna-from-secret",
      "KESTRA_USER", "admin@kestra.io", "KESTRA_PASSWORD", "Adm1nPassw0rd", "BRANCH", "not..a..branch");
  private static final Function<String, Optional<String>> LOOKUP = name -> Optional.ofNullable(SECRETS.get(name));
  private static final TaskEnvironment ENVIRONMENT = TaskEnvironment.of(LOOKUP);
  private static final String GIT = """
          url: https://github.com/org/flows
          username: anna
          password: "{{ secret('GIT_TOKEN') }}"
      """;

  private static FlowFile read(String yaml) {
    return TaskFile.read(yaml, "flow.yaml", ENVIRONMENT);
  }

  private static List<Problem> problems(String yaml) {
    return assertThrows(InvalidTaskException.class, () -> read(yaml)).problems();
  }

  // ---- disabled, runIf, allowFailure

  @Test
  void aDisabledTask_isSkipped_andNotEvenRead() {
    FlowFile file = read("""
        id: sync
        namespace: dev
        tasks:
          - id: off
            type: io.kestra.plugin.git.SyncFlows
            disabled: true
          - id: log
            type: io.kestra.plugin.core.log.Log
            disabled: true
          - id: on
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        """ + GIT);

    assertEquals(List.of("off", "log", "on"), file.tasks().stream().map(FlowTask::id).toList());
    assertEquals(Optional.of("disabled: true"), file.tasks().get(0).skipped());
    assertEquals(Optional.of("disabled: true"), file.tasks().get(1).skipped());
    assertEquals(1, file.tasksToRun().size());
    assertEquals(Optional.of(ResourceKey.flow("dev", "sync")), file.flow());
  }

  @Test
  void runIf_decidesWhetherATaskRuns_fromLiteralsAndInputsWithDefaults() {
    FlowFile file = read("""
        id: sync
        namespace: dev
        inputs:
          - id: env
            type: STRING
            defaults: prod
          - id: dry
            type: BOOLEAN
            defaults: true
          - id: count
            type: INT
            defaults: 3
        tasks:
          - id: literal_false
            type: io.kestra.plugin.git.SyncFlows
            runIf: false
          - id: when_prod
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ inputs.env == 'prod' }}"
          - id: when_not_dry
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ not inputs.dry }}"
          - id: when_staging_or_three
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ inputs.env != 'prod' or (inputs.count == 3 and inputs.dry) }}"
          - id: input_itself
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ inputs.dry }}"
          - id: text_is_not_boolean
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ inputs.dry == 'true' }}"
        pluginDefaults:
          - type: io.kestra.plugin.git.SyncFlows
            values:
              targetNamespace: dev
        """ + pluginDefaultsConnection());

    Map<String, Boolean> runs = new java.util.LinkedHashMap<>();
    file.tasks().forEach(t -> runs.put(t.id(), t.task().isPresent()));
    assertEquals(Map.of("literal_false", false, "when_prod", true, "when_not_dry", false, "when_staging_or_three", true,
        "input_itself", true, "text_is_not_boolean", false), runs);
    assertEquals(Optional.of("runIf is false"), file.tasks().get(0).skipped());
  }

  @Test
  void aRunIfThatOnlyKestraCanDecide_refusesTheFile_namingTheTaskAndTheExpression() {
    List<Problem> problems = problems("""
        id: sync
        namespace: dev
        inputs:
          - id: approve
            type: BOOLEAN
        tasks:
          - id: on_execution
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ execution.id == 'x' }}"
          - id: on_input_without_default
            type: io.kestra.plugin.git.SyncFlows
            runIf: "{{ inputs.approve }}"
        """);

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(has(problems, "tasks[0].runIf", "cannot tell whether task 'on_execution' runs: '{{ execution.id == 'x' }}' "
        + "needs Kestra to render it: " + Template.INSIDE_KESTRA, 9), problems.toString());
    assertTrue(has(problems, "tasks[1].runIf", "cannot tell whether task 'on_input_without_default' runs: "
        + "'{{ inputs.approve }}': input 'approve' has no default", 12), problems.toString());
  }

  @Test
  void allowFailure_isKeptForTheRunner() {
    FlowFile file = read("""
        id: sync
        namespace: dev
        tasks:
          - id: may_fail
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            allowFailure: true
        """ + GIT + """
          - id: must_not_fail
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        """ + GIT);

    assertEquals(List.of(true, false), file.tasks().stream().map(FlowTask::allowFailure).toList());
  }

  // ---- pluginDefaults

  @Test
  void pluginDefaults_fillWhatATaskDoesNotSet_forTheirTypeOrAPrefixOfIt() {
    FlowFile file = read("""
        id: sync
        namespace: dev
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            branch: own-branch
            auth:
              username: "{{ secret('KESTRA_USER') }}"
          - id: files
            type: io.kestra.plugin.git.PushNamespaceFiles
            namespace: dev
        pluginDefaults:
          - type: io.kestra.plugin.git
            values:
              url: https://github.com/org/flows
              username: anna
              password: "{{ secret('GIT_TOKEN') }}"
              branch: from-defaults
              targetNamespace: only-for-tasks-that-have-it
              kestraUrl: http://kestra:8080
              auth:
                username: default-user
                password: "{{ secret('KESTRA_PASSWORD') }}"
          - type: io.kestra.plugin.git.SyncFlows
            values:
              username: a-later-default-loses
              gitDirectory: flows-from-the-exact-type
        """);

    SyncFlows flows = (SyncFlows) file.tasksToRun().get(0);
    assertEquals(Optional.of("https://github.com/org/flows"), flows.url());
    assertEquals(Optional.of("anna"), flows.username(), "an earlier default wins over a later one");
    assertEquals("own-branch", flows.branch(), "the task's own value wins");
    assertEquals("flows-from-the-exact-type", flows.gitDirectory());
    assertEquals("http://kestra:8080", flows.kestraUrl());
    KestraAuth.Basic auth = (KestraAuth.Basic) flows.auth().orElseThrow();
    assertEquals("admin@kestra.io", auth.username(), "mappings merge: the task's username, the default's password");
    assertEquals("Adm1nPassw0rd", auth.password().reveal());
    PushNamespaceFiles files = (PushNamespaceFiles) file.tasksToRun().get(1);
    assertEquals("from-defaults", files.branch());
    assertEquals(Optional.of("ghp_example"), files.password().map(Secret::reveal));
  }

  @Test
  void aForcedDefault_winsOverTheTask_andListsAreJoined() {
    FlowFile file = read("""
        id: push
        namespace: dev
        tasks:
          - id: push
            type: io.kestra.plugin.git.PushFlows
            sourceNamespace: dev
            branch: own-branch
            flows: [mine]
        pluginDefaults:
          - type: io.kestra.plugin.git.PushFlows
            forced: true
            values:
              branch: forced-first
          - type: io.kestra.plugin.git.PushFlows
            forced: true
            values:
              branch: forced-second
          - type: io.kestra.plugin.git.PushFlows
            values:
              flows: [from_defaults]
        """ + pluginDefaultsConnection());

    PushFlows push = (PushFlows) file.tasksToRun().get(0);
    assertEquals("forced-first", push.branch(), "a forced default wins, the first of them last");
    assertEquals(List.of("from_defaults", "mine"), push.flows(), "lists are joined, the default's items first");
  }

  @Test
  void aProblemWithAValueFromPluginDefaults_pointsAtItsLineThere() {
    List<Problem> problems = problems("""
        id: sync
        namespace: dev
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        pluginDefaults:
          - type: io.kestra.plugin.git.SyncFlows
            values:
              url: https://github.com/org/flows
              username: anna
              password: ghp_literal_token
              delete: sometimes
              gitDirectry: flows
        """);

    assertTrue(has(problems, "tasks[0].password", "a literal credential is refused", 12), problems.toString());
    assertTrue(has(problems, "tasks[0].password", "(from pluginDefaults)", 12), problems.toString());
    assertTrue(has(problems, "tasks[0].delete", "must be true or false", 13), problems.toString());
    assertTrue(has(problems, "tasks[0].gitDirectry", "unknown property; did you mean 'gitDirectory'", 14),
        "a default for the task's exact type is checked, as Kestra checks it: " + problems);
    assertFalse(problems.toString().contains("ghp_literal"), problems.toString());
  }

  @Test
  void badPluginDefaults_areProblemsWithTheirLines() {
    List<Problem> problems = problems("""
        id: sync
        namespace: dev
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
        pluginDefaults:
          - values:
              url: https://h/r
          - type: io.kestra.plugin.git
            forced: maybe
            values: [a]
        """);

    assertTrue(has(problems, "pluginDefaults[0].type", "is required", 7), problems.toString());
    assertTrue(has(problems, "pluginDefaults[1].forced", "must be true or false", 10), problems.toString());
    assertTrue(has(problems, "pluginDefaults[1].values", "must be a mapping", 11), problems.toString());
  }

  // ---- rendering

  @Test
  void flowVariables_inputs_andSecrets_renderInEveryProperty() {
    FlowFile file = TaskFile.read("""
        id: sync_from_git
        namespace: company.team
        inputs:
          - id: branch
            type: STRING
            defaults: release
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            url: https://github.com/org/{{ flow.namespace }}
            username: "{{ secret('GIT_USER') }}"
            password: "{{ secret('GIT_TOKEN') }}"
            branch: "{{ inputs.branch }}"
            targetNamespace: "{{ flow.namespace }}.{{ flow.id }}"
            gitDirectory: "{{ flow.tenantId }}"
            auth:
              username: "{{ secret('KESTRA_USER') }}"
              password: "{{ secret('KESTRA_PASSWORD') }}"
        """, "flow.yaml", ENVIRONMENT.withTenantId("acme"));

    SyncFlows flows = (SyncFlows) file.tasksToRun().get(0);
    assertEquals(Optional.of("https://github.com/org/company.team"), flows.url());
    assertEquals(Optional.of("anna-from-secret"), flows.username(), "a secret where text is expected is fine");
    assertEquals("release", flows.branch());
    assertEquals(Optional.of("company.team.sync_from_git"), flows.targetNamespace());
    assertEquals("acme", flows.gitDirectory());
    assertEquals("admin@kestra.io", ((KestraAuth.Basic) flows.auth().orElseThrow()).username());
    assertEquals(Optional.of("acme"), flows.tenantId(), "the tenant given is every task's tenant");
  }

  @Test
  void theNamespaceThePluginTakesFromTheFlow_isTheWrappersNamespace() {
    FlowFile file = read("""
        id: push_to_git
        namespace: dev
        tasks:
          - id: flows
            type: io.kestra.plugin.git.PushFlows
        """ + GIT + """
          - id: files
            type: io.kestra.plugin.git.PushNamespaceFiles
        """ + GIT + """
          - id: from_git
            type: io.kestra.plugin.git.SyncNamespaceFiles
            namespace: prod
        """ + GIT);

    assertEquals(Optional.of("dev"), ((PushFlows) file.tasksToRun().get(0)).sourceNamespace());
    assertEquals(Optional.of("dev"), ((PushNamespaceFiles) file.tasksToRun().get(1)).namespace());
    assertEquals(Optional.of("prod"), ((SyncNamespaceFiles) file.tasksToRun().get(2)).namespace(), "a file's own wins");
  }

  @Test
  void whatOnlyKestraKnows_isRefused_oncePerPlace_pointingAtThePlugin() {
    List<Problem> problems = problems("""
        id: sync
        namespace: dev
        tasks:
          - id: push
            type: io.kestra.plugin.git.PushFlows
            commitMessage: "run {{ execution.id }} at {{ now() }}"
            branch: "{{ outputs.previous.value }}"
            gitDirectory: "{% if true %}flows{% endif %}"
        """ + GIT + """
          - id: each
            type: io.kestra.plugin.core.flow.ForEach
            values: [a, b]
            tasks:
              - id: inner
                type: io.kestra.plugin.git.SyncFlows
                targetNamespace: "{{ taskrun.value }}"
          - id: log
            type: io.kestra.plugin.core.log.Log
            message: hello
        errors:
          - id: alert
            type: io.kestra.plugin.core.log.Log
            message: failed
        """);

    assertEquals(6, problems.size(), problems.toString());
    assertTrue(has(problems, "tasks[0].commitMessage", "'{{ execution.id }}' needs Kestra to render it: "
        + Template.INSIDE_KESTRA, 6), problems.toString());
    assertTrue(has(problems, "tasks[0].branch", "'{{ outputs.previous.value }}' needs Kestra", 7), problems.toString());
    assertTrue(has(problems, "tasks[0].gitDirectory", "'{% if true %}' needs Kestra", 8), problems.toString());
    assertTrue(has(problems, "tasks[1].type", "'io.kestra.plugin.core.flow.ForEach' runs other tasks, which needs "
        + "Kestra: " + Template.INSIDE_KESTRA, 13), problems.toString());
    assertTrue(has(problems, "tasks[2].type", "'io.kestra.plugin.core.log.Log' is not a Kestra Git plugin task; only "
        + "Kestra runs it: " + Template.INSIDE_KESTRA, 20), problems.toString());
    assertTrue(has(problems, "errors", "need Kestra", 22), problems.toString());
    assertTrue(Template.INSIDE_KESTRA.contains("dev.driftless.plugin") && Template.INSIDE_KESTRA.contains(
        "Run inside Kestra"), Template.INSIDE_KESTRA);
  }

  @Test
  void aTaskOfDriftlesssKestraPlugin_pointsAtTheGitPluginsType() {
    List<Problem> problems = problems("""
        id: sync
        namespace: dev
        tasks:
          - id: flows
            type: dev.driftless.plugin.SyncFlows
            targetNamespace: dev
        """ + GIT);

    assertTrue(has(problems, "tasks[0].type", "outside it, write the Git plugin's type: io.kestra.plugin.git.SyncFlows",
        5), problems.toString());
  }

  @Test
  void flowVariablesOfAFileThatIsOneTask_andUnknownInputs_areRefused() {
    List<Problem> single = assertThrows(InvalidTaskException.class, () -> TaskFile.read("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: "{{ flow.namespace }}"
        url: https://github.com/org/flows
        """, "task.yaml", ENVIRONMENT)).problems();
    assertTrue(has(single, "targetNamespace", "'{{ flow.namespace }}': the file is one task, not a flow", 2),
        single.toString());

    List<Problem> unknown = problems("""
        id: sync
        namespace: dev
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: "{{ inputs.nope }}"
        """ + GIT);
    assertTrue(has(unknown, "tasks[0].targetNamespace", "the flow has no input 'nope'", 6), unknown.toString());
  }

  @Test
  void aSecretRenderedIntoText_neverShowsInAProblem() {
    List<Problem> problems = problems("""
        id: sync
        namespace: dev
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            branch: "{{ secret('BRANCH') }}"
        """ + GIT);

    assertTrue(has(problems, "tasks[0].branch", "is not a valid branch name", 7), problems.toString());
    assertFalse(problems.toString().contains("not..a..branch"), problems.toString());
  }

  @Test
  void aCredentialIsStillASecret_neverALiteralOrAnotherExpression() {
    List<Problem> problems = problems("""
        id: sync
        namespace: dev
        inputs:
          - id: token
            type: STRING
            defaults: ghp_in_the_file
        tasks:
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            url: https://github.com/org/flows
            username: anna
            password: "{{ inputs.token }}"
        """);

    assertTrue(has(problems, "tasks[0].password", "a credential is written exactly \"{{ secret('NAME') }}\"", 13),
        problems.toString());
    assertFalse(problems.toString().contains("ghp_in_the_file"), problems.toString());
  }

  // ---- the surroundings

  @Test
  void tasksWithoutKestraUrlOrAuth_takeTheEnvironments_andAFileKeepsItsOwn() {
    KestraAuth fromEnvironment = new KestraAuth.ApiToken(Secret.of("env-token", "environment KESTRA_API_TOKEN"));
    TaskEnvironment environment = ENVIRONMENT.withKestraUrl("http://kestra.internal:8080")
        .withKestraAuth(() -> Optional.of(fromEnvironment));
    String yaml = """
        id: sync
        namespace: dev
        tasks:
          - id: bare
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        """ + GIT + """
          - id: own
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            kestraUrl: http://own:8080
            auth:
              username: admin@kestra.io
              password: "{{ secret('KESTRA_PASSWORD') }}"
        """ + GIT;

    List<Task> tasks = TaskFile.read(yaml, "flow.yaml", environment).tasksToRun();

    SyncFlows bare = (SyncFlows) tasks.get(0);
    assertEquals("http://kestra.internal:8080", bare.kestraUrl());
    assertEquals(Optional.of(fromEnvironment), bare.auth());
    SyncFlows own = (SyncFlows) tasks.get(1);
    assertEquals("http://own:8080", own.kestraUrl());
    assertEquals("admin@kestra.io", ((KestraAuth.Basic) own.auth().orElseThrow()).username());
    assertEquals(KestraConnection.DEFAULT_URL, ((SyncFlows) TaskFile.read(yaml, "flow.yaml", ENVIRONMENT).tasksToRun()
        .get(0)).kestraUrl(), "without KESTRA_URL, the plugin's default");
  }

  private static String pluginDefaultsConnection() {
    return """
          - type: io.kestra.plugin.git
            values:
              url: https://github.com/org/flows
              username: anna
              password: "{{ secret('GIT_TOKEN') }}"
        """;
  }

  private static boolean has(List<Problem> problems, String property, String text, int line) {
    return problems.stream().anyMatch(p -> p.property().equals(property) && p.message().contains(text)
        && (line == 0 || p.line().equals(OptionalInt.of(line))));
  }
}
