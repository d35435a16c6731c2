package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as a process: what only a real process shows (exit codes through
 * {@code System.exit}, nothing but the command's own lines on stderr, signals, a terminal) and the
 * {@code ./driftless} launcher the README sends people to.
 */
@Timeout(120)
class JarIT {

  @TempDir
  Path dir;

  Sides sides;
  JarProcess jar;

  @BeforeEach
  void start() {
    jar = JarProcess.in(dir);
    sides = Sides.start(dir, jar);
    sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "from Git")).push();
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void version_andHelp() {
    Cli.Result version = jar.run(Map.of(), "version").assertExit(0);
    assertTrue(version.out().matches("driftless \\S+ \\(Java \\S+\\)\n"), version.out());
    assertEquals("", version.err());

    Cli.Result help = jar.run(Map.of(), "--help").assertExit(0);
    assertTrue(help.out().startsWith("Usage: driftless "), help.out());
  }

  @Test
  void plan_exitCodes_andOnlyTheCommandsOwnLinesOnStderr() {
    String planFile = dir.resolve("plan.json").toString();

    Cli.Result planned = sides.cli(sides.command("plan", "--detailed-exitcode", "--out", planFile)).assertExit(2);
    assertEquals(List.of("Saved the plan to " + planFile + "; apply exactly this plan with: driftless apply "
        + planFile), planned.errLines(), "no logging framework's lines");

    sides.cli("apply", planFile).assertExit(0);
    sides.cli(sides.command("plan", "--detailed-exitcode")).assertExit(0);
    sides.cli(sides.command("plan")).assertExit(0);
  }

  @Test
  void badInputs_giveOneLine_andExit1() throws IOException {
    Map<String, String> wrongPassword = new HashMap<>(sides.env());
    wrongPassword.put("KESTRA_PASSWORD", "Wrong-" + Sides.random());
    Path malformed = Files.writeString(dir.resolve("task.yaml"), "type: io.kestra.plugin.git.SyncFlows\nurl: [\n");

    sides.cli(sides.command("plan", "--frobnicate")).assertOneErrorLine("driftless plan: Unknown option: ");
    sides.cli("plan", "--git", sides.gitUrl(), "--kestra", "http://127.0.0.1:1", "--namespace", "dev",
        "--detailed-exitcode").assertOneErrorLine("driftless: Kestra at http://127.0.0.1:1 could not be reached");
    sides.cli(wrongPassword, sides.command("plan")).assertOneErrorLine("driftless: Kestra at " + sides.kestraUrl()
        + " refused the credentials");
    sides.cli("run", dir.resolve("missing.yaml").toString()).assertOneErrorLine("driftless: task file ");
    sides.cli("run", malformed.toString()).assertOneErrorLine("driftless: " + malformed + ":3: is not valid YAML");
    sides.cli("show", dir.resolve("missing.json").toString()).assertOneErrorLine("driftless: plan file ");
    sides.cli("plan").assertOneErrorLine("driftless: --git is required");
  }

  @Test
  void emulator_printsItsUrlFirst_servesRequests_andStopsOnASignal() throws Exception {
    Process process = JarProcess.builder(JarProcess.command("emulator", "--port", "0"), dir, Map.of())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String url = out.readLine();
      assertTrue(url != null && url.matches("http://127\\.0\\.0\\.1:\\d+"), "first line: " + url);

      HttpResponse<String> configs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url + "/api/v1/configs")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, configs.statusCode());
      int port = URI.create(url).getPort();

      process.destroy();
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "SIGTERM stops the emulator");
      assertFalse(isListening(port), "the port is closed");
    } finally {
      JarProcess.stop(process);
    }
  }

  @Test
  void onATerminal_thereIsColour_unlessNoColorOrNO_COLOR_andApplyAsksForYes() throws IOException {
    assumeTrue(scriptGivesATerminal(), "util-linux script gives the command a terminal");
    Path planFile = dir.resolve("plan.json");
    sides.cli(sides.command("plan", "--out", planFile.toString())).assertExit(0);

    assertTrue(onATerminal(Map.of(), "", "show", planFile.toString()).out().contains("\u001b[32m+"));
    assertFalse(onATerminal(Map.of(), "", "show", planFile.toString(), "--no-color").out().contains("\u001b["));
    assertFalse(onATerminal(Map.of("NO_COLOR", "1"), "", "show", planFile.toString()).out().contains("\u001b["));

    Cli.Result no = onATerminal(sides.env(), "no\n", sides.command("apply"));
    assertEquals(1, no.exit(), no.toString());
    assertTrue(no.out().contains("Only 'yes' will be accepted"), no.out());
    assertTrue(no.out().contains("Apply cancelled."), no.out());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));

    Cli.Result yes = onATerminal(sides.env(), "yes\n", sides.command("apply"));
    assertEquals(0, yes.exit(), yes.toString());
    assertTrue(yes.out().contains("Apply complete! 1 change applied"), yes.out());
    assertTrue(sides.flowInKestra("dev", "a").isPresent());
  }

  @Test
  void theLauncher_runsTheDemo_asTheReadmeSays() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path launcher = root.resolve("driftless");
    assertTrue(Files.isExecutable(launcher), launcher + " is executable");
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv().getOrDefault("PATH", ""));
    // Should the launcher find the jar out of date, it rebuilds with this build's repository.
    String repo = System.getProperty("driftless.maven.repo.local", "");
    if (!repo.isEmpty()) {
      env.put("MAVEN_ARGS", "-Dmaven.repo.local=" + repo);
    }

    Cli.Result demo = jar.run(List.of(launcher.toString(), "demo"), env, "", List.of("demo"));

    assertEquals(0, demo.exit(), demo.toString());
    assertTrue(demo.out().contains("No changes. Git and Kestra are in sync."), demo.out());
    assertFalse(demo.out().contains("\u001b["), "no colour off a terminal");
  }

  @Test
  void theLauncher_refusesAJavaOlderThan17_withOneLine() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("old-java/bin"));
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho '    java.specification.version = 11' >&2\n");
    assertTrue(java.toFile().setExecutable(true));
    Path launcher = Path.of("..", "driftless").toAbsolutePath().normalize();

    Cli.Result old = jar.run(List.of(launcher.toString(), "version"), Map.of("PATH", bin + ":/usr/bin:/bin"), "",
        List.of("version"));

    old.assertOneErrorLine("driftless: Java 17 or newer is needed; " + java + " is Java 11");
    assertEquals("", old.out());
  }

  @Test
  void theLauncher_readsTheVersionFromTheJdksReleaseFile_withoutStartingJava() throws IOException {
    Path jdk = Files.createDirectories(dir.resolve("old-jdk/bin"));
    Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho 'java was started' >&2\nexit 3\n");
    assertTrue(java.toFile().setExecutable(true));
    Files.writeString(dir.resolve("old-jdk/release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"1.8.0_392\"\n");
    Path launcher = Path.of("..", "driftless").toAbsolutePath().normalize();

    Cli.Result old = jar.run(List.of(launcher.toString(), "version"), Map.of("PATH", jdk + ":/usr/bin:/bin"), "",
        List.of("version"));

    old.assertOneErrorLine("driftless: Java 17 or newer is needed; " + java + " is Java 8");
  }

  @Test
  void theLauncher_ignoresADamagedClassDataArchive_withoutAWord() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path launcher = root.resolve("driftless");
    Path archive = root.resolve("engine-cli/target/driftless.jsa");
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    String repo = System.getProperty("driftless.maven.repo.local", "");
    if (!repo.isEmpty()) {
      env.put("MAVEN_ARGS", "-Dmaven.repo.local=" + repo);
    }
    // Made (or remade) as the launcher makes it after a build, then damaged.
    jar.run(List.of(launcher.toString(), "version"), env, "", List.of("version")).assertExit(0);
    byte[] made = Files.readAllBytes(archive);
    try {
      Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
      Cli.Result version = jar.run(List.of(launcher.toString(), "version"), env, "", List.of("version")).assertExit(0);
      assertTrue(version.out().startsWith("driftless "), version.toString());
      assertEquals(1, version.out().lines().count(), version.toString());
      assertEquals("", version.err(), version.toString());
    } finally {
      Files.write(archive, made);
    }
  }

  /**
   * Runs the jar under {@code script}, which gives it a pseudo-terminal: stdout and stderr come
   * back together, as a person sees them.
   */
  private Cli.Result onATerminal(Map<String, String> env, String stdin, String... args) {
    String command = String.join(" ", JarProcess.command(args).stream().map(JarIT::quoted).toList());
    Map<String, String> withTerm = new HashMap<>(env);
    withTerm.put("TERM", "xterm");
    return jar.run(List.of("/usr/bin/script", "-qec", command, "/dev/null"), withTerm, stdin, List.of(args))
        .assertNoneOf(sides.secrets());
  }

  private boolean scriptGivesATerminal() {
    if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
      return false;
    }
    return jar.run(List.of("/usr/bin/script", "-qec", "test -t 0 && test -t 1", "/dev/null"), Map.of(), "", List.of())
        .exit() == 0;
  }

  private static String quoted(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  private static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (ConnectException refused) {
      return false;
    } catch (IOException other) {
      return false;
    }
  }
}
