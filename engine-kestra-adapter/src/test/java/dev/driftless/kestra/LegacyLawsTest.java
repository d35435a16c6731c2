package dev.driftless.kestra;

import dev.driftless.resource.ResourceKind;
import dev.driftless.testkit.gen.Capabilities;
import java.util.EnumSet;
import org.junit.jupiter.api.Timeout;

/** The laws on Kestra 0.20 (legacy paths, flows in the namespace export) over the emulator. */
@Timeout(300)
class LegacyLawsTest extends EmulatorLawSuite {

  LegacyLawsTest() {
    super(Emulators.Server.LEGACY_0_20);
  }

  @Override
  protected Capabilities capabilities() {
    return new Capabilities(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE), true, true, true);
  }

  @Override
  protected int defaultExamples() {
    return 150;
  }
}
