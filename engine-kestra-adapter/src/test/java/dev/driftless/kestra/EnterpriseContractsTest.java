package dev.driftless.kestra;

import dev.driftless.testkit.gen.Capabilities;

/** The port contracts on the Kestra adapter over an emulated Kestra Enterprise 2.0: every kind. */
class EnterpriseContractsTest extends EmulatedContracts {

  @Override
  Emulators.Server server() {
    return Emulators.Server.EE_2_0;
  }

  @Override
  Capabilities capabilitiesOfTheServer() {
    return Capabilities.all();
  }
}
