package dev.driftless.git;

import dev.driftless.credential.Secret;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.resource.Side;
import dev.driftless.testkit.contract.ReaderContract;
import dev.driftless.testkit.contract.WriterContract;
import dev.driftless.testkit.law.World;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port contracts on the Git adapter, over repositories served by JGit's servlet on Jetty with
 * Basic auth, in the namespace layout under a directory (every kind the layout holds), as the laws
 * run it: a new repository per test.
 */
@Timeout(120)
class GitContractsTest {

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

  static World newGitWorld() {
    return new GitWorld(repos, name -> GitRemote.builder().url(server.url(name))
        .username(server.credentials().user()).password(Secret.of(server.credentials().token())).build(),
        Layout.namespaces("kestra"), shared.resolve("caches"));
  }

  @Nested
  class Reader extends ReaderContract {
    @Override
    protected World newWorld() {
      return newGitWorld();
    }

    @Override
    protected Side side() {
      return Side.GIT;
    }
  }

  @Nested
  class Writer extends WriterContract {
    @Override
    protected World newWorld() {
      return newGitWorld();
    }

    @Override
    protected Side side() {
      return Side.GIT;
    }
  }
}
