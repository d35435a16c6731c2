package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.flows.Flow;
import io.kestra.core.models.tasks.Task;
import io.kestra.core.models.validations.ModelValidator;
import io.kestra.core.serializers.YamlParser;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Kestra's own YAML mapper and validator read the seeds' system flows, with our type in place of
 * {@code io.kestra.plugin.git.*} and nothing else changed, into our tasks; and every example that
 * the tasks' documentation shows is a valid flow too.
 */
@KestraTest
class SeedFlowsTest {

  static final List<String> SEEDS = List.of("sync_flows_schedule", "sync_namespace_files", "sync_flows_webhook",
      "sync_flows_dry_run", "push_flows_schedule", "push_flows_hello_world", "push_namespace_files", "tenant_sync",
      "namespace_sync");

  @Inject
  ModelValidator validator;

  private static String seed(String name) throws IOException {
    try (InputStream in = SeedFlowsTest.class.getResourceAsStream("/seeds/" + name + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Flow valid(String where, String yaml) {
    Flow flow = YamlParser.parse(yaml, Flow.class);
    validator.isValid(flow).ifPresent(e -> {
      throw new AssertionError(where + " is not a valid flow: " + e.getMessage());
    });
    return flow;
  }

  @Test
  void everySeedFlow_readsIntoOurTasks() throws IOException {
    for (String name : SEEDS) {
      Flow flow = valid(name, seed(name));
      Task task = flow.getTasks().get(0);
      assertEquals("dev.driftless.plugin", task.getClass().getPackageName(), name);
      assertEquals(task.getType(), task.getClass().getName(), name);
    }
  }

  @Test
  void theSeedsPropertiesLand_inTheTasksProperties() throws IOException {
    SyncFlows sync = (SyncFlows) valid("sync_flows_schedule", seed("sync_flows_schedule")).getTasks().get(0);
    assertEquals("git", sync.getTargetNamespace().toString());
    assertEquals("your_git_dir", sync.getGitDirectory().toString());
    assertEquals("true", sync.getIncludeChildNamespaces().toString());
    assertEquals("{{ secret('GITHUB_ACCESS_TOKEN') }}", sync.getPassword().toString());
    assertFalse(sync.toString().contains("GITHUB_ACCESS_TOKEN"), "no credential in toString(): " + sync);
    assertEquals("main", sync.getBranch().toString());
  }

  @Test
  void everyDocumentedExample_isAValidFlowOfOurTasks() {
    List<String> checked = new ArrayList<>();
    for (String name : PluginJarIT.TASKS) {
      Class<?> type = taskClass(name);
      Plugin plugin = Optional.ofNullable(type.getAnnotation(Plugin.class))
          .orElseThrow(() -> new AssertionError(name + " has no @Plugin"));
      assertTrue(plugin.examples().length > 0, name + " shows no example");
      for (Example example : plugin.examples()) {
        assertTrue(example.full(), name + ": examples are whole flows");
        Flow flow = valid(name + " example '" + example.title() + "'", String.join("\n", example.code()));
        assertTrue(flow.allTasksWithChilds().stream().anyMatch(t -> t.getClass() == type), name + ": the example uses " + name);
        checked.add(name);
      }
    }
    assertTrue(checked.size() >= PluginJarIT.TASKS.size(), checked.toString());
  }

  private static Class<?> taskClass(String name) {
    try {
      return Class.forName("dev.driftless.plugin." + name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no task " + name, e);
    }
  }
}
