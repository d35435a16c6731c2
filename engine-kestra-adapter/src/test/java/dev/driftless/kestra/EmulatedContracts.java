package dev.driftless.kestra;

import dev.driftless.resource.Side;
import dev.driftless.testkit.contract.ReaderContract;
import dev.driftless.testkit.contract.WriterContract;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The port contracts (reader and writer) on the Kestra adapter over one emulated server, which each
 * subclass names with what that server can hold.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatedContracts {

  private EmulatorWorlds worlds;

  abstract Emulators.Server server();

  abstract Capabilities capabilitiesOfTheServer();

  @BeforeAll
  void start() {
    worlds = EmulatorWorlds.start(server());
  }

  @AfterAll
  void stop() {
    if (worlds != null) {
      worlds.close();
    }
  }

  @Nested
  class Reader extends ReaderContract {
    @Override
    protected World newWorld() {
      return worlds.newWorld();
    }

    @Override
    protected Side side() {
      return Side.KESTRA;
    }

    @Override
    protected Capabilities capabilities() {
      return capabilitiesOfTheServer();
    }
  }

  @Nested
  class Writer extends WriterContract {
    @Override
    protected World newWorld() {
      return worlds.newWorld();
    }

    @Override
    protected Side side() {
      return Side.KESTRA;
    }

    @Override
    protected Capabilities capabilities() {
      return capabilitiesOfTheServer();
    }
  }
}
