package dev.driftless.kestra;

import dev.driftless.testkit.law.LawSuite;
import dev.driftless.testkit.law.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The engine's laws with the Kestra adapter over an emulator as the Kestra side. One emulator (and
 * one opened side) per suite; each generated case starts from an emptied emulator. For the law on
 * hostile reads, a second side reads through a hostile proxy in front of the emulator ({@link LawEmulator}),
 * whose rules each case sets and the next one clears.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EmulatorLawSuite extends LawSuite {

  private final Emulators.Server server;
  private LawEmulator emulator;

  EmulatorLawSuite(Emulators.Server server) {
    this.server = server;
  }

  @BeforeAll
  void start() {
    emulator = LawEmulator.start(server);
  }

  @AfterAll
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Override
  protected World newWorld() {
    return emulator.world();
  }

  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", defaultExamples());
  }

  /** Enough cases for every law's own "often enough" checks, few enough for a quick build. */
  protected abstract int defaultExamples();
}
