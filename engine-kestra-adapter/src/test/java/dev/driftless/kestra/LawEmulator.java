package dev.driftless.kestra;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.testkit.hostile.HostileProxy;

/**
 * The emulator a law suite runs its worlds on: one server, the side that reads and writes it, and a
 * second side that reads it through a {@link HostileProxy}. Each {@link #world()} empties it.
 */
final class LawEmulator implements AutoCloseable {

  private final KestraEmulator emulator;
  private final KestraSide side;
  private final HostileProxy proxy;
  private final KestraSide proxied;

  private LawEmulator(KestraEmulator emulator, KestraSide side, HostileProxy proxy, KestraSide proxied) {
    this.emulator = emulator;
    this.side = side;
    this.proxy = proxy;
    this.proxied = proxied;
  }

  /** Starts the emulator of this server and opens both sides on it. */
  static LawEmulator start(Emulators.Server server) {
    KestraEmulator emulator = server.start();
    KestraSide side = null;
    HostileProxy proxy = null;
    try {
      side = KestraSide.open(Emulators.settings(emulator, server.auth())
          .namespaceFileSizeLimit(EmulatorWorld.FILE_LIMIT)
          .allowMissingNamespaces(true)
          .build());
      proxy = HostileProxy.before(emulator.url());
      return new LawEmulator(emulator, side, proxy, KestraSide.open(EmulatorWorld.hostileSettings(proxy, server.auth())));
    } catch (RuntimeException e) {
      if (proxy != null) {
        proxy.close();
      }
      if (side != null) {
        side.close();
      }
      emulator.close();
      throw e;
    }
  }

  /** A fresh world: the emulator emptied. */
  EmulatorWorld world() {
    return new EmulatorWorld(emulator, side, proxy, proxied);
  }

  @Override
  public void close() {
    try {
      proxied.close();
      proxy.close();
      side.close();
    } finally {
      emulator.close();
    }
  }
}
