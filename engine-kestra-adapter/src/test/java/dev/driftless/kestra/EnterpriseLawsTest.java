package dev.driftless.kestra;

import dev.driftless.testkit.gen.Capabilities;
import org.junit.jupiter.api.Timeout;

/**
 * The laws on Kestra Enterprise 2.0 over the emulator: all five kinds (apps keyed by a uid the
 * server makes, namespaces created at write time), with unreadable and invalid entries on both
 * sides.
 */
@Timeout(300)
class EnterpriseLawsTest extends EmulatorLawSuite {

  EnterpriseLawsTest() {
    super(Emulators.Server.EE_2_0);
  }

  @Override
  protected Capabilities capabilities() {
    return Capabilities.all();
  }

  @Override
  protected int defaultExamples() {
    return 200;
  }
}
