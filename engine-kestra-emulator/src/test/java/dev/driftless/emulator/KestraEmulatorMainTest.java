package dev.driftless.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's one command line, in this process: its options, its secrets and how it stops. */
@Timeout(60)
class KestraEmulatorMainTest {

  @TempDir
  Path dir;

  @Test
  void configure_readsOptions_andTheUsernameAndPasswordFromTheEnvironment() {
    Map<String, String> env = Map.of("KESTRA_EMULATOR_USERNAME", "ci@example.com", "KESTRA_EMULATOR_PASSWORD", "Secret123");
    try (KestraEmulator kestra = start(List.of("--port", "0", "--mode", "oss", "--version=2.0.1"), env)) {
      assertEquals(Mode.OSS, kestra.mode());
      assertEquals("2.0.1", kestra.version());
      assertEquals(401, Http.at(kestra.apiUrl()).get("/flows/search").status());
      assertEquals(200, Http.at(kestra.apiUrl()).withBasic("ci@example.com", "Secret123").get("/flows/search").status());
    }
  }

  @Test
  void configure_theUserAsAnOption_thePasswordFromAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("password"), "From-a-file-1\n");
    try (KestraEmulator kestra = start(List.of("--port", "0", "--user", "admin@test"),
        Map.of("KESTRA_EMULATOR_PASSWORD_FILE", file.toString()))) {
      assertEquals(200, Http.at(kestra.apiUrl()).withBasic("admin@test", "From-a-file-1").get("/flows/search").status());
      assertEquals(401, Http.at(kestra.apiUrl()).withBasic("admin@test", "From-a-file-1\n").get("/flows/search").status());
    }
  }

  @Test
  void configure_anApiTokenFromTheEnvironment_onAnEnterpriseEmulator() throws IOException {
    Path file = Files.writeString(dir.resolve("token"), "tok-from-file");
    try (KestraEmulator variable = start(List.of("--port", "0", "--mode", "ee"), Map.of("KESTRA_EMULATOR_API_TOKEN", "tok-1"));
        KestraEmulator fromFile = start(List.of("--port", "0", "--mode", "ee"),
            Map.of("KESTRA_EMULATOR_API_TOKEN_FILE", file.toString()))) {
      assertEquals(200, Http.at(variable.apiUrl()).withBearer("tok-1").get("/flows/search").status());
      assertEquals(200, Http.at(fromFile.apiUrl()).withBearer("tok-from-file").get("/flows/search").status());
    }
  }

  @Test
  void configure_aVersionAlone_choosesTheMode_andWithoutCredentialsTheServerIsOpen() {
    try (KestraEmulator legacy = start(List.of("--port", "0", "--version", "0.20.7"), Map.of())) {
      assertEquals(Mode.LEGACY, legacy.mode());
      assertEquals(200, Http.at(legacy.apiUrl()).get("/flows/search").status());
    }
  }

  @Test
  void configure_pluginTypes_extendTheStockCatalogue() {
    String flow = "id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.scripts.python.Script\n";
    try (KestraEmulator stock = start(List.of("--port", "0"), Map.of());
        KestraEmulator extended = start(List.of("--port", "0", "--plugin-type", "io.kestra.plugin.scripts.python.Script"),
            Map.of());
        KestraEmulator any = start(List.of("--port", "0", "--any-plugin-type"), Map.of())) {
      assertEquals(422, Http.at(stock.apiUrl()).postYaml("/flows", flow).status());
      assertEquals(200, Http.at(extended.apiUrl()).postYaml("/flows", flow).status());
      assertEquals(200, Http.at(any.apiUrl()).postYaml("/flows", flow).status());
    }
  }

  @Test
  void aSecretAsAnArgument_isRefusedByTheOptionsName_neverEchoingItsValue() {
    for (List<String> args : List.of(List.of("--password", "hunter2"), List.of("--user", "u", "--password=hunter2"),
        List.of("--api-token", "hunter2"), List.of("--token=hunter2"))) {
      String message = refused(args, Map.of());
      assertTrue(message.contains(" is not an option: secrets are never taken from arguments, which process listings "
          + "and shell histories show; set KESTRA_EMULATOR_PASSWORD (or KESTRA_EMULATOR_PASSWORD_FILE) or "
          + "KESTRA_EMULATOR_API_TOKEN (or KESTRA_EMULATOR_API_TOKEN_FILE)"), message);
      assertFalse(message.contains("hunter2"), message);
    }
  }

  /** Named cases: the arguments or the environment, and the one line that refuses them. */
  @Test
  void badArgumentsAndEnvironments_areRefusedInOneLine_namingTheOptionOrVariable() {
    Map<String, String> passwordOnly = Map.of("KESTRA_EMULATOR_PASSWORD", "Pw-1");
    record Case(String name, List<String> args, Map<String, String> env, String message) {
    }
    for (Case c : List.of(
        new Case("unknown option", List.of("--colour", "red"), Map.of(), "unknown option '--colour'"),
        new Case("unknown option with a value", List.of("--colour=red"), Map.of(), "unknown option '--colour'"),
        new Case("a value without an option", List.of("--port", "0", "hunter2"), Map.of(),
            "unexpected argument at position 3: the emulator takes options only"),
        new Case("missing value", List.of("--port"), Map.of(), "--port needs a value"),
        new Case("port not a number", List.of("--port", "http"), Map.of(),
            "--port must be a number from 0 to 65535, got 'http'"),
        new Case("port out of range", List.of("--port", "70000"), Map.of(),
            "--port must be a number from 0 to 65535, got '70000'"),
        new Case("unknown mode", List.of("--mode", "cloud"), Map.of(), "--mode must be legacy, oss or ee, got 'cloud'"),
        new Case("bad version", List.of("--version", "latest"), Map.of(),
            "--version must be a Kestra version, major.minor[.patch] such as 1.3.0, got 'latest'"),
        new Case("blank plugin type", List.of("--plugin-type", " "), Map.of(), "--plugin-type must not be blank"),
        new Case("a flag with a value", List.of("--any-plugin-type=yes"), Map.of(), "--any-plugin-type takes no value"),
        new Case("control characters shown, not sent", List.of("--mode", "\u001b[31mred"), Map.of(),
            "--mode must be legacy, oss or ee, got '\\u001b[31mred'"),
        new Case("user without password", List.of("--user", "admin"), Map.of(),
            "a username (--user or KESTRA_EMULATOR_USERNAME) needs a password: set KESTRA_EMULATOR_PASSWORD or "
                + "KESTRA_EMULATOR_PASSWORD_FILE"),
        new Case("username variable without password", List.of(), Map.of("KESTRA_EMULATOR_USERNAME", "admin"),
            "a username (--user or KESTRA_EMULATOR_USERNAME) needs a password"),
        new Case("password without user", List.of(), passwordOnly,
            "the password of KESTRA_EMULATOR_PASSWORD needs a username: give --user or set KESTRA_EMULATOR_USERNAME"),
        new Case("a username with a colon", List.of("--user", "a:b"), passwordOnly,
            "the username must not be empty or contain ':', got 'a:b'"),
        new Case("missing password file", List.of("--user", "admin"),
            Map.of("KESTRA_EMULATOR_PASSWORD_FILE", "/nonexistent/password"),
            "cannot read KESTRA_EMULATOR_PASSWORD_FILE /nonexistent/password: no such file"))) {
      String message = refused(c.args(), c.env());
      assertTrue(message.startsWith(c.message()), c.name() + ": " + message);
      assertEquals(1, message.lines().count(), c.name() + ": " + message);
    }
  }

  @Test
  void anEmptyPasswordFile_isRefused() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertEquals("KESTRA_EMULATOR_PASSWORD_FILE " + empty + " is empty",
        refused(List.of("--user", "admin"), Map.of("KESTRA_EMULATOR_PASSWORD_FILE", empty.toString())));
  }

  @Test
  void run_printsTheUrlFirst_whatItEmulatesOnStandardError_andStopsWhenInterrupted() throws Exception {
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread running = new Thread(() -> {
      try {
        KestraEmulatorMain.run(List.of("--port", "0", "--mode", "oss", "--version", "1.2.0"), Map.of(), out,
            new PrintStream(err, true, StandardCharsets.UTF_8), "kestra-emulator");
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    running.start();

    String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
    assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+"), url);
    assertEquals(200, Http.at(URI.create(url)).get("/api/v1/configs").status());
    assertEquals("Kestra 1.2.0 oss emulator; API at " + url + "/api/v1/main; request log at " + url
        + "/_emulator/requests. Ctrl-C stops it.\n", firstLine(err));

    running.interrupt();
    running.join(10_000);
    assertFalse(running.isAlive());
    assertEquals(null, failure.get());
    assertThrows(ConnectException.class, () -> Http.at(URI.create(url)).sendRaw(Http.at(URI.create(url))
        .request("/api/v1/configs").GET()));
  }

  /** What the command wrote to {@code err}, once it holds a whole line (waited for, ten seconds at most). */
  private static String firstLine(ByteArrayOutputStream err) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!err.toString(StandardCharsets.UTF_8).contains("\n") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void run_withHelp_printsTheUsage_inEightyColumns_andStartsNothing() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    KestraEmulatorMain.run(List.of("--port", "not checked", "--help"), Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        "driftless emulator");

    String usage = out.toString(StandardCharsets.UTF_8);
    assertEquals(KestraEmulatorMain.usage("driftless emulator"), usage);
    assertTrue(usage.startsWith("Usage: driftless emulator [OPTION]...\n"), usage);
    usage.lines().forEach(line -> assertTrue(line.length() <= 80, line));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void seeding_aSourceWithoutIds_isRefusedWithAHint() {
    try (KestraEmulator kestra = KestraEmulator.builder().start()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> kestra.state().putFlowSource("main", "tasks: []\n"));
      assertTrue(e.getMessage().contains("putFlowSource(tenant, namespace, id, source)"));
      assertEquals(1, kestra.state().putFlowSource("main", "dev", "odd", "not: [yaml").revision());
    }
  }

  private static KestraEmulator start(List<String> args, Map<String, String> env) {
    return KestraEmulatorMain.configure(args, env).orElseThrow().start();
  }

  private static String refused(List<String> args, Map<String, String> env) {
    return assertThrows(IllegalArgumentException.class, () -> KestraEmulatorMain.configure(args, env)).getMessage();
  }
}
