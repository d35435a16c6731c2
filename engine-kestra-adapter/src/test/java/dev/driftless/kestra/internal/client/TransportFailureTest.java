package dev.driftless.kestra.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.kestra.KestraAuth;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.port.SideUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TransportFailureTest {

  private static final String REFUSED = "connection refused (is the server running, and is the url right?)";

  @Test
  void failuresWithoutAMessage_areDescribedInWords() {
    assertEquals(REFUSED, KestraClient.describe(new ConnectException()));
    assertEquals(REFUSED, KestraClient.describe(new IOException(new ConnectException())));
    assertEquals(REFUSED, KestraClient.describe(new ConnectException(null) {
      @Override
      public synchronized Throwable getCause() {
        return new ClosedChannelException();
      }
    }));
    assertEquals("the connection was closed (refused or dropped: is the server running, and is the url right?)",
        KestraClient.describe(new IOException(new ClosedChannelException())),
        "what the JDK's client may throw when nothing listens: never the exception's name");
    assertEquals("the connection timed out", KestraClient.describe(new HttpConnectTimeoutException("")));
    assertEquals("Connection reset", KestraClient.describe(new IOException("Connection reset")));
    assertEquals("the connection failed", KestraClient.describe(new IOException()));
  }

  @Test
  @Timeout(30)
  void aServerThatIsNotThere_isConnectionRefused_inWords() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    KestraSettings settings = KestraSettings.builder().url("http://127.0.0.1:" + port).auth(KestraAuth.none())
        .connectTimeout(Duration.ofSeconds(2)).maxAttempts(1).build();
    try (KestraClient client = KestraClient.connect(settings)) {
      SideUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(SideUnavailableException.class,
          () -> client.send(ApiCall.of(Operation.CONFIGS, "/api/v1/configs")));
      assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
  }
}
