package dev.driftless.kestra.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.kestra.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {

  @Test
  void legacyErrors_keepTheMessageAndEachFieldPath() {
    String body = "{\"message\":\"Invalid entity: tasks: must not be empty\",\"_embedded\":{\"errors\":["
        + "{\"message\":\"must not be empty\",\"path\":\"tasks\"},"
        + "{\"message\":\"must not be null\",\"path\":\"triggers[0].type\"}]}}";
    ApiError error = ErrorBodies.decode(422, "application/json", bytes(body), Optional.empty());
    assertEquals(422, error.status());
    assertEquals(Optional.empty(), error.type());
    assertEquals("Invalid entity: tasks: must not be empty", error.message());
    assertEquals(List.of(new ApiError.FieldError("tasks", "must not be empty"),
        new ApiError.FieldError("triggers[0].type", "must not be null")), error.fields());
  }

  @Test
  void problemDetails_keepTheirTypeAndTurnPointersIntoPaths() {
    String body = "{\"type\":\"https://kestra.io/problems/validation-failed\",\"title\":\"Validation failed\","
        + "\"status\":422,\"detail\":\"tasks[0].type: must not be null\",\"instance\":\"/api/v1/main/flows\","
        + "\"errors\":[{\"detail\":\"must not be null\",\"pointer\":\"/tasks/0/type\"},"
        + "{\"detail\":\"odd\",\"pointer\":\"/a~1b/c~0d\"}]}";
    ApiError error = ErrorBodies.decode(422, "application/problem+json", bytes(body), Optional.of("OSS"));
    assertEquals(Optional.of("validation-failed"), error.typeName());
    assertEquals("tasks[0].type: must not be null", error.message());
    assertEquals(List.of(new ApiError.FieldError("tasks[0].type", "must not be null"),
        new ApiError.FieldError("a/b.c~d", "odd")), error.fields());
    assertEquals(Optional.of("OSS"), error.edition());
    assertEquals("422 validation-failed: tasks[0].type: must not be null [tasks[0].type: must not be null; a/b.c~d: odd]",
        error.describe());
  }

  @Test
  void anythingElse_keepsItsText() {
    ApiError html = ErrorBodies.decode(502, "text/html", bytes("<html>\n  Bad   gateway</html>"), Optional.empty());
    assertEquals("<html> Bad gateway</html>", html.message());
    assertEquals("HTTP 503", ErrorBodies.decode(503, "", new byte[0], Optional.empty()).message());
  }

  @Test
  void pointers_becomeDottedPaths() {
    assertEquals("", ErrorBodies.pointerToPath(""));
    assertEquals("tasks[0].type", ErrorBodies.pointerToPath("/tasks/0/type"));
    assertEquals("flow.id", ErrorBodies.pointerToPath("/flow/id"));
    assertEquals("inputs[2].defaults[10]", ErrorBodies.pointerToPath("/inputs/2/defaults/10"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
