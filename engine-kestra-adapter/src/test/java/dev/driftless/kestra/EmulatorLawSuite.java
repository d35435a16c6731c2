package dev.driftless.kestra;

import dev.driftless.testkit.emulator.KestraEmulator;
import dev.driftless.testkit.law.LawSuite;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine's laws with the Kestra adapter over an emulator as the Kestra side. One emulator (and
 * one opened side) per suite; each generated case starts from an emptied emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorLawSuite extends LawSuite {

  private final Emulators.Server server;
  private KestraEmulator emulator;
  private KestraSide side;

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
  }

  @AfterAll
  void stop() {
    if (side != null) {
      side.close();
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Override
  protected World newWorld() {
    return new EmulatorWorld(emulator, side);
  }

  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", defaultExamples());
  }

  /** Enough cases for every law's own "often enough" checks, few enough for a quick build. */
  protected abstract int defaultExamples();
}
