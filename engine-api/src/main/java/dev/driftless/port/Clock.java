package dev.driftless.port;

import java.time.Instant;

/** Where the engine gets the time: the core never reads the system clock on its own. */
@FunctionalInterface
public interface Clock {

  Instant now();

  static Clock system() {
    return Instant::now;
  }

  static Clock fixed(Instant instant) {
    return () -> instant;
  }
}
