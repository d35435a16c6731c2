package dev.driftless.kestra.internal.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of Kestra's API, before it is sent: method, path, query, body, and whether repeating it
 * is safe. Only idempotent calls are retried; a create ({@code POST}) is not, unless it is marked
 * idempotent because it only reads ({@code /flows/validate}, an export) or overwrites
 * ({@code POST /namespaces/{ns}/files}, which stores the same bytes at the same path however often it
 * runs).
 *
 * @param method the HTTP method
 * @param path the encoded path below the API base ({@code /flows/dev/hello}), or below the server
 *     root when {@code root} is set ({@code /api/v1/configs})
 * @param query the query parameters, not yet encoded, in order
 * @param body the body and its media type, when there is one
 * @param idempotent whether sending it twice has the same effect as once
 * @param root whether the path is below the server root rather than the API base
 */
public record ApiCall(String method, String path, List<Param> query, Optional<Body> body, boolean idempotent,
    boolean root) {

  /** One query parameter. */
  public record Param(String name, String value) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A request body: the exact bytes and their media type. The array is not copied: do not change it. */
  public record Body(byte[] bytes, String contentType) {
    public Body {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(contentType, "contentType");
    }
  }

  public static final String YAML = "application/x-yaml";
  public static final String JSON = "application/json";

  public ApiCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    Objects.requireNonNull(body, "body");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("paths start with '/': " + path);
    }
  }

  public static ApiCall get(String path) {
    return new ApiCall("GET", path, List.of(), Optional.empty(), true, false);
  }

  public static ApiCall delete(String path) {
    return new ApiCall("DELETE", path, List.of(), Optional.empty(), true, false);
  }

  public static ApiCall put(String path, Body body) {
    return new ApiCall("PUT", path, List.of(), Optional.of(body), true, false);
  }

  /** A {@code POST}: not idempotent unless {@link #idempotent()} says so. */
  public static ApiCall post(String path, Body body) {
    return new ApiCall("POST", path, List.of(), Optional.of(body), false, false);
  }

  /** A {@code GET} below the server root, outside the tenant: {@code /api/v1/configs}. */
  public static ApiCall rootGet(String path) {
    return new ApiCall("GET", path, List.of(), Optional.empty(), true, true);
  }

  public ApiCall query(String name, String value) {
    List<Param> next = new ArrayList<>(query);
    next.add(new Param(name, value));
    return new ApiCall(method, path, next, body, idempotent, root);
  }

  public ApiCall query(String name, int value) {
    return query(name, String.valueOf(value));
  }

  /** Marks a call as safe to repeat: a read made with {@code POST}, an overwrite. */
  public ApiCall asIdempotent() {
    return new ApiCall(method, path, query, body, true, root);
  }

  public static Body yaml(byte[] bytes) {
    return new Body(bytes, YAML);
  }

  public static Body json(String text) {
    return new Body(text.getBytes(StandardCharsets.UTF_8), JSON);
  }

  /** The encoded query string, without {@code ?}; empty when there are no parameters. */
  public String encodedQuery() {
    StringBuilder out = new StringBuilder();
    for (Param p : query) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(p.name())).append('=').append(encode(p.value()));
    }
    return out.toString();
  }

  /** Form-encodes a query component, with spaces as {@code %20} so that no server reads a {@code +}. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * An encoded path from segments: {@code path("flows", "dev", "hello")} is {@code /flows/dev/hello};
   * each segment is percent-encoded, so a segment never adds a {@code /}.
   */
  public static String path(String... segments) {
    StringBuilder out = new StringBuilder();
    for (String segment : segments) {
      out.append('/').append(encode(segment));
    }
    return out.toString();
  }
}
