package dev.driftless.kestra;

/** The adapter contract on an emulated Kestra OSS 2.0 (RFC 9457 errors, drafts, dashboard writes Enterprise only). */
class ContractOnOss20Test extends EmulatorContract {

  ContractOnOss20Test() {
    super(Emulators.Server.OSS_2_0);
  }
}
