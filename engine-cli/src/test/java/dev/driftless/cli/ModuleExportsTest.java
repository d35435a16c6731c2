package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.git.GitSide;
import dev.driftless.kestra.KestraSide;
import dev.driftless.plan.Plan;
import dev.driftless.presets.Task;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each library module is a named module that exports exactly its API: every package of its main
 * classes without an {@code internal} segment in its name, to everyone, and no {@code internal}
 * package, not even to a chosen module. The descriptors are the built ones ({@code module-info.class}
 * in {@code target/classes} or in the jar), found through one class of each module, and the
 * packages are those the built module holds, so a new package has to be placed one way or the other.
 */
class ModuleExportsTest {

  /** One class of each library module, to find where the module was built. */
  private static final Map<String, Class<?>> LIBRARY_MODULES = Map.of(
      "dev.driftless.api", Plan.class,
      "dev.driftless.core", Planner.class,
      "dev.driftless.git", GitSide.class,
      "dev.driftless.kestra", KestraSide.class,
      "dev.driftless.emulator", KestraEmulator.class,
      "dev.driftless.presets", Task.class);

  @Test
  void everyLibraryModule_exportsAllItsApiPackages_andNoInternalOne() {
    List<String> problems = new ArrayList<>();
    new TreeSet<>(LIBRARY_MODULES.keySet()).forEach(name -> {
      ModuleDescriptor module = builtModule(LIBRARY_MODULES.get(name));
      assertEquals(name, module.name(), "the module holding " + LIBRARY_MODULES.get(name).getName());
      assertFalse(module.isAutomatic(), name + " has a module-info.class");
      problems.addAll(exportProblems(module));
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void exportProblems_nameAnExportedInternalPackage_andAnApiPackageNotExportedToAll() {
    ModuleDescriptor leaky = ModuleDescriptor.newModule("example.leaky")
        .packages(Set.of("example.api", "example.spi", "example.hidden", "example.internal", "example.internal.wire",
            "example.internalized"))
        .exports("example.api")
        .exports(Set.of(), "example.spi", Set.of("example.friend"))
        .exports(Set.of(), "example.internal", Set.of("example.friend"))
        .exports("example.internal.wire")
        .exports("example.internalized")
        .build();

    assertEquals(List.of(
        "example.leaky does not export its API package example.hidden",
        "example.leaky exports its implementation package example.internal to [example.friend]",
        "example.leaky exports its implementation package example.internal.wire",
        "example.leaky exports its API package example.spi only to [example.friend]"), exportProblems(leaky));
  }

  @Test
  void exportProblems_noneForAModuleExportingExactlyItsApi() {
    ModuleDescriptor tidy = ModuleDescriptor.newModule("example.tidy")
        .packages(Set.of("example.api", "example.internal.codec"))
        .exports("example.api")
        .build();

    assertEquals(List.of(), exportProblems(tidy));
  }

  private static List<String> exportProblems(ModuleDescriptor module) {
    Map<String, Exports> exports = module.exports().stream().collect(Collectors.toMap(Exports::source, Function.identity()));
    List<String> problems = new ArrayList<>();
    for (String pkg : new TreeSet<>(module.packages())) {
      Exports export = exports.get(pkg);
      if (isInternal(pkg)) {
        if (export != null) {
          problems.add(module.name() + " exports its implementation package " + pkg
              + (export.isQualified() ? " to " + new TreeSet<>(export.targets()) : ""));
        }
      } else if (export == null) {
        problems.add(module.name() + " does not export its API package " + pkg);
      } else if (export.isQualified()) {
        problems.add(module.name() + " exports its API package " + pkg + " only to " + new TreeSet<>(export.targets()));
      }
    }
    return problems;
  }

  private static boolean isInternal(String pkg) {
    return Arrays.asList(pkg.split("\\.")).contains("internal");
  }

  /** The module built from the classes directory or the jar {@code anchor} was loaded from. */
  private static ModuleDescriptor builtModule(Class<?> anchor) {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Set<ModuleReference> found = ModuleFinder.of(location).findAll();
    assertEquals(1, found.size(), "one module at " + location);
    return found.iterator().next().descriptor();
  }
}
