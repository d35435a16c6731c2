package dev.driftless.kestra;

/** The adapter contract on an emulated Kestra OSS 1.3. */
class ContractOnOss13Test extends EmulatorContract {

  ContractOnOss13Test() {
    super(Emulators.Server.OSS_1_3);
  }
}
