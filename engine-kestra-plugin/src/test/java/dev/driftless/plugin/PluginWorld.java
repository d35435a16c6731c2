package dev.driftless.plugin;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.BasicCredentials;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.Repos;
import java.nio.file.Path;

/**
 * One Git repository served over HTTP (JGit's servlet on 127.0.0.1) and one Kestra API emulator, both with
 * the credentials that the tests' Kestra secrets {@code GIT_TOKEN} and {@code KESTRA_PASSWORD} hold (set
 * as {@code SECRET_*} environment variables by the build), so that a task can say
 * {@code password: "{{ secret('GIT_TOKEN') }}"}.
 */
final class PluginWorld implements AutoCloseable {

  static final String GIT_USER = "git-user";
  static final String GIT_TOKEN = "git-token-7d4b19e2";
  static final String KESTRA_USER = "admin@kestra.io";
  static final String KESTRA_PASSWORD = "Kestra-Pw-3c8a5f10";
  static final String TENANT = KestraEmulator.DEFAULT_TENANT;
  static final String MAIN = Repos.MAIN;

  private final BareRepo repo;
  private final JGitHttpServer git;
  private final KestraEmulator kestra;

  private PluginWorld(BareRepo repo, JGitHttpServer git, KestraEmulator kestra) {
    this.repo = repo;
    this.git = git;
    this.kestra = kestra;
  }

  static PluginWorld start(Path dir) {
    Repos repos = Repos.in(dir.resolve("repos"));
    BareRepo repo = repos.bare("kestra");
    JGitHttpServer git = JGitHttpServer.http(repos.dir(), new BasicCredentials(GIT_USER, GIT_TOKEN));
    try {
      KestraEmulator kestra = KestraEmulator.builder().mode(Mode.OSS).version("1.0.0")
          .basicAuth(KESTRA_USER, KESTRA_PASSWORD).start();
      return new PluginWorld(repo, git, kestra);
    } catch (RuntimeException e) {
      git.close();
      throw e;
    }
  }

  BareRepo repo() {
    return repo;
  }

  KestraEmulator kestra() {
    return kestra;
  }

  String url() {
    return git.url(repo.name());
  }

  String kestraUrl() {
    return kestra.url().toString();
  }

  @Override
  public void close() {
    try {
      kestra.close();
    } finally {
      git.close();
    }
  }
}
