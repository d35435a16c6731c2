package dev.driftless.kestra;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.law.TwoWayLawSuite;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The two-way laws with the Kestra adapter over the emulator (Kestra OSS 1.3) as the Kestra side:
 * every write to Kestra, and every read back, over HTTP. One emulator per suite, emptied per case.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatorTwoWayLawsTest extends TwoWayLawSuite {

  private KestraEmulator emulator;
  private KestraSide side;
  private HostileProxy proxy;
  private KestraSide proxied;

  @BeforeAll
  void start() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    emulator = server.start();
    side = KestraSide.open(Emulators.settings(emulator, server.auth())
        .namespaceFileSizeLimit(EmulatorWorld.FILE_LIMIT)
        .allowMissingNamespaces(true)
        .build());
    proxy = HostileProxy.before(emulator.url());
    proxied = KestraSide.open(EmulatorWorld.hostileSettings(proxy, server.auth()));
  }

  @AfterAll
  void stop() {
    if (proxied != null) {
      proxied.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (side != null) {
      side.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Override
  protected World newWorld() {
    return new EmulatorWorld(emulator, side, proxy, proxied);
  }

  /** A few hundred cases per law, over HTTP. */
  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", 300);
  }
}
