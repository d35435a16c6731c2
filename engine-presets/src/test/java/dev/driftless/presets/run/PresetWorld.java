package dev.driftless.presets.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.EmulatorState;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.emulator.RecordedRequest;
import dev.driftless.presets.RowDetail;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.Task;
import dev.driftless.presets.TaskFile;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One Git repository served over HTTP with Basic auth (JGit's servlet on loopback) and one Kestra
 * API emulator with Basic auth, and the plumbing to run the Git plugin's tasks against them from
 * their YAML definitions: {@link #run(String)} adds the connection properties (URL, user,
 * {@code {{ secret('GIT_TOKEN') }}}, {@code kestraUrl}, {@code auth}) to a task's own properties.
 *
 * <pre>{@code
 * try (PresetWorld world = PresetWorld.start(dir)) {
 *   world.kestra().putFlowSource("main", HELLO_WORLD);
 *   PresetResult run = world.run("""
 *       type: io.kestra.plugin.git.PushFlows
 *       sourceNamespace: dev
 *       """);
 *   world.git("main", "_flows/hello_world.yml");
 * }
 * }</pre>
 */
final class PresetWorld implements AutoCloseable {

  static final String TENANT = KestraEmulator.DEFAULT_TENANT;
  static final String MAIN = Repos.MAIN;
  static final String KESTRA_USER = "admin@kestra.io";
  /** The emulator's password; tests check that it never shows in rows, messages or plans. */
  static final String KESTRA_PASSWORD = "Kestra-Pw-9f3e1c7a";
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "DELETE", "PATCH");

  private final Repos repos;
  private final BareRepo repo;
  private final JGitHttpServer git;
  private final KestraEmulator emulator;
  private final Path workDir;
  /**
   * Detailed rows: these end-to-end tests read Driftless's states (KEPT, PROTECTED, BLOCKED...)
   * from the rows; {@link PluginRowsTest} checks the default, the plugin's rows.
   */
  private PresetRunner runner = PresetRunner.create().withRowDetail(RowDetail.DETAILED);

  private PresetWorld(Repos repos, BareRepo repo, JGitHttpServer git, KestraEmulator emulator, Path workDir) {
    this.repos = repos;
    this.repo = repo;
    this.git = git;
    this.emulator = emulator;
    this.workDir = workDir;
  }

  /** An empty repository ({@code main} has no commit yet) and an empty Kestra 1.3.0 OSS. */
  static PresetWorld start(Path dir) {
    return start(dir, Mode.OSS, "1.3.0");
  }

  static PresetWorld start(Path dir, Mode mode, String version) {
    Repos repos = Repos.in(dir.resolve("repos"));
    BareRepo repo = repos.bare("kestra");
    JGitHttpServer git = JGitHttpServer.http(repos.dir());
    try {
      KestraEmulator emulator = KestraEmulator.builder().mode(mode).version(version)
          .basicAuth(KESTRA_USER, KESTRA_PASSWORD).start();
      return new PresetWorld(repos, repo, git, emulator, dir.resolve("work"));
    } catch (RuntimeException e) {
      git.close();
      throw e;
    }
  }

  // ---- running tasks

  /** The Git server's token, for tests that check it never leaks. */
  String gitToken() {
    return git.credentials().token();
  }

  /** The secrets a task file may name: {@code GIT_TOKEN} and {@code KESTRA_PASSWORD}. */
  Function<String, Optional<String>> secrets() {
    Map<String, String> secrets = Map.of("GIT_TOKEN", gitToken(), "KESTRA_PASSWORD", KESTRA_PASSWORD);
    return name -> Optional.ofNullable(secrets.get(name));
  }

  /** The Git server's user. */
  String gitUser() {
    return git.credentials().user();
  }

  /** The repository's URL on the Git server. */
  String url() {
    return git.url(repo.name());
  }

  String kestraUrl() {
    return emulator.url().toString();
  }

  /** The Git connection properties of this world, as YAML lines. */
  String gitConnection() {
    return "url: " + url() + "\n"
        + "username: " + git.credentials().user() + "\n"
        + "password: \"{{ secret('GIT_TOKEN') }}\"\n";
  }

  /** The connection properties every task of this world carries, as YAML lines. */
  String connection() {
    return gitConnection() + kestraConnection();
  }

  /** The Kestra connection properties of this world, as YAML lines. */
  String kestraConnection() {
    return "kestraUrl: " + kestraUrl() + "\n"
        + "auth:\n"
        + "  username: " + KESTRA_USER + "\n"
        + "  password: \"{{ secret('KESTRA_PASSWORD') }}\"\n";
  }

  /** A task from its own properties plus this world's connection properties. */
  Task task(String properties) {
    String yaml = properties.endsWith("\n") ? properties : properties + "\n";
    List<Task> tasks = TaskFile.parse(yaml + connection(), "task.yaml", secrets());
    assertEquals(1, tasks.size());
    return tasks.get(0);
  }

  /**
   * A whole task file, with the secrets of this world and some more ({@code SSH_KEY}...), for tasks
   * that connect differently.
   */
  SyncTask parse(String yaml, Map<String, String> moreSecrets) {
    Function<String, Optional<String>> secrets =
        name -> Optional.ofNullable(moreSecrets.get(name)).or(() -> secrets().apply(name));
    return (SyncTask) TaskFile.parse(yaml, "task.yaml", secrets).get(0);
  }

  /** Runs a task written as YAML (its own properties; the connection is added). */
  PresetResult run(String properties) {
    return run((SyncTask) task(properties));
  }

  PresetResult run(SyncTask task) {
    return runner.run(task);
  }

  PresetRunner runner() {
    return runner;
  }

  void runner(PresetRunner value) {
    this.runner = value;
  }

  /** A directory under this world's own temporary directory. */
  Path work(String name) {
    return workDir.resolve(name);
  }

  // ---- Git

  BareRepo repo() {
    return repo;
  }

  Repos repos() {
    return repos;
  }

  JGitHttpServer gitServer() {
    return git;
  }

  /** A commit to {@code main}. */
  PendingCommit commit() {
    return repo.commit(MAIN);
  }

  Optional<ObjectId> head(String branch) {
    return repo.head(branch);
  }

  /** Every file on a branch, path to text. */
  Map<String, String> gitFiles(String branch) {
    return repo.files(branch);
  }

  Optional<String> gitFile(String branch, String path) {
    return repo.file(branch, path);
  }

  // ---- Kestra

  KestraEmulator emulator() {
    return emulator;
  }

  EmulatorState kestra() {
    return emulator.state();
  }

  void putFlow(String source) {
    emulator.state().putFlowSource(TENANT, source);
  }

  Optional<String> flow(String namespace, String id) {
    return emulator.state().flowSource(TENANT, namespace, id);
  }

  void putFile(String namespace, String path, String content) {
    emulator.state().putNamespaceFile(TENANT, namespace, path, content.getBytes(StandardCharsets.UTF_8));
  }

  Optional<String> file(String namespace, String path) {
    return emulator.state().namespaceFile(TENANT, namespace, path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** Forgets the requests seen so far, so that {@link #kestraWrites()} shows only what follows. */
  void forgetRequests() {
    emulator.requests().clear();
  }

  /**
   * The requests that changed something in Kestra: POST, PUT, DELETE, PATCH, except the calls
   * that only validate or export.
   */
  List<RecordedRequest> kestraWrites() {
    return emulator.requests().all().stream()
        .filter(r -> WRITE_METHODS.contains(r.method()))
        .filter(r -> !r.path().endsWith("/validate") && !r.path().endsWith("/apps/export"))
        .toList();
  }

  /** Asserts that nothing was written to Kestra since {@link #forgetRequests()}. */
  void assertNoKestraWrite() {
    assertTrue(kestraWrites().isEmpty(), () -> "Kestra was written: " + kestraWrites());
  }

  // ---- rows and second runs

  /** A row's state: {@code syncState} for the sync tasks, {@code action} for the others. */
  static String state(Map<String, Object> row) {
    return (String) (row.containsKey("syncState") ? row.get("syncState") : row.get("action"));
  }

  /** The state of each row by one of its fields ({@code file}, {@code gitPath}, {@code key}), sorted. */
  static SortedMap<String, String> states(PresetResult run, String field) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map<String, Object> row : run.rows()) {
      out.put(String.valueOf(row.get(field)), state(row));
    }
    return out;
  }

  /** The row whose field has this value. */
  static Map<String, Object> row(PresetResult run, String field, String value) {
    return run.rows().stream().filter(r -> value.equals(r.get(field))).findFirst()
        .orElseThrow(() -> new AssertionError("no row with " + field + " " + value + " in " + run.rows()));
  }

  /**
   * Runs the task again and checks that it is a no-op: no commit (the branch head did not move),
   * no Kestra write, nothing applied, and every row in one of the given states.
   */
  PresetResult assertSecondRunIsNoOp(String task, String branch, String... states) {
    Optional<ObjectId> before = head(branch);
    forgetRequests();
    PresetResult again = run(task);
    assertEquals(before, head(branch), "a second run made no commit");
    assertNoKestraWrite();
    assertTrue(again.result().isEmpty(), "nothing to apply");
    assertTrue(again.commitId().isEmpty());
    assertFalse(again.plan().hasWrites(), again.plan()::toString);
    Set<String> allowed = Set.of(states);
    for (Map<String, Object> row : again.rows()) {
      assertTrue(allowed.contains(state(row)), () -> "row " + row + " is not one of " + allowed);
    }
    return again;
  }

  @Override
  public void close() {
    try {
      emulator.close();
    } finally {
      git.close();
    }
  }
}
