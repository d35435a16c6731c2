package dev.driftless.testkit.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.KestraEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The proxy's answers: which calls misbehave, and what they get instead. */
@Timeout(60)
class MisbehaviourTest {

  private static final String EXPORT = "/api/v1/main/namespaces/dev/files/export";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private KestraEmulator kestra;
  private HostileProxy proxy;
  private byte[] real;

  @BeforeEach
  void start() {
    kestra = KestraEmulator.builder().start();
    proxy = HostileProxy.before(kestra.url());
    real = get(EXPORT).body();
  }

  @AfterEach
  void stop() {
    proxy.close();
    kestra.close();
  }

  @Test
  void fromCall_passesTheEarlierCallsOn_thenMisbehaves() {
    proxy.on("GET", EXPORT, Misbehaviour.htmlPage().fromCall(2));

    assertEquals(List.of("real", "html", "html"), List.of(kind(get(EXPORT)), kind(get(EXPORT)), kind(get(EXPORT))));
  }

  @Test
  void forCalls_misbehavesForTheFirstCalls_thenPassesTheRestOn() {
    proxy.on("GET", EXPORT, Misbehaviour.htmlPage().forCalls(1));

    assertEquals(List.of("html", "real", "real"), List.of(kind(get(EXPORT)), kind(get(EXPORT)), kind(get(EXPORT))));
  }

  @Test
  void emptyBody_andStatus_answerWithoutTheRealBody() {
    proxy.on("GET", EXPORT, Misbehaviour.emptyBody(204));
    HttpResponse<byte[]> empty = get(EXPORT);
    assertEquals(204, empty.statusCode());
    assertEquals(0, empty.body().length);

    proxy.on("GET", EXPORT, Misbehaviour.status(302, true));
    HttpResponse<byte[]> redirect = get(EXPORT);
    assertEquals(302, redirect.statusCode());
    assertEquals("/login", redirect.headers().firstValue("Location").orElseThrow());
    assertTrue(redirect.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
  }

  @Test
  void zipWithoutDirectory_ofAnEmptyArchive_isNothingAtAll() {
    assertEquals(22, real.length, "an empty namespace exports an archive that is only its directory's end");
    proxy.on("GET", EXPORT, Misbehaviour.zipWithoutDirectory());

    assertEquals(0, get(EXPORT).body().length);
  }

  @Test
  void real_isTheUpstreamAnswer() {
    proxy.on("GET", EXPORT, Misbehaviour.real());

    assertArrayEquals(real, get(EXPORT).body());
  }

  private String kind(HttpResponse<byte[]> response) {
    if (new String(response.body(), StandardCharsets.UTF_8).startsWith("<!doctype html>")) {
      return "html";
    }
    return Arrays.equals(real, response.body()) ? "real" : "other";
  }

  private HttpResponse<byte[]> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(proxy.url() + path)).timeout(Duration.ofSeconds(10))
        .header("Accept", "application/octet-stream").GET().build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
