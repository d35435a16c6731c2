package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input gives exactly one clear line on standard error and exit 1, never a stack trace
 * (unless {@code --debug}), and never a secret.
 */
@Timeout(60)
class BadInputTest {

  @TempDir
  Path dir;

  Sides sides;

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
    sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "from Git")).push();
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void anUnknownOption() {
    sides.cli(sides.command("plan", "--frobnicate"))
        .assertOneErrorLine("driftless plan: Unknown option: '--frobnicate' (see 'driftless plan --help')");
  }

  @Test
  void anUnknownCommand() {
    sides.cli("frobnicate").assertOneErrorLine("driftless: unknown command 'frobnicate' (see 'driftless --help')");
    sides.cli("plann").assertOneErrorLine("driftless: unknown command 'plann'; did you mean 'plan'? "
        + "(see 'driftless --help')");
  }

  @Test
  void aBadOptionValue() {
    Cli.Result result = sides.cli(sides.command("plan", "--format", "yaml"))
        .assertOneErrorLine("driftless plan: Invalid value for option '--format'");
    assertTrue(result.err().contains("text, json, markdown"), result.err());
  }

  @Test
  void missingRequiredOptions_allNamedAtOnce() {
    sides.cli("plan").assertOneErrorLine(
        "driftless: --git is required; --kestra is required; give --namespace (repeatable) or --tenant-wide");
    sides.cli("apply").assertOneErrorLine("driftless: --git is required");
    sides.cli("show").assertOneErrorLine("driftless show: Missing required parameter: 'PLAN_FILE'");
    sides.cli("run").assertOneErrorLine("driftless run: Missing required parameter: 'TASK_FILE'");
    sides.cli("apply", "--approve").assertOneErrorLine("driftless apply: Missing required parameter for option "
        + "'--approve'");
  }

  @Test
  void aKestraUrlThatIsNoUrl() {
    sides.cli("plan", "--git", sides.gitUrl(), "--kestra", "localhost:8080", "--namespace", "dev")
        .assertOneErrorLine("driftless: --kestra must start with http:// or https://");
  }

  @Test
  void anUnreachableKestra() {
    sides.cli("plan", "--git", sides.gitUrl(), "--kestra", "http://127.0.0.1:1", "--namespace", "dev")
        .assertOneErrorLine("driftless: Kestra at http://127.0.0.1:1 could not be reached");
  }

  @Test
  void anUnreachableGitServer() {
    sides.cli("plan", "--git", "http://127.0.0.1:1/flows.git", "--kestra", sides.kestraUrl(), "--namespace", "dev")
        .assertOneErrorLine("driftless: fetching branch 'main' from http://127.0.0.1:1/flows.git failed: "
            + "the host refused the connection or cannot be reached");
  }

  @Test
  void aWrongKestraPassword() {
    Map<String, String> env = new HashMap<>(sides.env());
    env.put("KESTRA_PASSWORD", "Wrong-" + Sides.random());

    sides.cli(env, sides.command("plan")).assertNoneOf(List.of(env.get("KESTRA_PASSWORD")))
        .assertOneErrorLine("driftless: Kestra at " + sides.kestraUrl() + " refused the credentials for user "
            + Sides.KESTRA_USER + " (401 on GET /api/v1/configs): check the user name and password");
  }

  @Test
  void noKestraCredentials() {
    Map<String, String> env = new HashMap<>(sides.env());
    env.remove("KESTRA_USERNAME");
    env.remove("KESTRA_PASSWORD");

    sides.cli(env, sides.command("plan")).assertOneErrorLine("driftless: Kestra at " + sides.kestraUrl()
        + " requires credentials (401 on GET /api/v1/configs)");
  }

  @Test
  void halfTheKestraCredentials() {
    Map<String, String> env = new HashMap<>(sides.env());
    env.remove("KESTRA_PASSWORD");

    sides.cli(env, sides.command("plan"))
        .assertOneErrorLine("driftless: set both KESTRA_USERNAME and KESTRA_PASSWORD, or KESTRA_API_TOKEN");
  }

  @Test
  void aWrongGitPassword() {
    Map<String, String> env = new HashMap<>(sides.env());
    env.put("GIT_PASSWORD", "Wrong-" + Sides.random());

    sides.cli(env, sides.command("plan")).assertNoneOf(List.of(env.get("GIT_PASSWORD")))
        .assertOneErrorLine("driftless: fetching branch 'main' from " + sides.gitUrl()
            + " failed: the remote refused the credentials");
  }

  @Test
  void anUnreadableSshKeyFile_isNamedByItsVariable_withoutAJavaClassName() {
    String missing = dir.resolve("id_ed25519").toString();

    sides.cli(Map.of("GIT_SSH_KEY_FILE", missing), "plan", "--git", "ssh://git@127.0.0.1:1/flows.git", "--kestra",
        sides.kestraUrl(), "--namespace", "dev")
        .assertOneErrorLine("driftless: cannot read GIT_SSH_KEY_FILE " + missing + ": no such file");
  }

  @Test
  void aLayoutTheCommandLineDoesNotSync() {
    sides.cli(sides.command("plan", "--layout", "outputs")).assertOneErrorLine("driftless plan: Invalid value for "
        + "option '--layout': expected one of [namespace, flows, files, dashboards] (case-sensitive) but was 'outputs'");
  }

  @Test
  void aMissingPlanFile() {
    String missing = dir.resolve("missing.json").toString();

    sides.cli("show", missing).assertOneErrorLine("driftless: plan file " + missing + " does not exist");
    sides.cli("apply", missing).assertOneErrorLine("driftless: plan file " + missing + " does not exist");
  }

  @Test
  void aMalformedPlanFile() throws IOException {
    Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"format_version\": 1, \"changes\": [\n");
    Path notAPlan = Files.writeString(dir.resolve("other.json"), "{\"hello\": \"world\"}\n");

    sides.cli("show", notJson.toString())
        .assertOneErrorLine("driftless: the plan file " + notJson + " is not a Driftless plan: ");
    sides.cli("apply", notJson.toString())
        .assertOneErrorLine("driftless: the plan file " + notJson + " is not a Driftless plan: ");
    sides.cli("show", notAPlan.toString())
        .assertOneErrorLine("driftless: the plan file " + notAPlan + " is not a Driftless plan: ");
  }

  @Test
  void aMissingTaskFile() {
    String missing = dir.resolve("missing.yaml").toString();

    sides.cli("run", missing).assertOneErrorLine("driftless: task file " + missing + " does not exist");
  }

  @Test
  void aMalformedTaskFile_isOneLineWithItsLine() throws IOException {
    Path task = Files.writeString(dir.resolve("task.yaml"), """
        id: sync
        type: io.kestra.plugin.git.NamespaceSync
        namespace: [dev
        """);

    sides.cli("run", task.toString()).assertOneErrorLine("driftless: " + task + ":4: is not valid YAML: ");
  }

  @Test
  void aTaskFileOfUnknownType() throws IOException {
    Path task = Files.writeString(dir.resolve("task.yaml"), """
        id: sync
        type: io.kestra.plugin.git.Synk
        """);

    Cli.Result result = sides.cli("run", task.toString()).assertOneErrorLine("driftless: " + task + ":2: type: ");
    assertTrue(result.err().contains("NamespaceSync"), "names the known types: " + result.err());
  }

  @Test
  void aTaskFileWithSeveralProblems_givesOneLinePerProblem_eachWithItsLine() throws IOException {
    Path task = Files.writeString(dir.resolve("task.yaml"), """
        id: sync
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        brnch: main
        password: a-literal-token
        """.formatted(sides.gitUrl()));

    Cli.Result result = sides.cli("run", task.toString()).assertExit(1).assertNoStackTrace()
        .assertNoneOf(List.of("a-literal-token"));

    assertEquals(3, result.errLines().size(), result.toString());
    for (String line : result.errLines()) {
      assertTrue(line.matches("driftless: " + Pattern.quote(task.toString()) + ":\\d+: .+"), line);
    }
    assertTrue(result.err().contains(":4: brnch: unknown property; did you mean 'branch'?"), result.err());
    assertTrue(result.err().contains(":1: targetNamespace: is required"), result.err());
    assertTrue(result.err().contains(":5: password: a literal credential is refused"), result.err());
  }

  @Test
  void aTaskWhoseKestraIsUnreachable() throws IOException {
    Path task = Files.writeString(dir.resolve("task.yaml"), """
        id: sync
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        targetNamespace: dev
        kestraUrl: http://127.0.0.1:1
        """.formatted(sides.gitUrl()));

    sides.cli("run", task.toString()).assertOneErrorLine("driftless: Kestra at http://127.0.0.1:1 could not be reached");
  }

  @Test
  void debug_addsTheStackTrace() {
    Cli.Result result = sides.cli("--debug", "plan", "--git", sides.gitUrl(), "--kestra", "http://127.0.0.1:1",
        "--namespace", "dev").assertExit(1);

    assertTrue(result.errLines().get(0).startsWith("driftless: Kestra at http://127.0.0.1:1 could not be reached"));
    assertTrue(result.err().contains("\tat "), result.err());

    Cli.Result after = sides.cli("plan", "--git", sides.gitUrl(), "--kestra", "http://127.0.0.1:1",
        "--namespace", "dev", "--debug").assertExit(1);
    assertTrue(after.err().contains("\tat "), "--debug after the command works too: " + after.err());
  }

  @Test
  void theEmulator_onAPortInUse() {
    Cli.Result result = Cli.run(Map.of(), "emulator", "--port", String.valueOf(sides.kestra.port()))
        .assertOneErrorLine("driftless: the emulator cannot start: cannot bind 127.0.0.1:" + sides.kestra.port()
            + ": Address already in use");
    assertEquals(List.of(), result.out().lines().toList());
  }

  @Test
  void theEmulator_withAnUnknownMode() {
    Cli.Result result = Cli.run(Map.of(), "emulator", "--mode", "cloud", "--port", "0")
        .assertOneErrorLine("driftless: --mode must be legacy, oss or ee, got 'cloud'");
    assertEquals("", result.out());
  }
}
