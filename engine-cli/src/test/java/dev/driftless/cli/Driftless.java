package dev.driftless.cli;

import java.util.Map;

/**
 * How a test runs the {@code driftless} command: in this process ({@link #IN_PROCESS}), or as the
 * built jar in a process of its own ({@link JarProcess}). Suites written against this run both ways.
 */
interface Driftless {

  Driftless IN_PROCESS = Cli::runWithInput;

  /** Runs the command with exactly this environment and this standard input. */
  Cli.Result runWithInput(Map<String, String> env, String stdin, String... args);

  default Cli.Result run(Map<String, String> env, String... args) {
    return runWithInput(env, "", args);
  }
}
