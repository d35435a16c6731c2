package dev.driftless.testkit.contract;

import dev.driftless.resource.Side;
import dev.driftless.testkit.law.InMemoryWorld;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.Nested;

/** The port contracts on the in-memory fakes: the Git-like (staging, committing) and the Kestra-like one. */
class InMemoryContractsTest {

  @Nested
  class GitLikeReader extends ReaderContract {
    @Override
    protected World newWorld() {
      return new InMemoryWorld();
    }

    @Override
    protected Side side() {
      return Side.GIT;
    }
  }

  @Nested
  class KestraLikeReader extends ReaderContract {
    @Override
    protected World newWorld() {
      return new InMemoryWorld();
    }

    @Override
    protected Side side() {
      return Side.KESTRA;
    }
  }

  @Nested
  class GitLikeWriter extends WriterContract {
    @Override
    protected World newWorld() {
      return new InMemoryWorld();
    }

    @Override
    protected Side side() {
      return Side.GIT;
    }
  }

  @Nested
  class KestraLikeWriter extends WriterContract {
    @Override
    protected World newWorld() {
      return new InMemoryWorld();
    }

    @Override
    protected Side side() {
      return Side.KESTRA;
    }
  }
}
