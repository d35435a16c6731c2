package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HttpBackendServerTest {

  @TempDir
  static Path shared;

  static Repos repos;
  static HttpBackendServer server;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    server = HttpBackendServer.start(repos.dir());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void jgitClient_clonesAndPushes_withUserAndToken() throws Exception {
    BareRepo origin = ClientRoundTrip.seeded(repos, "round-trip");

    ObjectId pushed = ClientRoundTrip.cloneCommitPush(server.url("round-trip"), dir.resolve("clone"),
        ClientRoundTrip.Access.with(server.credentials().provider()));

    ClientRoundTrip.assertPushed(origin, pushed);
    assertTrue(server.gzipRequests() > 0, "JGit sent no gzip body; the inflating path went untested");
  }

  @Test
  void wrongToken_isRefused() {
    ClientRoundTrip.seeded(repos, "wrong-token");

    TransportException refused = assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
        server.url("wrong-token"),
        ClientRoundTrip.Access.with(server.credentials().withWrongToken().provider())));

    assertTrue(refused.getMessage().contains("not authorized"), refused.getMessage());
    assertFalse(refused.getMessage().contains(server.credentials().token()), "token leaked into the message");
  }

  @Test
  void requestWithoutCredentials_getsA401Challenge() throws Exception {
    ClientRoundTrip.seeded(repos, "anonymous");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(server.url("anonymous") + "/info/refs?service=git-upload-pack"))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(401, response.statusCode());
    assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
        response.headers().map().toString());
  }

  @Test
  void gzipRequestBody_isInflatedForHttpBackend() throws Exception {
    BareRepo origin = ClientRoundTrip.seeded(repos, "gzip");
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
      gzip.write("0014command=ls-refs\n0000".getBytes(UTF_8));
    }
    String basic = Base64.getEncoder().encodeToString(
        (server.credentials().user() + ":" + server.credentials().token()).getBytes(UTF_8));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url("gzip") + "/git-upload-pack"))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-git-upload-pack-request")
        .header("Content-Encoding", "gzip")
        .header("Git-Protocol", "version=2")
        .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode(), server.log());
    assertEquals("application/x-git-upload-pack-result", response.headers().firstValue("Content-Type").orElse(""));
    assertTrue(response.body().contains(origin.head("main").orElseThrow().name() + " refs/heads/main"), response.body());
  }

  @Test
  void unknownRepository_is404() {
    TransportException missing = assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
        server.url("missing"), ClientRoundTrip.Access.with(server.credentials().provider())));

    assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
  }
}
