package dev.driftless.kestra;

import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.testkit.contract.ReaderContract;
import dev.driftless.testkit.contract.WriterContract;
import dev.driftless.testkit.gen.Capabilities;
import dev.driftless.testkit.law.World;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;

/**
 * The port contracts on the Kestra adapter over an emulated Kestra OSS 1.3: flows, namespace files
 * and dashboards (whose ids the server makes in this version), with unreadable and invalid entries.
 */
@Timeout(120)
class OssContractsTest {

  static EmulatorWorlds worlds;

  @BeforeAll
  static void start() {
    worlds = EmulatorWorlds.start(Emulators.Server.OSS_1_3);
  }

  @AfterAll
  static void stop() {
    if (worlds != null) {
      worlds.close();
    }
  }

  static Capabilities capabilitiesOfTheServer() {
    return new Capabilities(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD),
        true, true, true);
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
