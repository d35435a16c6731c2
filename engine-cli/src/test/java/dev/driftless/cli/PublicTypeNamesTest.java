package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.git.GitSide;
import dev.driftless.kestra.KestraSide;
import dev.driftless.plan.Plan;
import dev.driftless.presets.Task;
import dev.driftless.testkit.law.LawSuite;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One word per concept: no two public top-level types of the project's modules share a simple name,
 * implementation classes included, so that a name read in a stack trace, a review or an import
 * means one thing. The types are those of the built modules, found through one class of each.
 */
class PublicTypeNamesTest {

  /** One class of each module whose main classes are checked. */
  private static final List<Class<?>> MODULES = List.of(Plan.class, Planner.class, GitSide.class, KestraSide.class,
      KestraEmulator.class, Task.class, LawSuite.class, Main.class);

  @Test
  void noTwoPublicTypes_shareASimpleName() throws IOException, ClassNotFoundException {
    Map<String, Set<String>> byName = new TreeMap<>();
    for (Class<?> anchor : MODULES) {
      for (String className : classNames(location(anchor))) {
        Class<?> type = Class.forName(className, false, anchor.getClassLoader());
        if (Modifier.isPublic(type.getModifiers()) && type.getEnclosingClass() == null) {
          byName.computeIfAbsent(type.getSimpleName(), n -> new TreeSet<>()).add(type.getName());
        }
      }
    }
    assertTrue(byName.size() > 100, "the modules' public types were found: " + byName.size());
    List<String> shared = new ArrayList<>();
    byName.forEach((name, types) -> {
      if (types.size() > 1) {
        shared.add(name + " " + types);
      }
    });
    assertEquals(List.of(), shared);
  }

  /**
   * A public nested type of an API package is read by its simple name too (an import of
   * {@code SnapshotEntry.Failure}, a message); it must not be taken for a public top-level type of the
   * modules. Nested types sharing a name with each other ({@code Builder}, {@code Present}) are fine:
   * they are always read with their enclosing type.
   */
  @Test
  void noPublicNestedApiType_sharesANameWithAPublicTopLevelType() throws IOException, ClassNotFoundException {
    Map<String, Set<String>> topLevel = new TreeMap<>();
    List<Class<?>> nested = new ArrayList<>();
    for (Class<?> anchor : MODULES) {
      for (String className : classNames(location(anchor))) {
        Class<?> type = Class.forName(className, false, anchor.getClassLoader());
        if (!Modifier.isPublic(type.getModifiers())) {
          continue;
        }
        if (type.getEnclosingClass() == null) {
          topLevel.computeIfAbsent(type.getSimpleName(), n -> new TreeSet<>()).add(type.getName());
        } else if (!isInternal(type.getPackageName())) {
          nested.add(type);
        }
      }
    }
    assertTrue(nested.size() > 20, "the modules' public nested API types were found: " + nested.size());
    Set<String> shared = new TreeSet<>();
    for (Class<?> type : nested) {
      Set<String> sameName = topLevel.get(type.getSimpleName());
      if (sameName != null) {
        shared.add(type.getCanonicalName() + " is also " + sameName);
      }
    }
    assertEquals(Set.of(), shared);
  }

  private static boolean isInternal(String packageName) {
    return List.of(packageName.split("\\.")).contains("internal");
  }

  private static Path location(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The binary names of the top-level and nested classes in a classes directory or a jar. */
  private static List<String> classNames(Path location) throws IOException {
    if (Files.isDirectory(location)) {
      return classNamesUnder(location);
    }
    try (FileSystem jar = FileSystems.newFileSystem(location)) {
      return classNamesUnder(jar.getPath("/"));
    }
  }

  private static List<String> classNamesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(root::relativize)
          .map(Path::toString)
          .filter(p -> p.endsWith(".class") && !p.startsWith("META-INF"))
          .filter(p -> !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .toList();
    }
  }
}
