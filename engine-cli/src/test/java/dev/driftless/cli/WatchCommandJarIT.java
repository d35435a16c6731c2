package dev.driftless.cli;

import java.util.Map;

/**
 * {@link WatchCommandTest} with the built jar in a process of its own: each case ends with SIGTERM,
 * after which the process exits 0 with "Stopped after N runs." as its last line; a run in progress
 * at the signal finishes first.
 */
class WatchCommandJarIT extends WatchCommandTest {

  @Override
  Watching start(Map<String, String> env, String... args) {
    return Watching.jar(dir, env, args);
  }
}
