package dev.driftless.kestra.internal.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of Kestra's API, before it is sent: the {@link Operation} (which fixes the method and the
 * headers), the path, query, body, and whether repeating it is safe. Only idempotent calls are
 * retried; a create ({@code POST}) is not, unless it is marked idempotent because it only reads
 * ({@code /flows/validate}, an export) or overwrites ({@code POST /namespaces/{ns}/files}, which
 * stores the same bytes at the same path however often it runs).
 *
 * @param operation what the call is, which fixes its method, {@code Accept} and {@code Content-Type}
 * @param path the encoded path below the API base ({@code /flows/dev/hello}), or below the server
 *     root for {@link Operation#root()} operations ({@code /api/v1/configs})
 * @param query the query parameters, not yet encoded, in order
 * @param body the body, when there is one; its media type is the operation's
 * @param idempotent whether sending it twice has the same effect as once
 */
public record ApiCall(Operation operation, String path, List<Param> query, Optional<Body> body, boolean idempotent) {

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

  public ApiCall {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(path, "path");
    query = List.copyOf(query);
    Objects.requireNonNull(body, "body");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("paths start with '/': " + path);
    }
    Optional<String> expected = operation.contentType().map(Operation::mediaType);
    Optional<String> actual = body.map(b -> Operation.mediaType(b.contentType()));
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException(operation + " takes " + expected.map(t -> "a body of " + t).orElse("no body")
          + ", not " + actual.map(t -> "a body of " + t).orElse("none"));
    }
  }

  /** A call without a body. */
  public static ApiCall of(Operation operation, String path) {
    return new ApiCall(operation, path, List.of(), Optional.empty(), operation.idempotentByMethod());
  }

  /** A call with a body. */
  public static ApiCall of(Operation operation, String path, Body body) {
    return new ApiCall(operation, path, List.of(), Optional.of(body), operation.idempotentByMethod());
  }

  /** The HTTP method. */
  public String method() {
    return operation.method();
  }

  /** Whether the path is below the server root rather than the API base. */
  public boolean root() {
    return operation.root();
  }

  public ApiCall query(String name, String value) {
    List<Param> next = new ArrayList<>(query);
    next.add(new Param(name, value));
    return new ApiCall(operation, path, next, body, idempotent);
  }

  public ApiCall query(String name, int value) {
    return query(name, String.valueOf(value));
  }

  /** Marks a call as safe to repeat: a read made with {@code POST}, an overwrite. */
  public ApiCall asIdempotent() {
    return new ApiCall(operation, path, query, body, true);
  }

  /** A YAML body (UTF-8, as Kestra reads it). */
  public static Body yaml(byte[] bytes) {
    return new Body(bytes, Operation.Media.YAML);
  }

  /** A JSON body. */
  public static Body json(String text) {
    return new Body(text.getBytes(StandardCharsets.UTF_8), Operation.Media.JSON_BODY);
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
