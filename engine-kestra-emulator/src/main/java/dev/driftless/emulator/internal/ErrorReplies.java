package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Renders an {@link ApiException} in the error format of the emulated version: Kestra's legacy
 * Micronaut {@code JsonError} ({@code application/json}, 0.x to 1.x) or RFC 9457
 * {@code application/problem+json} (2.x).
 */
public final class ErrorReplies {

  private final EmulatorSettings config;

  public ErrorReplies(EmulatorSettings config) {
    this.config = config;
  }

  /**
   * @param error   the error
   * @param path    the request path, for {@code instance} and {@code _links.self}
   * @param target  the path with its query, as Micronaut links it
   */
  public Reply render(ApiException error, String path, String target) {
    ProblemType problem = error.problem();
    Map<String, String> headers = new LinkedHashMap<>(error.headers());
    byte[] body;
    if (problem.status() == 401 && !config.version().problemDetails()) {
      // Kestra's basic-auth filter answers 401 with no body at all (seen on 0.20.7).
      headers.put("WWW-Authenticate", "Basic realm=Kestra");
      return new Reply(401, headers, new byte[0]);
    }
    if (config.version().problemDetails()) {
      headers.put("Content-Type", "application/problem+json");
      body = Json.bytes(problemBody(error, path));
    } else {
      headers.put("Content-Type", "application/json");
      body = Json.bytes(legacyBody(error, target));
    }
    if (problem.status() == 401) {
      headers.put("WWW-Authenticate", "Basic realm=Kestra");
    }
    if (problem.status() == 404 && config.version().editionHeaderOn404()) {
      headers.put("X-Kestra-Edition", config.mode().edition());
    }
    return new Reply(problem.status(), headers, body);
  }

  private ObjectNode problemBody(ApiException error, String path) {
    ProblemType problem = error.problem();
    ObjectNode body = Json.object();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status());
    body.put("detail", error.detail().isEmpty() ? problem.title() : error.detail());
    body.put("instance", path);
    if (!error.errors().isEmpty()) {
      ArrayNode errors = body.putArray("errors");
      error.errors().forEach(e -> errors.addObject().put("detail", e.message()).put("pointer", e.pointer()));
    }
    if (problem == ProblemType.INTERNAL_ERROR) {
      body.put("traceId", UUID.randomUUID().toString().replace("-", ""));
    }
    return body;
  }

  /**
   * Micronaut's {@code JsonError} as Kestra 0.x and 1.x write it (seen on 0.20.7): the message, null
   * {@code logref} and {@code path}, a self link with every HAL field, and the field errors (or
   * nothing) under {@code _embedded}.
   */
  private ObjectNode legacyBody(ApiException error, String target) {
    ProblemType problem = error.problem();
    ObjectNode body = Json.object();
    String message = problem.legacyReason()
        + (error.detail().isEmpty() ? "" : ": " + error.detail());
    body.put("message", message);
    body.putNull("logref");
    body.putNull("path");
    ObjectNode self = body.putObject("_links").putObject("self");
    self.put("href", target).put("templated", false);
    for (String field : new String[] {"profile", "deprecation", "title", "hreflang", "type", "name"}) {
      self.putNull(field);
    }
    ObjectNode embedded = body.putObject("_embedded");
    if (!error.errors().isEmpty()) {
      ArrayNode errors = embedded.putArray("errors");
      error.errors().forEach(e -> {
        ObjectNode one = errors.addObject().put("message", e.message());
        one.putNull("logref");
        one.put("path", e.path());
        one.putObject("_links");
        one.putObject("_embedded");
      });
    }
    return body;
  }
}
