package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.git.GitSettings;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.PresetSpec;
import dev.driftless.presets.Problem;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.TaskFile;
import dev.driftless.resource.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The flags of {@code plan} and {@code apply} are the presets' properties spelled the command
 * line's way: for each layout they make the very settings the preset with the same properties
 * makes, and a bad value reads the same in both, under the flag's name on the command line and
 * the property's name in a task file.
 */
@Timeout(120)
class FlagsAsPresetPropertiesTest {

  private static final String GIT = "https://git.example.com/acme/flows.git";
  private static final String KESTRA = "http://localhost:8080";

  /** The credentials, in the environment for the command line and as properties for the presets. */
  private static final Map<String, String> ENV = Map.of("GIT_USERNAME", "ci", "GIT_PASSWORD", "ghp_token",
      "KESTRA_USERNAME", "admin@example.com", "KESTRA_PASSWORD", "Adm1n-pass");

  /** One way to sync: the flags, and the task whose properties they stand for. */
  record SameSync(String name, List<String> flags, String task) {
    @Override
    public String toString() {
      return name;
    }

    /** The task, with the remote and the server of {@link #ENV} as its properties. */
    SyncTask preset() {
      String yaml = "id: same\n" + task + """

          url: %s
          username: ci
          password: "{{ secret('GIT_PASSWORD') }}"
          kestraUrl: %s
          auth:
            username: admin@example.com
            password: "{{ secret('KESTRA_PASSWORD') }}"
          """.formatted(GIT, KESTRA);
      return (SyncTask) TaskFile.parse(yaml, "task.yaml", name -> Optional.ofNullable(ENV.get(name))).get(0);
    }
  }

