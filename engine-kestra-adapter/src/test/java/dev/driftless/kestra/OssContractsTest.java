package dev.driftless.kestra;

import dev.driftless.resource.ResourceKind;
import dev.driftless.testkit.gen.Capabilities;
import java.util.EnumSet;

/**
 * The port contracts on the Kestra adapter over an emulated Kestra OSS 1.3: flows, namespace files
 * and dashboards (whose ids the server makes in this version), with unreadable and invalid entries.
 */
class OssContractsTest extends EmulatedContracts {

  @Override
  Emulators.Server server() {
    return Emulators.Server.OSS_1_3;
  }

  @Override
  Capabilities capabilitiesOfTheServer() {
    return new Capabilities(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.DASHBOARD),
        true, true, true);
  }
}
