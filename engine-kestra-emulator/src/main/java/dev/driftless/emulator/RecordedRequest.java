package dev.driftless.emulator;

import java.util.Objects;

/**
 * One request the emulator answered (or dropped), as the {@link RequestLog} keeps it.
 *
 * @param sequence the request's position in the log, from 1, in the order answers were decided
 * @param method   the HTTP method, upper case
 * @param path     the decoded request path, without the query
 * @param query    the raw query string, empty when there is none
 * @param status   the HTTP status sent, or {@code 0} when the connection was dropped without an answer
 * @param route    the matched route as {@code METHOD template}, for example
 *                 {@code GET /api/v1/{tenant}/flows/{namespace}/{id}}; {@code METHOD <none>} when no
 *                 route matched
 * @param accept   the {@code Accept} header as sent, empty when there was none
 * @param contentType the {@code Content-Type} header as sent, empty when there was none
 */
public record RecordedRequest(long sequence, String method, String path, String query, int status, String route,
    String accept, String contentType) {

  public RecordedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(accept, "accept");
    Objects.requireNonNull(contentType, "contentType");
  }

  /** The path with its query, as the client sent it (the query still encoded). */
  public String target() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** Whether the emulator closed the connection without answering (an injected fault). */
  public boolean dropped() {
    return status == 0;
  }
}
