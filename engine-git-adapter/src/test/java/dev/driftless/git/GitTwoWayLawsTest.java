package dev.driftless.git;

import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.ServedRepos;
import dev.driftless.testkit.law.TwoWayLawSuite;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two-way laws with the Git adapter as the Git side, over repositories served by JGit's servlet
 * on Jetty with Basic auth: every write is a push, and the baseline lives under its ref in the same
 * repository, moved in the same push. Half the worlds keep their local repository in a cache
 * directory.
 */
@Timeout(600)
class GitTwoWayLawsTest extends TwoWayLawSuite {

  private static final Layout LAYOUT = Layout.namespaces("kestra");

  @RegisterExtension
  static final ServedRepos served = ServedRepos.overHttp();

  @Override
  protected World newWorld() {
    return new GitWorld(served.repos(), served::remote,
        LAYOUT, served.dir().resolve("caches"));
  }

  /** A few hundred cases per law, each pushing to a repository of its own. */
  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", 200);
  }
}
