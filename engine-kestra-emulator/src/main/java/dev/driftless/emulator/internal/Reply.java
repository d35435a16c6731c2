package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An HTTP answer: status, headers and body bytes (empty for none). */
public record Reply(int status, Map<String, String> headers, byte[] body) {

  public Reply {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  public static Reply json(int status, JsonNode node) {
    return new Reply(status, Map.of("Content-Type", "application/json"), Json.bytes(node));
  }

  public static Reply ok(JsonNode node) {
    return json(200, node);
  }

  public static Reply bytes(String contentType, byte[] body) {
    return new Reply(200, Map.of("Content-Type", contentType), body);
  }

  public static Reply text(int status, String text) {
    return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  public static Reply empty(int status) {
    return new Reply(status, Map.of(), new byte[0]);
  }

  public static Reply noContent() {
    return empty(204);
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(headers);
    next.put(name, value);
    return new Reply(status, next, body);
  }
}
