package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.core.docs.JsonSchemaGenerator;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.tasks.Task;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Kestra shows users of the plugin: Kestra's own schema generator documents each task (its
 * documentation page and the editor's autocompletion); the titles themselves are checked by
 * {@link TaskDefinitionsTest}.
 */
@KestraTest
class DocumentationTest {

  @Inject
  JsonSchemaGenerator generator;

  @Test
  @SuppressWarnings("unchecked")
  void kestrasSchemaGenerator_documentsEveryTask() throws ClassNotFoundException {
    for (String name : PluginJarIT.TASKS) {
      Class<? extends Task> type = (Class<? extends Task>) Class.forName("dev.driftless.plugin." + name);
      Map<String, Object> schema = generator.schemas(type, false);
      Map<String, Object> definitions = (Map<String, Object>) schema.get("definitions");
      Map<String, Object> task = (Map<String, Object>) definitions.get(type.getName());
      assertTrue(task != null, name + " is documented: " + definitions.keySet());
      Map<String, Object> props = (Map<String, Object>) task.get("properties");
      assertTrue(props.containsKey("url"), name + " documents url: " + props.keySet());
      assertFalse(String.valueOf(task.get("title")).isBlank(), name + ": " + task.keySet());
    }
  }

}
