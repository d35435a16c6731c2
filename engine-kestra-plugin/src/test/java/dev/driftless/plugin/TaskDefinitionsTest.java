package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.models.tasks.Task;
import io.kestra.core.serializers.JacksonMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Kestra shows and reads of every task: documentation for the task and each of its properties, and
 * example flows whose tasks of ours Kestra's YAML mapper reads into them, no property unknown.
 */
class TaskDefinitionsTest {

  static final List<Class<? extends Task>> TASKS = List.of(SyncFlows.class, SyncFlow.class, SyncNamespaceFiles.class,
      SyncDashboards.class, PushFlows.class, PushNamespaceFiles.class, PushDashboards.class, PushExecutionFiles.class,
      NamespaceSync.class, TenantSync.class, Clone.class);

  private static final ObjectMapper YAML = JacksonMapper.ofYaml().copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void everyTask_isRunnable_andDocumented_withAFullExample() {
    assertEquals(11, TASKS.size());
    for (Class<? extends Task> type : TASKS) {
      assertTrue(RunnableTask.class.isAssignableFrom(type), type.getSimpleName());
      Schema schema = type.getAnnotation(Schema.class);
      assertTrue(schema != null && !schema.title().isBlank() && !schema.description().isBlank(), type.getSimpleName());
      Plugin plugin = type.getAnnotation(Plugin.class);
      assertTrue(plugin != null && plugin.examples().length > 0, type.getSimpleName());
      for (Example example : plugin.examples()) {
        assertTrue(example.full() && !example.title().isBlank(), type.getSimpleName() + ": " + example.title());
      }
    }
  }

  @Test
  void everyProperty_hasATitle_aDescription_andAGroup() {
    for (Class<? extends Task> type : TASKS) {
      for (Field field : properties(type)) {
        String name = type.getSimpleName() + "." + field.getName();
        Schema schema = field.getAnnotation(Schema.class);
        assertTrue(schema != null && !schema.title().isBlank(), name + " has no @Schema title");
        assertTrue(!schema.description().isBlank(), name + " has no @Schema description (Kestra's documentation page)");
        PluginProperty property = field.getAnnotation(PluginProperty.class);
        assertTrue(property != null && !property.group().isBlank(), name + " has no @PluginProperty group");
      }
    }
  }

  @Test
  void toString_showsNoCredential() {
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("id", "t");
    definition.put("url", "https://git.example.com/org/repo");
    definition.put("password", "git-pass-1f2e3d");
    definition.put("privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----key-4a5b6c");
    definition.put("passphrase", "phrase-7d8e9f");
    definition.put("auth", Map.of("username", "admin@kestra.io", "password", "kestra-pass-0a1b2c",
        "apiToken", "token-3c4d5e"));
    for (Class<? extends Task> type : TASKS) {
      Map<String, Object> task = new LinkedHashMap<>(definition);
      task.put("type", type.getName());
      if (type == Clone.class) {
        task.remove("auth");
      }
      String shown = YAML.convertValue(task, type).toString();
      for (String secret : List.of("git-pass-1f2e3d", "key-4a5b6c", "phrase-7d8e9f", "kestra-pass-0a1b2c", "token-3c4d5e")) {
        assertFalse(shown.contains(secret), type.getSimpleName() + ".toString() shows " + secret + ": " + shown);
      }
    }
  }

  /** The task's own properties and those of the task classes above it, up to Kestra's {@code Task}. */
  private static List<Field> properties(Class<?> type) {
    List<Field> out = new ArrayList<>();
    for (Class<?> c = type; c != Task.class && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          out.add(field);
        }
      }
    }
    return out;
  }

  /** The task definitions of ours in a list of tasks, also inside flowable tasks ({@code WorkingDirectory}). */
  private static void collectOurs(Object tasks, List<Map<?, ?>> out) {
    if (!(tasks instanceof List<?> list)) {
      return;
    }
    for (Object element : list) {
      if (element instanceof Map<?, ?> task) {
        if (String.valueOf(task.get("type")).startsWith("dev.driftless.plugin.")) {
          out.add(task);
        }
        collectOurs(task.get("tasks"), out);
      }
    }
  }
}
