package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.core.plugins.PluginScanner;
import io.kestra.core.plugins.RegisteredPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built plugin jar, dropped into a plugins directory, is found by Kestra's own plugin scanner
 * (as a server finds it at start), which lists its tasks; the jar carries the engine but nothing
 * Kestra provides.
 */
class PluginJarIT {

  static final Set<String> TASKS = Set.of("SyncFlows", "SyncFlow", "SyncNamespaceFiles", "SyncDashboards", "PushFlows",
      "PushNamespaceFiles", "PushDashboards", "PushExecutionFiles", "NamespaceSync", "TenantSync", "Clone");

  @TempDir
  Path plugins;

  private static Path jar() {
    return Path.of(System.getProperty("driftless.pluginJar"));
  }

  @Test
  void kestrasScanner_findsThePlugin_andItsTasks() throws IOException {
    Files.copy(jar(), plugins.resolve("driftless-plugin.jar"));

    List<RegisteredPlugin> found = new PluginScanner(PluginJarIT.class.getClassLoader()).scan(plugins);

    assertEquals(1, found.size(), found.toString());
    RegisteredPlugin plugin = found.get(0);
    assertTrue(plugin.isValid(), plugin.toString());
    assertEquals("Driftless Git sync", plugin.title());
    assertEquals("dev.driftless.plugin", plugin.group());
    Set<String> tasks = plugin.getTasks().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = TASKS.stream().map(t -> "dev.driftless.plugin." + t).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, tasks);
    assertTrue(plugin.getTasks().stream().allMatch(c -> c.getClassLoader() != PluginJarIT.class.getClassLoader()),
        "the tasks are loaded from the plugin jar, by the plugin's own class loader");
  }

  @Test
  void theJar_carriesTheEngine_butNotWhatKestraProvides() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      Set<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toSet());
      assertTrue(names.contains("dev/driftless/core/apply/Sync.class"));
      assertTrue(names.contains("org/eclipse/jgit/api/Git.class"));
      assertTrue(names.contains("META-INF/services/io.kestra.core.models.Plugin"));
      assertTrue(names.contains("icons/plugin-icon.svg"));
      for (String provided : List.of("io/kestra/core/", "com/fasterxml/jackson/", "org/yaml/snakeyaml/", "org/slf4j/Logger",
          "com/amazon/ion/")) {
        assertFalse(names.stream().anyMatch(n -> n.startsWith(provided)), provided + " is Kestra's, not the plugin's");
      }
      assertFalse(names.stream().anyMatch(n -> n.startsWith("dev/driftless/testkit/")), "no test kit");
      assertEquals("driftless", jar.getManifest().getMainAttributes().getValue("X-Kestra-Name"));
    }
  }
}
