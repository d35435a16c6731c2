package dev.driftless.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the benchmarks ran on, read from the running system. */
public record Machine(String cpu, int cpus, String memory, String os, String jdk, String git, String timeTool) {

  public static Machine describe() {
    return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), readMemory(), readOs(), readJdk(), gitVersion(),
        Files.isExecutable(Path.of("/usr/bin/time")) ? "/usr/bin/time" : "none");
  }

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} has them. */
  public static String loadAverage() {
    return read("/proc/loadavg").map(s -> {
      String[] parts = s.trim().split("\\s+");
      return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : s.trim();
    }).orElse("unknown");
  }

  public Table table() {
    return Table.of("", "")
        .row("CPU", cpu + " (" + cpus + " CPUs visible to the JVM)")
        .row("Memory", memory)
        .row("OS", os)
        .row("JDK", jdk)
        .row("Git", git);
  }

  private static String cpuModel() {
    return read("/proc/cpuinfo").flatMap(s -> s.lines().filter(l -> l.startsWith("model name")).findFirst())
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
  }

  private static String readMemory() {
    return read("/proc/meminfo").flatMap(s -> s.lines().filter(l -> l.startsWith("MemTotal")).findFirst())
        .map(l -> {
          long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }).orElse("unknown");
  }

  private static String readOs() {
    String pretty = read("/etc/os-release").flatMap(s -> s.lines().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst())
        .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).orElse(System.getProperty("os.name"));
    return pretty + ", kernel " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
  }

  private static String readJdk() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vendor") + ")";
  }

  private static String gitVersion() {
    return command(List.of("git", "--version")).orElse("not found");
  }

  /**
   * The commit of the working directory's repository that was measured, noting uncommitted changes when
   * sources differ from it (anything but BENCHMARKS.md); empty outside a Git working tree.
   */
  public static Optional<String> measuredCommit() {
    Optional<String> head = command(List.of("git", "rev-parse", "--short=12", "HEAD"));
    if (head.isEmpty() || head.get().isEmpty()) {
      return Optional.empty();
    }
    boolean modified = command(List.of("git", "status", "--porcelain", "--untracked-files=no")).orElse("").lines()
        .anyMatch(l -> !l.endsWith("BENCHMARKS.md"));
    return Optional.of(head.get() + (modified ? " (with uncommitted changes)" : ""));
  }

  private static Optional<String> command(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(out);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<String> read(String file) {
    try {
      return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