  static Stream<SameSync> eachLayout() {
    return Stream.of(
        new SameSync("--layout flows from Git: SyncFlows",
            List.of("--layout", "flows", "--namespace", "dev", "--source-of-truth", "git"), """
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev"""),
        new SameSync("--layout flows with --git-dir, --branch and --children: SyncFlows",
            List.of("--layout", "flows", "--namespace", "dev", "--children", "--git-dir", "kestra/flows", "--branch",
                "prod", "--source-of-truth", "git"), """
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            includeChildNamespaces: true
            gitDirectory: kestra/flows
            branch: prod"""),
        new SameSync("--layout flows to Git: PushFlows",
            List.of("--layout", "flows", "--namespace", "dev", "--source-of-truth", "kestra"), """
            type: io.kestra.plugin.git.PushFlows
            sourceNamespace: dev"""),
        new SameSync("--layout files from Git, with children: SyncNamespaceFiles",
            List.of("--layout", "files", "--namespace", "dev", "--children", "--source-of-truth", "git"), """
            type: io.kestra.plugin.git.SyncNamespaceFiles
            namespace: dev
            includeChildNamespaces: true"""),
        new SameSync("--layout files to Git: PushNamespaceFiles",
            List.of("--layout", "files", "--namespace", "dev", "--source-of-truth", "kestra"), """
            type: io.kestra.plugin.git.PushNamespaceFiles
            namespace: dev"""),
        new SameSync("--layout dashboards from Git: SyncDashboards",
            List.of("--layout", "dashboards", "--source-of-truth", "git"), """
            type: io.kestra.plugin.git.SyncDashboards"""),
        new SameSync("--layout dashboards to Git, in another directory and tenant: PushDashboards",
            List.of("--layout", "dashboards", "--git-dir", "boards", "--tenant", "main"), """
            type: io.kestra.plugin.git.PushDashboards
            gitDirectory: boards
            tenantId: main"""),
        new SameSync("--layout namespace: NamespaceSync", List.of("--namespace", "dev"), """
            type: io.kestra.plugin.git.NamespaceSync
            namespace: dev
            branch: main"""),
        new SameSync("--layout namespace from Git, in a directory: NamespaceSync",
            List.of("--namespace", "dev", "--git-dir", "kestra", "--source-of-truth", "git"), """
            type: io.kestra.plugin.git.NamespaceSync
            namespace: dev
            branch: main
            gitDirectory: kestra
            sourceOfTruth: GIT"""),
        new SameSync("--tenant-wide: TenantSync", List.of("--tenant-wide"), """
            type: io.kestra.plugin.git.TenantSync
            branch: main"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eachLayout")
  void eachLayout_makesTheSettingsItsPresetMakes(SameSync sync) {
    List<String> args = new ArrayList<>(List.of("--git", GIT, "--kestra", KESTRA));
    args.addAll(sync.flags());
    SideOptions options = CommandLine.populateCommand(new SideOptions(), args.toArray(String[]::new));
    options.validate();
    Policy policy = options.policy();
    PresetSpec spec = sync.preset().spec();

    GitSettings fromFlags = options.gitSettings(ENV, policy);
    GitSettings fromPreset = spec.git().settings(spec.commit(), Optional.empty(), PlanOptions.DEFAULT_MAX_RESOURCE_BYTES);
    assertEquals(fromPreset.layout(), fromFlags.layout(), "the layout");
    assertEquals(fromPreset.readMissingAsEmpty(), fromFlags.readMissingAsEmpty(),
        "whether a missing branch or directory reads as empty");
    assertEquals(everythingButTheCommitMessage(fromPreset), everythingButTheCommitMessage(fromFlags), "the Git settings");
    assertEquals(GitSettings.DEFAULT_COMMIT_MESSAGE, fromFlags.commitMessage(),
        "the command's own commits name the plan; a preset's say what the Git plugin's say");
    assertEquals(spec.git().scope(), options.scope(), "what is read from Git");
    assertEquals(spec.kestraScope(), options.scope(), "what is read from Kestra");

    boolean kestraOnlyWritten = spec.policy().isOnlyWritten(Side.KESTRA, spec.kestraScope().kinds());
    KestraSettings kestraFromPreset = spec.kestra().kestraSettings(kestraOnlyWritten,
        PlanOptions.DEFAULT_MAX_RESOURCE_BYTES);
    assertEquals(kestraFromPreset, options.kestraSettings(ENV, policy), "the Kestra settings");
  }

  /**
   * One bad value: the flag and the property it stands for, the flags and environment that give
   * it on the command line, and the task file line(s) that give it to NamespaceSync.
   */
  record BadValue(String name, String flag, String property, List<String> flags, Map<String, String> env,
      String taskLines) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String UNREACHABLE_GIT = "https://127.0.0.1:1/acme/flows.git";

  static Stream<BadValue> badValues() {
    return Stream.of(
        new BadValue("a url that is no Git remote", "--git", "url", List.of("--git", "ftp://127.0.0.1:1/flows"),
            Map.of(), "url: ftp://127.0.0.1:1/flows"),
        new BadValue("a url holding a password", "--git", "url",
            List.of("--git", "https://ci:hunter2@127.0.0.1:1/flows.git"), Map.of(),
            "url: https://ci:hunter2@127.0.0.1:1/flows.git"),
        new BadValue("a branch name Git refuses", "--branch", "branch", List.of("--branch", "a..b"), Map.of(),
            "branch: a..b"),
        new BadValue("a directory stepping out of the repository", "--git-dir", "gitDirectory",
            List.of("--git-dir", "../elsewhere"), Map.of(), "gitDirectory: ../elsewhere"),
        new BadValue("a namespace that is none", "--namespace", "namespace", List.of("--namespace", "bad..ns"),
            Map.of(), "namespace: bad..ns"),
        new BadValue("a protected namespace that is none", "--protect", "protectedNamespaces",
            List.of("--protect", "x..y"), Map.of(), "protectedNamespaces: [x..y]"),
        new BadValue("a Kestra url without a scheme", "--kestra", "kestraUrl", List.of("--kestra", "localhost:8080"),
            Map.of(), "kestraUrl: localhost:8080"),
        new BadValue("a tenant with a dot", "--tenant", "tenantId", List.of("--tenant", "a.b"), Map.of(),
            "tenantId: a.b"),
        new BadValue("a password without a user", "GIT_USERNAME", "username", List.of(),
            Map.of("GIT_PASSWORD", "hunter2"), "password: \"{{ secret('GIT_PASSWORD') }}\""),
        new BadValue("a password for an SSH remote", "GIT_PASSWORD", "password",
            List.of("--git", "ssh://git@127.0.0.1:1/flows.git"), Map.of("GIT_USERNAME", "ci", "GIT_PASSWORD", "hunter2"),
            "url: ssh://git@127.0.0.1:1/flows.git\nusername: ci\npassword: \"{{ secret('GIT_PASSWORD') }}\""),
        new BadValue("an SSH key for an HTTPS remote", "GIT_SSH_KEY_FILE", "privateKey", List.of(),
            Map.of("GIT_SSH_KEY_FILE", "KEY_FILE"), "privateKey: \"{{ secret('SSH_KEY') }}\""));
  }

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void aBadValue_readsTheSameOnTheCommandLineAndInATaskFile(BadValue bad) throws IOException {
    Path keyFile = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n");
    Map<String, String> env = new HashMap<>(bad.env());
    env.replaceAll((k, v) -> v.equals("KEY_FILE") ? keyFile.toString() : v);

    List<Problem> inTaskFile = taskFileProblems(bad.taskLines(), Map.of("GIT_PASSWORD", "hunter2",
        "SSH_KEY", "-----BEGIN OPENSSH PRIVATE KEY-----\nx\n")).stream()
        .filter(p -> p.property().equals(bad.property())).toList();
    assertFalse(inTaskFile.isEmpty(), () -> "the task file reports " + bad.property());
    assertEquals(bad.flag(), SideOptions.nameOf(bad.property()), "the command line's name for " + bad.property());

    Map<String, String> flags = new LinkedHashMap<>(Map.of("--git", UNREACHABLE_GIT, "--kestra",
        "http://127.0.0.1:1", "--namespace", "dev"));
    for (int i = 0; i < bad.flags().size(); i += 2) {
      flags.put(bad.flags().get(i), bad.flags().get(i + 1));
    }
    List<String> args = new ArrayList<>(List.of("plan"));
    flags.forEach((flag, value) -> args.addAll(List.of(flag, value)));
    Cli.Result result = Cli.run(env, args.toArray(String[]::new)).assertOneErrorLine("driftless: ")
        .assertNoneOf(List.of("hunter2"));

    for (Problem problem : inTaskFile) {
      String words = bad.flag() + " " + problem.message();
      assertTrue(result.err().contains(words), () -> "the command line says '" + words + "' as the task file says '"
          + problem.render() + "'\n" + result);
    }
  }

  private static List<Problem> taskFileProblems(String lines, Map<String, String> secrets) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("url", "url: " + UNREACHABLE_GIT);
    properties.put("branch", "branch: main");
    properties.put("namespace", "namespace: dev");
    properties.put("kestraUrl", "kestraUrl: http://127.0.0.1:1");
    lines.lines().forEach(line -> properties.put(line.substring(0, line.indexOf(':')), line));
    String yaml = "id: sync\ntype: io.kestra.plugin.git.NamespaceSync\n" + String.join("\n", properties.values())
        + "\n";
    return assertThrows(InvalidTaskException.class,
        () -> TaskFile.parse(yaml, "task.yaml", name -> Optional.ofNullable(secrets.get(name))),
        () -> "the task file is refused:\n" + yaml).problems();
  }

  private static List<Object> everythingButTheCommitMessage(GitSettings s) {
    return List.of(s.remote(), s.branch(), s.layout(), s.cacheDirectory(), s.readMissingAsEmpty(), s.shallow(),
        s.maxFileBytes(), s.maxReadBytes(), s.authorName(), s.authorEmail(), s.committerName(), s.committerEmail(),
        s.forge());
  }
}
