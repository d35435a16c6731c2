package dev.driftless.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * engine-core performs no I/O of its own (no network, no files, no JGit, no HTTP client) and reads
 * no clock or randomness: time comes through the {@code Clock} port. This test reads the constant
 * pool of every compiled core class (so imports, fully qualified names, method descriptors, calls
 * and method references are all caught) and fails on any reference to those packages or members.
 * Two test-only samples prove the detector: one reads the clock every way it can, one only handles
 * time values.
 */
class CoreDoesNoIoTest {

  private static final Path CORE = Path.of("target", "classes", "dev", "driftless", "core");
  private static final Path SAMPLES = Path.of("target", "test-classes", "dev", "driftless", "core", "architecture");

  private static final List<String> IO_PACKAGES = List.of(
      "java/net/", "java/nio/file/", "java/io/File", "java/io/RandomAccessFile", "java/nio/channels/FileChannel",
      "java/lang/ProcessBuilder", "java/lang/Thread", "java/util/concurrent/Executor",
      "org/eclipse/jgit/", "okhttp3/", "org/apache/http", "org/apache/hc/");

  /** Classes whose mere use means a clock or a source of randomness. */
  private static final Set<String> CLOCK_CLASSES = Set.of(
      "java/time/Clock", "java/time/InstantSource", "java/util/Date", "java/util/Random", "java/util/SplittableRandom",
      "java/util/concurrent/ThreadLocalRandom", "java/security/SecureRandom");

  /** Members that read the clock or randomness of classes core may otherwise use. */
  private static final Set<String> CLOCK_MEMBERS = Set.of(
      "java/lang/System.currentTimeMillis", "java/lang/System.nanoTime", "java/lang/Math.random",
      "java/lang/StrictMath.random", "java/util/UUID.randomUUID",
      "java/time/Instant.now", "java/time/LocalDate.now", "java/time/LocalDateTime.now", "java/time/LocalTime.now",
      "java/time/OffsetDateTime.now", "java/time/OffsetTime.now", "java/time/ZonedDateTime.now",
      "java/time/Year.now", "java/time/YearMonth.now", "java/time/MonthDay.now");

  @Test
  void coreClasses_referenceNoIoPackages() throws IOException {
    assertTrue(Files.isDirectory(CORE), "compiled classes at " + CORE.toAbsolutePath());
    List<String> offences = new ArrayList<>();
    List<Path> files = coreClassFiles();
    for (Path file : files) {
      ioReferences(file).forEach(type -> offences.add(CORE.relativize(file) + " refers to " + type));
    }
    assertTrue(files.size() > 20, "scanned " + files.size() + " classes");
    assertEquals(List.of(), offences);
  }

  @Test
  void coreClasses_readNoClockOrRandomness() throws IOException {
    List<String> offences = new ArrayList<>();
    for (Path file : coreClassFiles()) {
      clockReads(file).forEach(read -> offences.add(CORE.relativize(file) + " reads " + read));
    }
    assertEquals(List.of(), offences);
  }

  @Test
  void detector_seesEveryClockRead_inASampleThatReadsThem() throws IOException {
    List<String> reads = clockReads(SAMPLES.resolve("ReadsTheClock.class"));
    assertEquals(List.of(
        "java/lang/Math.random", "java/lang/System.currentTimeMillis", "java/lang/System.nanoTime",
        "java/time/Instant.now", "java/time/LocalDate.now", "java/time/LocalDateTime.now",
        "java/time/ZonedDateTime.now", "java/util/Random", "java/util/UUID.randomUUID"), reads);
  }

  @Test
  void detector_seesAMethodReferenceToInstantNow() throws IOException {
    CompiledClass sample = CompiledClass.read(SAMPLES.resolve("ReadsTheClock.class"));
    assertTrue(sample.members().contains("java/time/Instant.now"), "members: " + sample.members());
  }

  @Test
  void detector_letsTimeValuesThrough_whenNoClockIsRead() throws IOException {
    CompiledClass sample = CompiledClass.read(SAMPLES.resolve("ReadsNoClock.class"));
    assertTrue(sample.members().contains("java/time/Instant.parse"), "the sample was read: " + sample.members());
    assertTrue(sample.classes().contains("java/util/RandomAccess"), "the sample was read: " + sample.classes());
    assertEquals(List.of(), clockReads(SAMPLES.resolve("ReadsNoClock.class")));
  }

  @Test
  void detector_seesIoReferences_inThisTest() throws IOException {
    assertTrue(ioReferences(SAMPLES.resolve("CoreDoesNoIoTest.class")).contains("java/nio/file/Files"));
  }

  private static List<String> ioReferences(Path file) throws IOException {
    return CompiledClass.read(file).classes().stream()
        .filter(type -> IO_PACKAGES.stream().anyMatch(type::startsWith))
        .sorted()
        .toList();
  }

  private static List<String> clockReads(Path file) throws IOException {
    CompiledClass compiled = CompiledClass.read(file);
    return Stream.concat(
            compiled.classes().stream().filter(CLOCK_CLASSES::contains),
            compiled.members().stream().filter(CLOCK_MEMBERS::contains))
        .sorted()
        .toList();
  }

  private static List<Path> coreClassFiles() throws IOException {
    try (Stream<Path> files = Files.walk(CORE)) {
      return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
    }
  }
}
