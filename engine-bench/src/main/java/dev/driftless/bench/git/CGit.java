package dev.driftless.bench.git;

import dev.driftless.bench.measure.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code git} command line, as a script would run it: one process per command, with a clean
 * configuration (no system or user config, a fixed identity, no automatic garbage collection or
 * maintenance during the measurements — the same as the adapter's local repositories).
 */
public final class CGit {

  private final Map<String, String> env;

  public CGit(Path home) {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + home, e);
    }
    this.env = Map.ofEntries(
        Map.entry("HOME", home.toString()),
        Map.entry("XDG_CONFIG_HOME", home.toString()),
        Map.entry("GIT_CONFIG_NOSYSTEM", "1"),
        Map.entry("GIT_AUTHOR_NAME", "Bench"),
        Map.entry("GIT_AUTHOR_EMAIL", "bench@localhost"),
        Map.entry("GIT_COMMITTER_NAME", "Bench"),
        Map.entry("GIT_COMMITTER_EMAIL", "bench@localhost"),
        Map.entry("GIT_CONFIG_COUNT", "3"),
        Map.entry("GIT_CONFIG_KEY_0", "gc.auto"),
        Map.entry("GIT_CONFIG_VALUE_0", "0"),
        Map.entry("GIT_CONFIG_KEY_1", "maintenance.auto"),
        Map.entry("GIT_CONFIG_VALUE_1", "false"),
        Map.entry("GIT_CONFIG_KEY_2", "receive.autogc"),
        Map.entry("GIT_CONFIG_VALUE_2", "false"));
  }

  /** Runs {@code git <args>} in {@code dir}; returns its standard output. */
  public String git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    return ChildProcess.check(command, dir, env).stdout();
  }

  /** Runs a shell script in {@code dir} (for pipelines such as {@code ls-tree | cat-file}). */
  public String sh(Path dir, String script) {
    return ChildProcess.check(List.of("sh", "-c", script), dir, env).stdout();
  }
}
