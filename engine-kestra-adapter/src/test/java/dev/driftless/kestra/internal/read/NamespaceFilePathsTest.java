package dev.driftless.kestra.internal.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamespaceFilePathsTest {

  @Test
  void validPaths_areNormalised() {
    assertEquals(Optional.of("scripts/main.py"), NamespaceFilePaths.check("scripts//main.py").path());
    assertEquals(Optional.of("a/b c/é.txt"), NamespaceFilePaths.check("a/b c/é.txt").path());
  }

  @Test
  void dangerousPaths_areRefusedWithTheirReason_neverRewritten() {
    assertEquals(Optional.of("has a '..' segment"), NamespaceFilePaths.check("a/../../etc/passwd").problem());
    assertEquals(Optional.of("has a '..' segment"), NamespaceFilePaths.check("a\\..\\b").problem());
    assertEquals(Optional.of("is absolute"), NamespaceFilePaths.check("/etc/passwd").problem());
    assertEquals(Optional.of("is absolute"), NamespaceFilePaths.check("C:\\windows").problem());
    assertEquals(Optional.of("contains a NUL character"), NamespaceFilePaths.check("a\0b").problem());
    assertEquals(true, NamespaceFilePaths.check("a/./b").problem().orElseThrow().contains("'.'"));
    assertEquals(true, NamespaceFilePaths.check("tab\there").problem().orElseThrow().contains("control character"));
    assertEquals(true, NamespaceFilePaths.check("x".repeat(256)).problem().orElseThrow().contains("255"));
  }
}
