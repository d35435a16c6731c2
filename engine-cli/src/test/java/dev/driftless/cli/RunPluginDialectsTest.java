package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless run} with the Git plugin's defaults and dialects: what a task the plugin
 * accepts does here, end to end, and where Driftless refuses instead, the words it says it in.
 */
@Timeout(60)
class RunPluginDialectsTest {

  private static final String DASHBOARD = "id: overview\ntitle: Overview\ncharts: []\n";

  @TempDir
  Path dir;
  Sides sides;

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>(sides.env());
    env.put("SECRET_GIT_TOKEN", Base64.getEncoder().encodeToString(
        sides.git.credentials().token().getBytes(StandardCharsets.UTF_8)));
    return env;
  }

  private String git() {
    return "url: " + sides.gitUrl() + "\nusername: " + sides.git.credentials().user()
        + "\npassword: \"{{ secret('GIT_TOKEN') }}\"\n";
  }

  private Path file(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void syncDashboards_againstAServerThatCannotTakeDashboards_exitsOne_sayingWhy() throws IOException {
    sides.commit().add("_dashboards/overview.yml", DASHBOARD).push();
    try (KestraEmulator oss2 = KestraEmulator.builder().mode(Mode.OSS).version("2.0.1")
        .basicAuth(Sides.KESTRA_USER, sides.kestraPassword).port(0).start()) {
      Path task = file("dashboards.yaml", "id: dashboards\ntype: io.kestra.plugin.git.SyncDashboards\n" + git()
          + "kestraUrl: " + oss2.url() + "\n");

      Cli.Result dry = sides.cli(env(), "run", task.toString(), "--dry-run").assertExit(1);
      Cli.Result run = sides.cli(env(), "run", task.toString()).assertExit(1).assertNoStackTrace();

      assertTrue(run.out().contains("does not let dashboards be written") || run.err().contains(
          "does not let dashboards be written"), run.toString());
      assertTrue((run.out() + run.err()).contains("cannot run against this server"), run.toString());
      assertTrue((dry.out() + dry.err()).contains("cannot run against this server"), dry.toString());
      assertTrue(oss2.state().dashboardIds(Sides.TENANT).isEmpty());
    }
  }

  @Test
  void theDeprecatedSync_isRefused_namingItsReplacements() throws IOException {
    Path task = file("sync.yaml", "id: sync\ntype: io.kestra.plugin.git.Sync\n" + git());

    Cli.Result result = sides.cli(env(), "run", task.toString())
        .assertOneErrorLine("driftless: " + task + ":2: type: 'io.kestra.plugin.git.Sync' is deprecated");

    assertTrue(result.err().contains("io.kestra.plugin.git.SyncFlows")
        && result.err().contains("io.kestra.plugin.git.SyncNamespaceFiles"), result.err());
  }

  @Test
  void authAuto_inATaskFile_signsInWithTheEnvironmentsCredentials() throws IOException {
    sides.commit().add("_flows/a.yml", Sides.flow("dev", "a", "from Git")).push();
    Path task = file("flows.yaml", "id: flows\ntype: io.kestra.plugin.git.SyncFlows\ntargetNamespace: dev\n" + git()
        + "kestraUrl: " + sides.kestraUrl() + "\nauth:\n  auto: true\n");

    sides.cli(env(), "run", task.toString()).assertExit(0);

    assertEquals(Optional.of(Sides.flow("dev", "a", "from Git")), sides.flowInKestra("dev", "a"));
  }

  @Test
  void tenantSync_withoutCredentials_saysWhereTheyCanComeFrom() throws IOException {
    Path task = file("tenant.yaml", "id: tenant\ntype: io.kestra.plugin.git.TenantSync\nbranch: main\n" + git()
        + "kestraUrl: " + sides.kestraUrl() + "\n");
    Map<String, String> env = env();
    env.remove("KESTRA_USERNAME");
    env.remove("KESTRA_PASSWORD");

    Cli.Result result = sides.cli(env, "run", task.toString()).assertOneErrorLine("driftless: " + task);

    assertTrue(result.err().contains("auth: is required") && result.err().contains("KESTRA_API_TOKEN")
        && result.err().contains("KESTRA_USERNAME and KESTRA_PASSWORD"), result.err());
  }

  @Test
  void clone_withoutDirectory_intoAWorkingDirectoryThatIsNotEmpty_isRefusedNamingIt() throws IOException {
    sides.commit().add("_flows/a.yml", Sides.flow("dev", "a", "from Git")).push();
    Path task = file("clone.yaml", "id: clone\ntype: io.kestra.plugin.git.Clone\n" + git());
    Path working = Path.of("").toAbsolutePath();
    List<String> before = list(working);

    Cli.Result result = sides.cli(env(), "run", task.toString()).assertExit(1).assertNoStackTrace();

    assertTrue(result.err().contains("directory: cannot clone into " + working + " (the working directory")
        && result.err().contains("not empty"), result.err());
    assertEquals(before, list(working), "the working directory is left as it was");
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void clone_acceptsKestraUrlAndAuth() throws IOException {
    sides.commit().add("_flows/a.yml", Sides.flow("dev", "a", "from Git")).push();
    Path into = dir.resolve("checkout");
    Path task = file("clone.yaml", "id: clone\ntype: io.kestra.plugin.git.Clone\n" + git() + "directory: " + into
        + "\nkestraUrl: " + sides.kestraUrl() + "\nauth:\n  username: " + Sides.KESTRA_USER
        + "\n  password: \"{{ secret('KESTRA_PASSWORD') }}\"\n");

    sides.cli(env(), "run", task.toString()).assertExit(0);

    assertTrue(Files.exists(into.resolve("_flows/a.yml")));
  }
}
