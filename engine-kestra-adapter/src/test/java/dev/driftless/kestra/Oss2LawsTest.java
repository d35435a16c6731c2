package dev.driftless.kestra;

import dev.driftless.resource.ResourceKind;
import dev.driftless.testkit.gen.Capabilities;
import java.util.EnumSet;
import org.junit.jupiter.api.Timeout;

/**
 * The laws on Kestra OSS 2.0 (RFC 9457 errors, 409 on duplicates) over the emulator: flows and
 * namespace files; dashboards are read-only in this edition, so they are not generated.
 */
@Timeout(300)
class Oss2LawsTest extends EmulatorLawSuite {

  Oss2LawsTest() {
    super(Emulators.Server.OSS_2_0);
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
