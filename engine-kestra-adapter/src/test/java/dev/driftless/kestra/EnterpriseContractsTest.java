package dev.driftless.kestra;

import dev.driftless.resource.Side;
import dev.driftless.testkit.contract.ReaderContract;
import dev.driftless.testkit.contract.WriterContract;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/** The port contracts on the Kestra adapter over an emulated Kestra Enterprise 2.0: every kind. */
@Timeout(120)
class EnterpriseContractsTest {

  static EmulatorWorlds worlds;

  @BeforeAll
  static void start() {
    worlds = EmulatorWorlds.start(Emulators.Server.EE_2_0);
  }

  @AfterAll
  static void stop() {
    if (worlds != null) {
      worlds.close();
    }
  }

  static Capabilities capabilitiesOfTheServer() {
    return Capabilities.all();
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
