package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.git.layout.Layout;
import dev.driftless.git.layout.Location;
import dev.driftless.git.servers.ServedRepos;
import dev.driftless.resource.ResourceKey;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.gen.Scenario;
import dev.driftless.testkit.gen.Seed;
import dev.driftless.testkit.law.LawSuite;
import dev.driftless.testkit.law.World;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's laws with the Git adapter as the Git side, over a repository served by JGit's
 * servlet on Jetty with Basic auth, in the namespace layout under a directory (every kind the
 * layout holds). Half the worlds keep their local repository in a cache directory.
 */
@Timeout(300)
class GitLawSuiteTest extends LawSuite {

  private static final Layout LAYOUT = Layout.namespaces("kestra");

  @RegisterExtension
  static final ServedRepos served = ServedRepos.overHttp();

  @Override
  protected World newWorld() {
    return new GitWorld(served.repos(), served::remote,
        LAYOUT, served.dir().resolve("caches"));
  }

  @Override
  protected Capabilities capabilities() {
    return Capabilities.all();
  }

  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", 60);
  }

  /** Hostile repositories: each case is a repository, a commit that damages it, and a fetch. */
  @Override
  protected int hostileExamples() {
    return Integer.getInteger("driftless.examples", 300);
  }

  /** Every seed's key has a path in the layout, and that path reads back as the same key. */
  @Override
  protected void adapterRoundTrip(Scenario scenario) {
    for (Seed seed : scenario.git()) {
      ResourceKey key = seed.key();
      String path = LAYOUT.pathOf(key);
      assertEquals(Optional.of(key), LAYOUT.locate(path).flatMap(Location::key), () -> key + " at " + path);
    }
  }
}
