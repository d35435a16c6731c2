package dev.driftless.testkit.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * How a {@link HostileProxy} answers a call instead of passing the real answer on. Each one gets the
 * real answer (status, content type, body) and writes its own.
 */
@FunctionalInterface
public interface Misbehaviour {

  /** The answer the upstream server gave. */
  record Upstream(int status, String contentType, byte[] body) {
    public Upstream {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /** Where a misbehaviour writes its answer. */
  interface Answer {
    /** Sends the status and headers; {@code length} 0 means a chunked body of unknown length, -1 none. */
    OutputStream start(int status, Map<String, String> headers, long length) throws IOException;
  }

  void answer(Upstream upstream, Answer answer) throws IOException;

  /**
   * This misbehaviour from the {@code nth} call it answers on (counting from 1): the calls before get
   * the real answer. For a listing, the {@code nth} page; for one export per namespace, the
   * {@code nth} namespace's.
   */
  default Misbehaviour fromCall(int nth) {
    if (nth < 1) {
      throw new IllegalArgumentException("calls count from 1, got " + nth);
    }
    AtomicInteger calls = new AtomicInteger();
    Misbehaviour then = this;
    return (upstream, answer) -> (calls.incrementAndGet() < nth ? real() : then).answer(upstream, answer);
  }

  /** This misbehaviour for the first {@code count} calls only; later ones get the real answer (a retry cures it). */
  default Misbehaviour forCalls(int count) {
    AtomicInteger calls = new AtomicInteger();
    Misbehaviour then = this;
    return (upstream, answer) -> (calls.incrementAndGet() <= count ? then : real()).answer(upstream, answer);
  }

  /** The real answer: its status, content type and body (other headers are dropped). */
  static Misbehaviour real() {
    return (upstream, answer) -> {
      try (OutputStream out = answer.start(upstream.status(), Map.of("Content-Type", upstream.contentType()),
          upstream.body().length == 0 ? -1 : upstream.body().length)) {
        out.write(upstream.body());
      }
    };
  }

  /** The real status and content type with no body at all ({@code 204} has none by definition). */
  static Misbehaviour emptyBody(int status) {
    return (upstream, answer) -> answer.start(status, Map.of("Content-Type", upstream.contentType()), -1).close();
  }

  /**
   * This status with a short body: JSON as Kestra's errors are, or {@code text/html} as a proxy's
   * are. A redirect ({@code 3xx}) points at a login page.
   */
  static Misbehaviour status(int status, boolean html) {
    byte[] bytes = (html ? "<html><body><h1>" + status + "</h1></body></html>"
        : "{\"message\":\"hostile answer " + status + "\"}").getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", html ? "text/html; charset=utf-8" : "application/json");
    if (status >= 300 && status < 400) {
      headers.put("Location", "/login");
    }
    return (upstream, answer) -> {
      try (OutputStream out = answer.start(status, headers, bytes.length)) {
        out.write(bytes);
      }
    };
  }

  /** A 200 HTML page, as a login or maintenance page in front of a server answers everything. */
  static Misbehaviour htmlPage() {
    return body(200, "text/html; charset=utf-8", "<!doctype html><html><body><h1>Down for maintenance</h1>"
        + "</body></html>");
  }

  /** This status, content type and body, whatever the real answer was. */
  static Misbehaviour body(int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return (upstream, answer) -> {
      try (OutputStream out = answer.start(status, Map.of("Content-Type", contentType), bytes.length)) {
        out.write(bytes);
      }
    };
  }

  /** The real answer, its body cut to its first {@code fraction}, sent as if that were all. */
  static Misbehaviour truncated(double fraction) {
    return (upstream, answer) -> {
      byte[] cut = Arrays.copyOf(upstream.body(), (int) (upstream.body().length * fraction));
      try (OutputStream out = answer.start(upstream.status(), Map.of("Content-Type", upstream.contentType()),
          cut.length)) {
        out.write(cut);
      }
    };
  }

  /** The real JSON answer, changed: fields of the wrong types, missing ones. */
  static Misbehaviour json(UnaryOperator<JsonNode> change) {
    ObjectMapper mapper = new ObjectMapper();
    return (upstream, answer) -> {
      byte[] changed = mapper.writeValueAsBytes(change.apply(mapper.readTree(upstream.body())));
      try (OutputStream out = answer.start(upstream.status(), Map.of("Content-Type", "application/json"),
          changed.length)) {
        out.write(changed);
      }
    };
  }

  /** The real answer, sent a byte at a time with {@code pause} between bytes. */
  static Misbehaviour trickle(Duration pause) {
    return (upstream, answer) -> {
      try (OutputStream out = answer.start(upstream.status(), Map.of("Content-Type", upstream.contentType()),
          upstream.body().length)) {
        for (byte b : upstream.body()) {
          out.write(b);
          out.flush();
          sleep(pause);
        }
      }
    };
  }

  /**
   * A ZIP of {@code entries} entries of {@code bytesEach} zero bytes each, made as it is sent: a few
   * kilobytes a megabyte on the wire, any size once expanded.
   */
  static Misbehaviour zipBomb(int entries, long bytesEach) {
    return (upstream, answer) -> {
      try (OutputStream raw = answer.start(200, Map.of("Content-Type", "application/octet-stream"), 0);
          ZipOutputStream zip = new ZipOutputStream(raw)) {
        byte[] zeros = new byte[64 * 1024];
        for (int i = 0; i < entries; i++) {
          zip.putNextEntry(new ZipEntry("bomb/" + i + ".yml"));
          for (long written = 0; written < bytesEach; written += zeros.length) {
            zip.write(zeros, 0, (int) Math.min(zeros.length, bytesEach - written));
          }
          zip.closeEntry();
        }
      }
    };
  }

  /**
   * The real ZIP answer without its central directory: every entry, cut at an entry's end (an empty
   * archive, which is nothing but its directory's end, becomes an empty body).
   */
  static Misbehaviour zipWithoutDirectory() {
    return (upstream, answer) -> {
      byte[] body = upstream.body();
      int directory = indexOf(body, new byte[] {'P', 'K', 1, 2});
      if (directory < 0) {
        directory = indexOf(body, new byte[] {'P', 'K', 5, 6});
      }
      byte[] cut = directory < 0 ? body : Arrays.copyOf(body, directory);
      try (OutputStream out = answer.start(upstream.status(), Map.of("Content-Type", upstream.contentType()),
          cut.length)) {
        out.write(cut);
      }
    };
  }

  /**
   * A search that never ends: every page full of {@code perPage} new flows of namespace {@code dev},
   * under a {@code total} of {@code total}, however far a client pages.
   */
  static Misbehaviour endlessPages(int perPage, long total) {
    ObjectMapper mapper = new ObjectMapper();
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    return (upstream, answer) -> {
      com.fasterxml.jackson.databind.node.ObjectNode page = mapper.createObjectNode();
      com.fasterxml.jackson.databind.node.ArrayNode results = page.putArray("results");
      for (int i = 0; i < perPage; i++) {
        results.addObject().put("id", "endless-" + next.incrementAndGet()).put("namespace", "dev").put("revision", 1);
      }
      page.put("total", total);
      byte[] out = mapper.writeValueAsBytes(page);
      try (OutputStream stream = answer.start(200, Map.of("Content-Type", "application/json"), out.length)) {
        stream.write(out);
      }
    };
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void sleep(Duration pause) throws IOException {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
