package dev.driftless.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/kestra-emulator.jar} as a process, run with {@code java -jar} and nothing else on
 * the class path: the failsafe plugin runs this after {@code package} and names the jar in the
 * system property {@code kestra.emulator.jar}.
 */
@Timeout(120)
class KestraEmulatorJarIT {

  @TempDir
  Path dir;

  @Test
  void javaDashJar_servesTheApi_withTheCredentialsOfTheEnvironment_untilStopped() throws Exception {
    Process process = process(Map.of("KESTRA_EMULATOR_USERNAME", "ci@example.com", "KESTRA_EMULATOR_PASSWORD", "Pw-1"),
        "--port", "0", "--mode", "oss").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      String url = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
      assertTrue(url != null && url.matches("http://127\\.0\\.0\\.1:\\d+"), "first line: " + url);
      Http api = Http.at(URI.create(url + "/api/v1/main"));
      assertEquals(401, api.get("/flows/search").status());
      assertEquals(200, api.withBasic("ci@example.com", "Pw-1").get("/flows/search").status());

      process.destroy();
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "SIGTERM stops the emulator");
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void aPasswordAsAnArgument_exits1_withOneLineThatDoesNotRepeatIt() throws Exception {
    Path err = dir.resolve("err.txt");
    Process process = process(Map.of(), "--port", "0", "--user", "admin", "--password", "hunter2")
        .redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));

    assertEquals(1, process.exitValue());
    List<String> lines = Files.readAllLines(err);
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("kestra-emulator: --password is not an option: secrets are never taken from "
        + "arguments"), lines.get(0));
    assertFalse(lines.get(0).contains("hunter2"));
    assertEquals("", Files.readString(dir.resolve("out.txt")));
  }

  @Test
  void theJar_namesItsMainClass_andCarriesJacksonButNoOtherLibrary() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      assertEquals(KestraEmulatorMain.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
      List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
          .filter(n -> !n.startsWith("META-INF/versions/")).toList();
      List<String> foreign = classes.stream().filter(n -> !n.startsWith("dev/driftless/emulator/")
          && !n.startsWith("com/fasterxml/jackson/") && !n.startsWith("org/yaml/snakeyaml/")).toList();
      assertEquals(List.of(), foreign);
    }
  }

  private ProcessBuilder process(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder;
  }

  private static Path jar() {
    Path jar = Path.of(System.getProperty("kestra.emulator.jar", "target/kestra-emulator.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " is built by 'package', before the integration tests");
    return jar;
  }
}
