package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What the built {@code target/driftless.jar} carries: the emulator for {@code driftless emulator}
 * and {@code driftless demo}, but nothing of the test kit (law suite, generators, fakes) and no test
 * library. The test kit is a test-scope dependency of this module only.
 */
class JarContentsIT {

  private static final List<String> NEVER_IN_THE_JAR = List.of("dev/driftless/testkit/", "org/quicktheories/",
      "org/junit/", "org/opentest4j/");

  @Test
  void theJar_carriesNoTestKit_andNoTestLibrary() throws IOException {
    try (JarFile jar = new JarFile(JarProcess.jar().toFile())) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();

      assertEquals(List.of(), names.stream().filter(n -> NEVER_IN_THE_JAR.stream().anyMatch(n::startsWith)).toList());
      assertTrue(names.contains("dev/driftless/emulator/KestraEmulatorMain.class"), "the emulator is in the jar");
      assertTrue(names.contains("dev/driftless/emulator/plugins-1.x.txt"), "with its plugin catalogues");
    }
  }
}
