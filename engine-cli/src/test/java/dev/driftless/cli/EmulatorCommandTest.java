package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftless emulator}, in this process: stopped by interrupting its thread. */
@Timeout(60)
class EmulatorCommandTest {

  @Test
  void firstLineIsItsUrl_itServesTheApiWithBasicAuth_untilStopped() throws Exception {
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread running = new Thread(() -> exit.set(Main.run(new String[] {"emulator", "--port", "0", "--mode", "oss",
        "--version", "1.2.0"}, Map.of("KESTRA_EMULATOR_USERNAME", "admin@test", "KESTRA_EMULATOR_PASSWORD", "Pw-1"),
        out, new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]))));
    running.start();

    String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
    assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+"), url);
    assertEquals(200, get(url + "/api/v1/configs", "admin@test:Pw-1").statusCode());
    assertTrue(get(url + "/api/v1/configs", "admin@test:Pw-1").body().contains("1.2.0"));
    assertEquals(401, get(url + "/api/v1/configs", "admin@test:wrong").statusCode());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Kestra 1.2.0 oss emulator; API at " + url
        + "/api/v1/main"), err.toString(StandardCharsets.UTF_8));

    running.interrupt();
    running.join(10_000);
    assertFalse(running.isAlive());
    assertEquals(0, exit.get());
    assertThrows(ConnectException.class, () -> get(url + "/api/v1/configs", "admin@test:Pw-1"));
  }

  @Test
  void pluginTypes_extendWhatTheEmulatorKnows_likeAServerWithThosePluginsInstalled() throws Exception {
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    Thread running = new Thread(() -> Main.run(new String[] {"emulator", "--port", "0", "--mode", "oss",
        "--plugin-type", "io.kestra.plugin.scripts.python.Script"}, Map.of(), out,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0])));
    running.start();
    String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
    try {
      String flow = "id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: %s\n";
      assertEquals(200, postYaml(url + "/api/v1/main/flows", flow.formatted("io.kestra.plugin.scripts.python.Script"))
          .statusCode());
      HttpResponse<String> refused = postYaml(url + "/api/v1/main/flows",
          flow.formatted("io.kestra.plugin.scripts.node.Script").replace("id: a", "id: b"));
      assertEquals(422, refused.statusCode(), "a type a stock server lacks is refused, as on Kestra");
      assertTrue(refused.body().contains("Invalid type: io.kestra.plugin.scripts.node.Script"), refused.body());
    } finally {
      running.interrupt();
      running.join(10_000);
    }
  }

  private static HttpResponse<String> postYaml(String url, String yaml) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void userWithoutPassword_isRefused() {
    Cli.run(Map.of(), "emulator", "--port", "0", "--user", "admin")
        .assertOneErrorLine("driftless: a username (--user or KESTRA_EMULATOR_USERNAME) needs a password: set "
            + "KESTRA_EMULATOR_PASSWORD or KESTRA_EMULATOR_PASSWORD_FILE");
  }

  @Test
  void aPasswordAsAnArgument_isRefused_withoutRepeatingIt() {
    Cli.run(Map.of(), "emulator", "--port", "0", "--user", "admin", "--password", "hunter2")
        .assertOneErrorLine("driftless: --password is not an option: secrets are never taken from arguments, which "
            + "process listings and shell histories show; set KESTRA_EMULATOR_PASSWORD")
        .assertNoneOf(List.of("hunter2"));
  }

  @Test
  void theUserAsAnOption_withThePasswordFromAFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "Pw-2\n");
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    Thread running = new Thread(() -> Main.run(new String[] {"emulator", "--port=0", "--user", "admin@test"},
        Map.of("KESTRA_EMULATOR_PASSWORD_FILE", file.toString()), out,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0])));
    running.start();
    String url = new BufferedReader(new InputStreamReader(pipe, StandardCharsets.UTF_8)).readLine();
    try {
      assertEquals(200, get(url + "/api/v1/configs", "admin@test:Pw-2").statusCode());
      assertEquals(401, get(url + "/api/v1/configs", "admin@test:wrong").statusCode());
    } finally {
      running.interrupt();
      running.join(10_000);
    }
  }

  private static HttpResponse<String> get(String url, String credentials) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
