package dev.driftless.git;

import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.ServedRepos;
import dev.driftless.resource.Side;
import dev.driftless.testkit.contract.ReaderContract;
import dev.driftless.testkit.contract.WriterContract;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The port contracts on the Git adapter, over repositories served by JGit's servlet on Jetty with
 * Basic auth, in the namespace layout under a directory (every kind the layout holds), as the laws
 * run it: a new repository per test.
 */
@Timeout(120)
class GitContractsTest {

  @RegisterExtension
  static final ServedRepos served = ServedRepos.overHttp();

  static World newGitWorld() {
    return new GitWorld(served.repos(), served::remote,
        Layout.namespaces("kestra"), served.dir().resolve("caches"));
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
