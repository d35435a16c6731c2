package dev.driftless.kestra;

import dev.driftless.emulator.KestraEmulator;

/** The adapter contract against one emulated server, started for the class and stopped after it. */
abstract class EmulatorContract extends AdapterContract {

  private final Emulators.Server server;
  private KestraEmulator emulator;

  EmulatorContract(Emulators.Server server) {
    this.server = server;
  }

  @Override
  protected void startServer() {
    emulator = server.start();
  }

  @Override
  protected void stopServer() {
    if (emulator != null) {
      emulator.close();
    }
  }

  @Override
  protected KestraSettings settings() {
    return Emulators.settings(emulator, server);
  }

  @Override
  protected KestraSettings refusedSettings() {
    return settings().withAuth(server.auth() instanceof KestraAuth.ApiToken
        ? KestraAuth.apiToken("not-" + Emulators.TOKEN) : KestraAuth.basic(Emulators.USER, "Wrong" + Emulators.PASSWORD));
  }

  @Override
  protected String secret() {
    return server.auth() instanceof KestraAuth.ApiToken ? Emulators.TOKEN : Emulators.PASSWORD;
  }
}
