package dev.driftless.kestra;

/** The adapter contract on an emulated Kestra Enterprise 2.0 (API token). */
class ContractOnEnterprise20Test extends EmulatorContract {

  ContractOnEnterprise20Test() {
    super(Emulators.Server.EE_2_0);
  }
}
