package dev.driftless.cli;

import dev.driftless.emulator.EmulatorState;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two sides the command works on, on loopback: the Kestra API emulator (Kestra 1.3 OSS, Basic
 * auth) and JGit's HTTP server (Basic auth) serving one bare repository, {@code flows}, whose
 * {@code main} starts empty. Both passwords are random; every run through {@link #cli} checks that
 * neither appears in its output.
 */
final class Sides implements AutoCloseable {

  static final String TENANT = KestraEmulator.DEFAULT_TENANT;
  static final String KESTRA_USER = "admin@driftless.test";

  final KestraEmulator kestra;
  final JGitHttpServer git;
  final BareRepo repo;
  final String kestraPassword;
  private final Driftless driftless;

  private Sides(KestraEmulator kestra, JGitHttpServer git, BareRepo repo, String kestraPassword, Driftless driftless) {
    this.kestra = kestra;
    this.git = git;
    this.repo = repo;
    this.kestraPassword = kestraPassword;
    this.driftless = driftless;
  }

  /** Both sides, with {@link #cli} running the command in this process. */
  static Sides start(Path dir) {
    return start(dir, Driftless.IN_PROCESS);
  }

  /** Both sides, with {@link #cli} running the command as {@code driftless} says. */
  static Sides start(Path dir, Driftless driftless) {
    String password = "Kp-" + random();
    KestraEmulator kestra = KestraEmulator.builder().mode(Mode.OSS).version("1.3.0").basicAuth(KESTRA_USER, password)
        .port(0).start();
    try {
      Repos repos = Repos.in(dir.resolve("repos"));
      BareRepo repo = repos.bare("flows");
      return new Sides(kestra, JGitHttpServer.http(repos.dir()), repo, password, driftless);
    } catch (RuntimeException e) {
      kestra.close();
      throw e;
    }
  }

  String kestraUrl() {
    return kestra.url().toString();
  }

  String gitUrl() {
    return git.url(repo.name());
  }

  EmulatorState state() {
    return kestra.state();
  }

  /** A commit on {@code main}, pushed with {@link PendingCommit#push()}. */
  PendingCommit commit() {
    return repo.commit("main");
  }

  Optional<String> flowInKestra(String namespace, String id) {
    return state().flowSource(TENANT, namespace, id);
  }

  /** The credentials of both sides, as the command reads them. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KESTRA_USERNAME", KESTRA_USER);
    env.put("KESTRA_PASSWORD", kestraPassword);
    env.put("GIT_USERNAME", git.credentials().user());
    env.put("GIT_PASSWORD", git.credentials().token());
    return env;
  }

  List<String> secrets() {
    return List.of(kestraPassword, git.credentials().token());
  }

  /** The options that point {@code plan} and {@code apply} at both sides, for namespace dev, Git the source. */
  String[] sideArgs(String... more) {
    List<String> args = new ArrayList<>(List.of("--git", gitUrl(), "--kestra", kestraUrl(), "--namespace", "dev",
        "--source-of-truth", "git"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** {@code command} with {@link #sideArgs}, then {@code more}. */
  String[] command(String command, String... more) {
    List<String> args = new ArrayList<>();
    args.add(command);
    args.addAll(List.of(sideArgs(more)));
    return args.toArray(String[]::new);
  }

  /** Runs the command with {@link #env()}; no secret and no ANSI escape in its output. */
  Cli.Result cli(String... args) {
    return cli(env(), args);
  }

  Cli.Result cli(Map<String, String> env, String... args) {
    return cliWithInput(env, "", args);
  }

  Cli.Result cliWithInput(Map<String, String> env, String stdin, String... args) {
    return driftless.runWithInput(env, stdin, args).assertNoneOf(secrets()).assertNoAnsi();
  }

  @Override
  public void close() {
    try {
      git.close();
    } finally {
      kestra.close();
    }
  }

  static String flow(String namespace, String id, String message) {
    return """
        id: %s
        namespace: %s
        tasks:
          - id: hello
            type: io.kestra.plugin.core.log.Log
            message: %s
        """.formatted(id, namespace, message);
  }

  static String random() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
