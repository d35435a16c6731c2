package dev.driftless.git;

import dev.driftless.credential.Secret;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.testkit.law.TwoWayLawSuite;
import dev.driftless.testkit.law.World;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-way laws with the Git adapter as the Git side, over repositories served by JGit's servlet
 * on Jetty with Basic auth: every write is a push, and the baseline lives under its ref in the same
 * repository, moved in the same push. Half the worlds keep their local repository in a cache
 * directory.
 */
@Timeout(600)
class GitTwoWayLawsTest extends TwoWayLawSuite {

  private static final Layout LAYOUT = Layout.namespaces("kestra");

  @TempDir
  static Path shared;

  static Repos repos;
  static JGitHttpServer server;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    server = JGitHttpServer.http(repos.dir());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected World newWorld() {
    return new GitWorld(repos, name -> GitRemote.builder().url(server.url(name))
        .username(server.credentials().user()).password(Secret.of(server.credentials().token())).build(),
        LAYOUT, shared.resolve("caches"));
  }

  /** A few hundred cases per law, each pushing to a repository of its own. */
  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", 200);
  }
}
