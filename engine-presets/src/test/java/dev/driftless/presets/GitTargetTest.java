package dev.driftless.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One rule for a branch or directory that does not exist: it reads as empty where Git is only
 * written (the push creates it) and is an error where Git is a source, for every preset; only
 * {@code failOnMissingDirectory: false} asks otherwise.
 */
class GitTargetTest {

  private static SyncTask task(String properties) {
    String yaml = "id: t\n" + properties + "\nurl: https://git.example.com/acme/flows.git\n";
    return (SyncTask) TaskFile.parse(yaml, "task.yaml", name -> Optional.of("a-token")).get(0);
  }

  static Stream<Arguments> presets() {
    return Stream.of(
        Arguments.of("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev", true),
        Arguments.of("type: io.kestra.plugin.git.PushNamespaceFiles\nnamespace: dev", true),
        Arguments.of("type: io.kestra.plugin.git.PushDashboards", true),
        Arguments.of("type: io.kestra.plugin.git.PushExecutionFiles\nexecutionId: 4wjtkzwVGBM9yKnjm3yv8r", true),
        Arguments.of("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: dev", false),
        Arguments.of("type: io.kestra.plugin.git.SyncFlow\ntargetNamespace: dev\nflowPath: _flows/a.yml", false),
        Arguments.of("type: io.kestra.plugin.git.SyncNamespaceFiles\nnamespace: dev", false),
        Arguments.of("type: io.kestra.plugin.git.SyncDashboards", false),
        Arguments.of("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main", true),
        Arguments.of("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main\nsourceOfTruth: GIT", false),
        Arguments.of("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main\n"
            + "sourceOfTruthByKind: {namespace-file: GIT}", false),
        Arguments.of("type: io.kestra.plugin.git.TenantSync\nbranch: main\nauth: {apiToken: \"{{ secret('T') }}\"}",
            true));
  }

  @ParameterizedTest
  @MethodSource("presets")
  void aMissingBranchOrDirectory_readsAsEmpty_exactlyWhereGitIsOnlyWritten(String properties, boolean onlyWritten) {
    PresetSpec spec = task(properties).spec();

    assertEquals(onlyWritten, spec.git().missingReadsAsEmpty());
    GitTarget target = spec.git();
    assertEquals(GitTarget.of(target.connection(), target.branch(), target.layout(), target.scope(), spec.policy()),
        target, "made by GitTarget.of");
  }

  @Test
  void failOnMissingDirectoryFalse_isTheOneWayToReadAMissingSourceAsEmpty() {
    for (String properties : List.of("type: io.kestra.plugin.git.SyncFlows\ntargetNamespace: dev",
        "type: io.kestra.plugin.git.SyncNamespaceFiles\nnamespace: dev", "type: io.kestra.plugin.git.SyncDashboards")) {
      assertTrue(task(properties + "\nfailOnMissingDirectory: false").spec().git().missingReadsAsEmpty(), properties);
    }
  }

  static Stream<Arguments> commitMessages() {
    return Stream.of(
        Arguments.of("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev", "Add flows from dev namespace"),
        Arguments.of("type: io.kestra.plugin.git.PushNamespaceFiles\nnamespace: dev", "Add files from dev namespace"),
        Arguments.of("type: io.kestra.plugin.git.PushExecutionFiles\nexecutionId: 4wjtkzwVGBM9yKnjm3yv8r",
            "Add files from execution 4wjtkzwVGBM9yKnjm3yv8r"),
        Arguments.of("type: io.kestra.plugin.git.NamespaceSync\nnamespace: dev\nbranch: main", "Namespace sync from Kestra"),
        Arguments.of("type: io.kestra.plugin.git.TenantSync\nbranch: main\nauth: {apiToken: \"{{ secret('T') }}\"}",
            "Tenant sync from Kestra"),
        Arguments.of("type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\ncommitMessage: mine", "mine"));
  }

  @ParameterizedTest
  @MethodSource("commitMessages")
  void theCommitMessage_defaultsToThePlugins(String properties, String message) {
    SyncTask task = task(properties);
    assertEquals(message, task.spec().git().settings(task.spec().commit(), Optional.empty(), 1_000_000).commitMessage());
  }
}
