package dev.driftless.kestra;

/** The adapter contract on an emulated Kestra Enterprise 1.3 (API token). */
class ContractOnEnterprise13Test extends EmulatorContract {

  ContractOnEnterprise13Test() {
    super(Emulators.Server.EE_1_3);
  }
}
