package dev.driftless.kestra;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.law.LawSuite;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine's laws with the Kestra adapter over an emulator as the Kestra side. One emulator (and
 * one opened side) per suite; each generated case starts from an emptied emulator. For the law on
 * hostile reads, a second side reads through one {@link HostileProxy} in front of the emulator,
 * whose rules each case sets and the next one clears.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorLawSuite extends LawSuite {

  private final Emulators.Server server;
  private KestraEmulator emulator;
  private KestraSide side;
  private HostileProxy proxy;
  private KestraSide proxied;

  EmulatorLawSuite(Emulators.Server server) {
    this.server = server;
  }

  @BeforeAll
  void start() {
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

  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", defaultExamples());
  }

  /** Enough cases for every law's own "often enough" checks, few enough for a quick build. */
  protected abstract int defaultExamples();
}
