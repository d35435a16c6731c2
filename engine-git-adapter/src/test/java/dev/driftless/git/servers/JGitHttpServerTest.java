package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.TransportHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JGitHttpServerTest {

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OverHttp {

    Repos repos;
    JGitHttpServer server;

    @BeforeAll
    void start(@TempDir Path shared) {
      repos = Repos.in(shared.resolve("served"));
      server = JGitHttpServer.http(repos.dir());
    }

    @AfterAll
    void stop() {
      server.close();
    }

    @Test
    void jgitClient_clonesAndPushes_withUserAndToken(@TempDir Path dir) throws Exception {
      BareRepo origin = ClientRoundTrip.seeded(repos, "round-trip");

      ObjectId pushed = ClientRoundTrip.cloneCommitPush(server.url("round-trip"), dir,
          ClientRoundTrip.Access.with(server.credentials().provider()));

      ClientRoundTrip.assertPushed(origin, pushed);
      assertEquals(Optional.empty(), server.caCertificatePem());
    }

    @Test
    void wrongToken_isRefused() {
      ClientRoundTrip.seeded(repos, "wrong-token");

      TransportException refused = assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
          server.url("wrong-token"),
          ClientRoundTrip.Access.with(server.credentials().withWrongToken().provider())));

      assertTrue(refused.getMessage().contains("not authorized"), refused.getMessage());
    }

    @Test
    void noCredentials_isRefused() {
      ClientRoundTrip.seeded(repos, "anonymous");

      TransportException refused = assertThrows(TransportException.class,
          () -> ClientRoundTrip.lsRemote(server.url("anonymous"), ClientRoundTrip.Access.anonymous()));

      assertTrue(refused.getMessage().contains("Authentication is required"), refused.getMessage());
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OverHttps {

    Repos repos;
    JGitHttpServer server;

    @BeforeAll
    void start(@TempDir Path shared) {
      repos = Repos.in(shared.resolve("served"));
      server = JGitHttpServer.https(repos.dir(), shared.resolve("tls"));
    }

    @AfterAll
    void stop() {
      server.close();
    }

    @Test
    void clientTrustingOnlyTheServersCa_clonesAndPushes(@TempDir Path dir) throws Exception {
      BareRepo origin = ClientRoundTrip.seeded(repos, "trusted");
      Path pem = server.caCertificatePem().orElseThrow();
      assertTrue(Files.readString(pem, US_ASCII).startsWith("-----BEGIN CERTIFICATE-----"));
      assertTrue(server.url("trusted").startsWith("https://127.0.0.1:"), server.url("trusted"));
      TransportConfigCallback trustPem = transport -> ((TransportHttp) transport)
          .setHttpConnectionFactory(PemTrustConnectionFactory.trusting(pem));

      ObjectId pushed = ClientRoundTrip.cloneCommitPush(server.url("trusted"), dir,
          ClientRoundTrip.Access.with(server.credentials().provider()).via(trustPem));

      ClientRoundTrip.assertPushed(origin, pushed);
    }

    @Test
    void clientWithoutTheCa_failsTheHandshake() {
      ClientRoundTrip.seeded(repos, "untrusted");

      TransportException refused = assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
          server.url("untrusted"), ClientRoundTrip.Access.with(server.credentials().provider())));

      assertTrue(causedBy(refused, SSLException.class), () -> "not a TLS failure: " + refused);
    }

    @Test
    void trustingTheCaOfOneConnection_leavesOtherConnectionsUntrusting() throws Exception {
      ClientRoundTrip.seeded(repos, "isolated");
      TransportConfigCallback trustPem = transport -> ((TransportHttp) transport)
          .setHttpConnectionFactory(PemTrustConnectionFactory.trusting(server.caCertificatePem().orElseThrow()));
      assertFalse(ClientRoundTrip.lsRemote(server.url("isolated"),
          ClientRoundTrip.Access.with(server.credentials().provider()).via(trustPem)).isEmpty());

      assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
          server.url("isolated"), ClientRoundTrip.Access.with(server.credentials().provider())));
    }
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
