package dev.driftless.kestra;

/** The adapter contract on an emulated Kestra 0.20 (legacy paths, no tenant). */
class ContractOnLegacy020Test extends EmulatorContract {

  ContractOnLegacy020Test() {
    super(Emulators.Server.LEGACY_0_20);
  }
}
