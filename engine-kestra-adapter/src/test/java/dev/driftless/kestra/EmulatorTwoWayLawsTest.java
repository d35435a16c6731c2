package dev.driftless.kestra;

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

  private LawEmulator emulator;

  @BeforeAll
  void start() {
    emulator = LawEmulator.start(Emulators.Server.OSS_1_3);
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

  /** A few hundred cases per law, over HTTP. */
  @Override
  protected int examples() {
    return Integer.getInteger("driftless.examples", 300);
  }
}
