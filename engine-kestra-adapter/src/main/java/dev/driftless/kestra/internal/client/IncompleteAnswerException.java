package dev.driftless.kestra.internal.client;

import java.io.IOException;

/**
 * An answer that arrived but is not whole or not what the call produces: a ZIP cut short, an HTML
 * page where a ZIP should be. Like a broken connection, it may pass (an idempotent call is tried
 * again); unlike one, it says what was wrong with what came. It is never read as a smaller answer.
 */
public final class IncompleteAnswerException extends IOException {

  public IncompleteAnswerException(String message) {
    super(message);
  }

  public IncompleteAnswerException(String message, Throwable cause) {
    super(message, cause);
  }
}
