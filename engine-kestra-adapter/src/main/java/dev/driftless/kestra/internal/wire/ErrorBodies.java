package dev.driftless.kestra.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftless.kestra.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes Kestra's error answers: RFC 9457 {@code application/problem+json} (2.x: {@code type},
 * {@code title}, {@code detail}, {@code errors[].detail} and {@code .pointer}) and the legacy
 * Micronaut JSON (0.x to 1.x: {@code message}, {@code _embedded.errors[].message} and
 * {@code .path}). Anything else keeps its text. JSON pointers become the dotted paths the legacy
 * format uses, so that both read alike: {@code /tasks/0/type} is {@code tasks[0].type}.
 */
public final class ErrorBodies {

  private static final int MAX_TEXT = 300;

  private ErrorBodies() {}

  public static ApiError decode(int status, String contentType, byte[] body, Optional<String> edition) {
    Optional<JsonNode> json = Json.tryParse(body).filter(JsonNode::isObject);
    if (json.isEmpty()) {
      String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      if (text.length() > MAX_TEXT) {
        text = text.substring(0, MAX_TEXT) + "...";
      }
      return new ApiError(status, Optional.empty(), text.isEmpty() ? "HTTP " + status : text, List.of(), edition);
    }
    JsonNode node = json.get();
    boolean problem = contentType.toLowerCase().contains("problem+json") || node.has("type") && node.has("status");
    if (problem) {
      List<ApiError.FieldError> fields = new ArrayList<>();
      JsonNode errors = node.get("errors");
      if (errors != null && errors.isArray()) {
        for (JsonNode e : errors) {
          String message = Json.text(e, "detail").or(() -> Json.text(e, "message")).orElse("");
          String path = Json.text(e, "pointer").map(ErrorBodies::pointerToPath)
              .or(() -> Json.text(e, "path")).orElse("");
          fields.add(new ApiError.FieldError(path, message));
        }
      }
      String message = Json.text(node, "detail").or(() -> Json.text(node, "title")).orElse("HTTP " + status);
      return new ApiError(status, Json.text(node, "type"), message, fields, edition);
    }
    List<ApiError.FieldError> fields = new ArrayList<>();
    JsonNode embedded = node.path("_embedded").path("errors");
    if (embedded.isArray()) {
      for (JsonNode e : embedded) {
        fields.add(new ApiError.FieldError(Json.text(e, "path").orElse(""), Json.text(e, "message").orElse("")));
      }
    }
    String message = Json.text(node, "message").orElse("HTTP " + status);
    return new ApiError(status, Optional.empty(), message, fields, edition);
  }

  /** {@code /tasks/0/type} to {@code tasks[0].type}; {@code ""} and {@code "/"} to {@code ""}. */
  public static String pointerToPath(String pointer) {
    if (pointer.isEmpty() || pointer.equals("/")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    String[] tokens = pointer.startsWith("/") ? pointer.substring(1).split("/", -1) : pointer.split("/", -1);
    for (String raw : tokens) {
      String token = raw.replace("~1", "/").replace("~0", "~");
      if (!token.isEmpty() && token.chars().allMatch(Character::isDigit) && out.length() > 0) {
        out.append('[').append(token).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(token);
      }
    }
    return out.toString();
  }
}
