package dev.driftless.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * engine-core performs no I/O of its own: no network, no files, no JGit, no HTTP client. This test
 * reads every compiled core class and fails on any reference to those packages (class references
 * live in the constant pool, so imports, fully qualified names and method descriptors are all
 * caught).
 */
class CoreDoesNoIoTest {

  private static final List<String> FORBIDDEN = List.of(
      "java/net/", "java/nio/file/", "java/io/File", "java/io/RandomAccessFile", "java/nio/channels/FileChannel",
      "java/lang/ProcessBuilder", "java/lang/Thread", "java/util/concurrent/Executor", "java/lang/System.currentTimeMillis",
      "org/eclipse/jgit/", "java/net/http/", "okhttp3/", "org/apache/http", "org/apache/hc/");

  @Test
  void coreClasses_referenceNoIoPackages() throws IOException {
    Path classes = Path.of("target", "classes", "dev", "driftless", "core");
    assertTrue(Files.isDirectory(classes), "compiled classes at " + classes.toAbsolutePath());
    List<String> offences = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        scanned++;
        String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String forbidden : FORBIDDEN) {
          if (pool.contains(forbidden)) {
            offences.add(classes.relativize(file) + " refers to " + forbidden);
          }
        }
      }
    }
    assertTrue(scanned > 20, "scanned " + scanned + " classes");
    assertEquals(List.of(), offences);
  }

  @Test
  void coreClasses_readNoClockOrRandomness() throws IOException {
    Path classes = Path.of("target", "classes", "dev", "driftless", "core");
    List<String> offences = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String forbidden : List.of("currentTimeMillis", "nanoTime", "java/util/Random", "java/security/SecureRandom",
            "java/time/Clock", "java/time/Instant\u0000\u0003now")) {
          if (pool.contains(forbidden)) {
            offences.add(classes.relativize(file) + " reads " + forbidden);
          }
        }
      }
    }
    assertEquals(List.of(), offences);
  }
}
