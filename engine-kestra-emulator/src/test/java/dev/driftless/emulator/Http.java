package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** A tiny HTTP client for the emulator tests: real requests over loopback, bounded in time. */
final class Http {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  private final String base;
  private final Optional<String> authorization;

  private Http(String base, Optional<String> authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** Requests relative to {@code base} (an emulator's {@code url()} or {@code apiUrl()}). */
  static Http at(URI base) {
    return new Http(base.toString(), Optional.empty());
  }

  Http withBasic(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Http(base, Optional.of("Basic " + token));
  }

  Http withBearer(String token) {
    return new Http(base, Optional.of("Bearer " + token));
  }

  /** One response, read fully. */
  record Res(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse("");
    }

    String contentType() {
      return header("Content-Type");
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  Res get(String path) {
    return send(request(path).GET());
  }

  /** A GET with an {@code Accept} header. */
  Res get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  Res delete(String path) {
    return send(request(path).DELETE());
  }

  Res deleteJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
  }

  Res postYaml(String path, String yaml) {
    return send(request(path).header("Content-Type", "application/x-yaml")
        .POST(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  Res putYaml(String path, String yaml) {
    return send(request(path).header("Content-Type", "application/x-yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
  }

  Res postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Res putJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  Res put(String path) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  Res post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** A multipart upload with one file part. */
  Res postFile(String path, String partName, String filename, byte[] content) {
    String boundary = "emulator-test-boundary-7d3f";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"" + partName + "\"; filename=\"" + filename + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** Sends without catching I/O errors, for tests that expect them. */
  Res sendRaw(HttpRequest.Builder builder) throws IOException {
    try {
      HttpResponse<byte[]> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Res(r.statusCode(), r.headers(), r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5));
    authorization.ifPresent(a -> builder.header("Authorization", a));
    return builder;
  }

  private Res send(HttpRequest.Builder builder) {
    try {
      return sendRaw(builder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A minimal valid flow. */
  static String flow(String namespace, String id) {
    return "id: " + id + "\nnamespace: " + namespace + "\ntasks:\n  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
  }
}
