package dev.driftless.kestra.internal.client;

import dev.driftless.kestra.ApiError;
import dev.driftless.kestra.internal.wire.ErrorBodies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Kestra answered to a call, after any retries: the status, the headers, the body (whole, for
 * answers that are not streamed), how many attempts it took, and why retrying stopped early when
 * it did.
 */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body, int attempts,
    Optional<String> note) {

  public ApiResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(note, "note");
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header, matched without regard to case. */
  public Optional<String> header(String name) {
    return header(headers, name);
  }

  static Optional<String> header(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The answer decoded as an error, in whichever of Kestra's two formats it came. */
  public ApiError error() {
    return ErrorBodies.decode(status, header("Content-Type").orElse(""), body, header("X-Kestra-Edition"));
  }
}
