package dev.driftless.kestra;

import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.law.World;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Fresh {@link EmulatorWorld}s over one emulated server, opened as the law suites open theirs
 * (one emulator and one side for all the worlds, each world starting from an emptied emulator),
 * for suites that are not law suites. Closing it stops the server.
 */
final class EmulatorWorlds implements AutoCloseable {

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private final Supplier<World> worlds;

  private EmulatorWorlds(Emulators.Server server) {
    try {
      var emulator = server.start();
      opened.push(emulator);
      KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth())
          .namespaceFileSizeLimit(EmulatorWorld.FILE_LIMIT)
          .allowMissingNamespaces(true)
          .build());
      opened.push(side);
      HostileProxy proxy = HostileProxy.before(emulator.url());
      opened.push(proxy);
      KestraSide proxied = KestraSide.open(EmulatorWorld.hostileSettings(proxy, server.auth()));
      opened.push(proxied);
      this.worlds = () -> new EmulatorWorld(emulator, side, proxy, proxied);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  static EmulatorWorlds start(Emulators.Server server) {
    return new EmulatorWorlds(server);
  }

  World newWorld() {
    return worlds.get();
  }

  /** Closes what was opened, last first. */
  @Override
  public void close() {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop the emulated server", e);
      }
    }
  }
}
