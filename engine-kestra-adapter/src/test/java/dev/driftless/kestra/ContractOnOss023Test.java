package dev.driftless.kestra;

/** The adapter contract on an emulated Kestra OSS 0.23 (tenant main, no edition header, dashboard ids made by the server). */
class ContractOnOss023Test extends EmulatorContract {

  ContractOnOss023Test() {
    super(Emulators.Server.OSS_0_23);
  }
}
