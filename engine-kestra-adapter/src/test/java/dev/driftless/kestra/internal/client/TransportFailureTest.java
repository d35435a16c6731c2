package dev.driftless.kestra.internal.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import org.junit.jupiter.api.Test;

class TransportFailureTest {

  @Test
  void failuresWithoutAMessage_areDescribedInWords() {
    assertEquals("connection refused", KestraClient.describe(new ConnectException()));
    assertEquals("connection refused", KestraClient.describe(new IOException(new ConnectException())));
    assertEquals("the connection timed out", KestraClient.describe(new HttpConnectTimeoutException("")));
    assertEquals("Connection reset", KestraClient.describe(new IOException("Connection reset")));
  }
}
