package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;

/**
 * Drains a child process's stream on a daemon thread (so the child never blocks on a full pipe)
 * and keeps the last {@value #LIMIT} bytes for failure messages.
 */
final class StreamCapture {

  static final int LIMIT = 64 * 1024;

  private final StringBuilder text = new StringBuilder();
  private final Thread thread;

  private StreamCapture(InputStream in, String name) {
    thread = new Thread(() -> drain(in), name);
    thread.setDaemon(true);
    thread.start();
  }

  static StreamCapture of(InputStream in, String name) {
    return new StreamCapture(in, name);
  }

  /** What was read so far (the tail, if it grew past the limit). */
  synchronized String text() {
    return text.toString();
  }

  /** Waits briefly for the stream's end, so that {@link #text()} is complete after an exit. */
  void awaitEnd() {
    try {
      thread.join(Loopback.STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain(InputStream in) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        append(new String(buffer, 0, n, UTF_8));
      }
    } catch (IOException closed) {
      // the process ended or was killed; what was read stays
    }
  }

  private synchronized void append(String chunk) {
    text.append(chunk);
    if (text.length() > LIMIT) {
      text.delete(0, text.length() - LIMIT);
    }
  }
}
