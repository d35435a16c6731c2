package dev.driftless.git.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** 127.0.0.1: the only address these fixtures listen on or connect to. */
final class Loopback {

  static final String HOST = "127.0.0.1";

  /** How long any server in this package may take to come up. */
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

  /** How long any server in this package may take to stop before it is killed. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private Loopback() {
  }

  static InetAddress address() {
    try {
      return InetAddress.getByName(HOST);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A port that was free a moment ago. Only for servers that cannot bind port 0 themselves and
   * report it (git daemon); such a server retries on a new port if it loses the race.
   */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, address())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /**
   * Waits until something accepts connections on {@code port}.
   *
   * @return false if {@code alive} turned false first or the timeout passed
   */
  static boolean awaitListening(int port, BooleanSupplier alive, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive.getAsBoolean()) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address(), port), 200);
        return true;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(50));
      }
    }
    return false;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
