package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.emulator.RecordedRequest;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.BasicCredentials;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.Repos;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeds' flows, byte for byte as the seeds write them (the files under {@code /seeds}), through
 * {@code driftless run}: Kestra's address and credentials from the environment ({@code KESTRA_URL},
 * {@code KESTRA_USERNAME}, {@code KESTRA_PASSWORD}), secrets as {@code SECRET_<NAME>}, and the
 * github.com (and {@code http://localhost:8080}) addresses they name reached on loopback with
 * {@code --rewrite-url}: a JGit HTTP server with Basic auth for the flows that give credentials, a
 * git daemon for the two that give none. Each Git flow runs three times: {@code --dry-run}, which
 * writes nothing; for real; and again, which writes nothing because nothing differs any more. The
 * flows the seeds show as what PushFlows pushes (a Log task) only Kestra runs: each is refused in one
 * line naming Kestra and the plugin.
 */
@Timeout(240)
class SeedFlowsRunTest {

  private static final String TENANT = KestraEmulator.DEFAULT_TENANT;
  private static final String KESTRA_USER = "admin@kestra.io";
  private static final String GITHUB_TOKEN = "ghp-" + Sides.random();
  private static final String KESTRA_PASSWORD = "Kp-" + Sides.random();
  private static final String WEBHOOK_KEY = "wk-" + Sides.random();

  @TempDir
  Path dir;

  private final List<AutoCloseable> servers = new ArrayList<>();
  private KestraEmulator kestra;
  private BareRepo repo;
  private String gitUrl;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  /** The emulator (Kestra 1.3 OSS, Basic auth) and a repository behind an HTTP server accepting this user and the token. */
  private void startHttp(String gitUser) {
    startKestra();
    Repos repos = Repos.in(dir.resolve("repos"));
    repo = repos.bare("repo");
    JGitHttpServer git = JGitHttpServer.http(repos.dir(), new BasicCredentials(gitUser, GITHUB_TOKEN));
    servers.add(git);
    gitUrl = git.url("repo");
  }

  /** The emulator and a repository behind a git daemon: anonymous, for the flows that give no Git credentials. */
  private void startDaemon() {
    startKestra();
    Repos repos = Repos.in(dir.resolve("repos"));
    repo = repos.bare("repo");
    GitDaemonServer git = GitDaemonServer.start(repos.dir());
    servers.add(git);
    gitUrl = git.url("repo");
  }

  private void startKestra() {
    kestra = KestraEmulator.builder().mode(Mode.OSS).version("1.3.0").basicAuth(KESTRA_USER, KESTRA_PASSWORD).port(0)
        .start();
    servers.add(kestra);
  }

  private Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KESTRA_URL", kestra.url().toString());
    env.put("KESTRA_USERNAME", KESTRA_USER);
    env.put("KESTRA_PASSWORD", KESTRA_PASSWORD);
    env.put("SECRET_GITHUB_ACCESS_TOKEN", Base64.getEncoder().encodeToString(GITHUB_TOKEN.getBytes(StandardCharsets.UTF_8)));
    env.put("WEBHOOK_KEY", WEBHOOK_KEY);
    return env;
  }

  /** The seed, copied out of the test resources unchanged. */
  private Path seed(String name) {
    try (InputStream in = SeedFlowsRunTest.class.getResourceAsStream("/seeds/" + name + ".yaml")) {
      return Files.write(dir.resolve(name + ".yaml"), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String name) {
    try (InputStream in = SeedFlowsRunTest.class.getResourceAsStream("/seeds/" + name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code driftless run <seed> --rewrite-url <the url it names>=<the test server>} and these options. */
  private Cli.Result run(Path seed, String namedUrl, String... options) {
    List<String> args = new ArrayList<>(List.of("run", seed.toString(), "--rewrite-url", namedUrl + "=" + gitUrl,
        "--rewrite-url", "http://localhost:8080=" + kestra.url().toString().replaceAll("/$", "")));
    args.addAll(List.of(options));
    return Cli.run(env(), args.toArray(String[]::new))
        .assertNoneOf(List.of(GITHUB_TOKEN, KESTRA_PASSWORD, WEBHOOK_KEY)).assertNoAnsi();
  }

  /** The dry run, the run and the second run, each exiting 0; the dry run and the second write nothing. */
  private List<Cli.Result> threeRuns(String name, String namedUrl) {
    return threeRuns(name, namedUrl, false);
  }

  /**
   * {@link #threeRuns(String, String)}; with {@code fileIsDryRun} (the file says {@code dryRun: true})
   * the real runs write nothing either, and plan what the dry run planned.
   */
  private List<Cli.Result> threeRuns(String name, String namedUrl, boolean fileIsDryRun) {
    Path seed = seed(name);
    assertTrue(text(name).contains("url: " + namedUrl), name + " names " + namedUrl);
    List<Cli.Result> results = new ArrayList<>();

    Map<String, ObjectId> before = heads();
    kestra.requests().clear();
    results.add(run(seed, namedUrl, "--dry-run").assertExit(0));
    assertNoKestraWrite(name + ", --dry-run");
    assertEquals(before, heads(), name + ", --dry-run: Git is not written");
    assertTrue(results.get(0).err().contains("Dry run: nothing was written."), results.get(0).toString());

    results.add(run(seed, namedUrl).assertExit(0));
    if (fileIsDryRun) {
      assertNoKestraWrite(name + ", dryRun: true in the file");
      assertEquals(before, heads(), name + ", dryRun: true in the file: Git is not written");
    }

    Map<String, ObjectId> after = heads();
    kestra.requests().clear();
    results.add(run(seed, namedUrl).assertExit(0));
    assertNoKestraWrite(name + ", the second run");
    assertEquals(after, heads(), name + ", the second run: no commit");
    if (!fileIsDryRun) {
      assertTrue(results.get(2).out().contains("Plan: 0 to create, 0 to update, 0 to delete"), results.get(2).toString());
    }
    return results;
  }

  /** Every branch's head commit. */
  private Map<String, ObjectId> heads() {
    Map<String, ObjectId> heads = new TreeMap<>();
    repo.branches().forEach(b -> heads.put(b, repo.head(b).orElseThrow()));
    return heads;
  }

  private void assertNoKestraWrite(String where) {
    List<RecordedRequest> writes = kestra.requests().all().stream()
        .filter(r -> Set.of("POST", "PUT", "DELETE", "PATCH").contains(r.method()))
        .filter(r -> !r.path().endsWith("/validate") && !r.path().endsWith("/apps/export")).toList();
    assertTrue(writes.isEmpty(), () -> where + ": Kestra was written: " + writes);
  }

  private Optional<String> kestraFlow(String namespace, String id) {
    return kestra.state().flowSource(TENANT, namespace, id);
  }

  private void putFlow(String seedName) {
    kestra.state().putFlowSource(TENANT, text(seedName));
  }

  // ---- Git to Kestra

  @Test
  void syncFlowsSchedule_syncsYourGitDirAndItsChildNamespaces_intoGit() {
    startHttp("git_username");
    repo.commit("main").add("your_git_dir/flow1.yml", text("flow1"))
        .add("your_git_dir/tutorial/hello_world_1.yml", text("hello_world_1")).push();

    threeRuns("sync_flows_schedule", "https://github.com/kestra/scripts");

    assertTrue(kestraFlow("git", "flow1").isPresent(), "flow1 in namespace git");
    assertTrue(kestraFlow("git.tutorial", "hello_world_1").isPresent(), "hello_world_1 in the child namespace");
  }

  @Test
  void syncFlowsWebhook_syncsFlowsIntoGit_theTriggerLeftToDriftlessWatch() {
    startHttp("git_username");
    repo.commit("main").add("_flows/flow2.yml", text("flow2")).push();

    threeRuns("sync_flows_webhook", "https://github.com/kestra/scripts");

    assertTrue(kestraFlow("git", "flow2").isPresent());
  }

  @Test
  void syncFlowsDryRun_writesNothing_evenForReal() {
    startHttp("git_username");
    repo.commit("main").add("flows/flow1.yml", text("flow1")).push();

    List<Cli.Result> runs = threeRuns("sync_flows_dry_run", "https://github.com/git_username/flows", true);

    assertTrue(runs.get(1).err().contains("Dry run: nothing was written."), "the file says dryRun: true");
    assertTrue(kestra.state().flows(TENANT).isEmpty(), "nothing was synced");
  }

  @Test
  void syncNamespaceFiles_syncsFilesIntoProd() {
    startHttp("git_username");
    repo.commit("main").add("_files/scripts/etl.py", "print('etl')\n").push();

    threeRuns("sync_namespace_files", "https://github.com/kestra-io/flows");

    assertEquals(Optional.of("print('etl')\n"), kestra.state().namespaceFile(TENANT, "prod", "/scripts/etl.py")
        .map(b -> new String(b, StandardCharsets.UTF_8)));
  }

  @Test
  void namespaceSync_gitIsTheSource_keepingWhatGitLacks() {
    startDaemon();
    repo.commit("main").add("company.team/flows/hello.yaml", Sides.flow("company.team", "hello", "from Git")).push();
    kestra.state().putFlowSource(TENANT, Sides.flow("company.team", "only_in_kestra", "kept"));

    threeRuns("namespace_sync", "https://github.com/org/repo");

    assertEquals(Optional.of(Sides.flow("company.team", "hello", "from Git")), kestraFlow("company.team", "hello"));
    assertTrue(kestraFlow("company.team", "only_in_kestra").isPresent(), "whenMissingInSource: KEEP");
  }

  // ---- Kestra to Git

  @Test
  void pushFlowsSchedule_pushesEveryDevFlow_asPodFlows_toBranchKestra() {
    startHttp("github_username");
    repo.commit("main").add("README.md", "# flows\n").push();
    putFlow("flow1");
    putFlow("flow2");

    List<Cli.Result> runs = threeRuns("push_flows_schedule", "https://github.com/kestra-io/scripts");

    assertEquals(Set.of("README.md", "_flows/flow1.yml", "_flows/flow2.yml"), repo.files("kestra").keySet());
    assertTrue(repo.file("kestra", "_flows/flow1.yml").orElseThrow().contains("namespace: pod"));
    assertEquals("add namespace files changes", repo.log("kestra").get(0).getFullMessage().strip());
    assertTrue(runs.get(1).out().contains("commitId: " + repo.head("kestra").orElseThrow().name()), runs.get(1).toString());
  }

  @Test
  void pushFlowsHelloWorld_isADryRun_asTheFileSays() {
    startHttp("anna-geller");
    repo.commit("main").add("README.md", "# flows\n").push();
    putFlow("hello_world");

    List<Cli.Result> runs = threeRuns("push_flows_hello_world", "https://github.com/anna-geller/flows", true);

    assertTrue(runs.get(1).err().contains("Dry run: nothing was written."), runs.get(1).toString());
    assertTrue(runs.get(1).out().contains("flows/hello_world.yml"), "the plan names the file: " + runs.get(1));
    assertEquals(List.of("main"), repo.branches(), "no develop branch");
  }

  @Test
  void pushNamespaceFiles_pushesDevsFiles_toBranchDev() {
    startHttp("git_username");
    repo.commit("main").add("README.md", "# files\n").push();
    kestra.state().putNamespaceFile(TENANT, "dev", "/scripts/etl.py", "print('etl')\n".getBytes(StandardCharsets.UTF_8));

    threeRuns("push_namespace_files", "https://github.com/kestra-io/scripts");

    assertEquals(Optional.of("print('etl')\n"), repo.file("dev", "_files/scripts/etl.py"));
    assertEquals("add namespace files", repo.log("dev").get(0).getFullMessage().strip());
  }

  @Test
  void tenantSync_kestraIsTheSource_theWholeTenantToGit() {
    startDaemon();
    repo.commit("main").add("README.md", "# tenant\n").push();
    putFlow("flow1");
    putFlow("hello_world_1");

    threeRuns("tenant_sync", "https://github.com/org/repo");

    assertEquals(Optional.of(text("flow1")), repo.file("main", "dev/flows/flow1.yaml"));
    assertEquals(Optional.of(text("hello_world_1")), repo.file("main", "dev.tutorial/flows/hello_world_1.yaml"));
  }

  // ---- what only Kestra runs

  @Test
  void theFlowsPushFlowsPushes_areRefused_namingKestraAndThePlugin() {
    for (String name : List.of("hello_world", "flow1", "flow2", "hello_world_1", "hello_world_2")) {
      Path seed = seed(name);
      Cli.Result refused = Cli.run(Map.of(), "run", seed.toString());
      refused.assertOneErrorLine("driftless: " + seed + ":");
      String line = refused.errLines().get(0);
      assertTrue(line.contains("'io.kestra.core.tasks.log.Log' is not a Kestra Git plugin task; only Kestra runs it: run"
          + " this flow inside Kestra, with Driftless's Kestra plugin (dev.driftless.plugin.*"), line);
      assertFalse(refused.out().contains("=="), name + ": nothing ran\n" + refused);
    }
  }
}
