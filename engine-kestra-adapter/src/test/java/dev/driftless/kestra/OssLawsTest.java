package dev.driftless.kestra;

import dev.driftless.resource.ResourceKind;
import dev.driftless.testkit.gen.Capabilities;
import java.util.EnumSet;
import org.junit.jupiter.api.Timeout;

/**
 * The laws on Kestra OSS 1.3 over the emulator: flows, namespace files and dashboards (whose ids
 * the server makes in this version), with unreadable and invalid entries on both sides.
 */
@Timeout(300)
class OssLawsTest extends EmulatorLawSuite {

  OssLawsTest() {
    super(Emulators.Server.OSS_1_3);
  }

  @Override
  protected Capabilities capabilities() {
    return new Capabilities(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD),
        true, true, true);
  }

  @Override
  protected int defaultExamples() {
    return 300;
  }

  /** Every answer of the hostile proxy, over a thousand cases (each a few milliseconds). */
  @Override
  protected int hostileExamples() {
    return Integer.getInteger("driftless.examples", 1000);
  }
}
