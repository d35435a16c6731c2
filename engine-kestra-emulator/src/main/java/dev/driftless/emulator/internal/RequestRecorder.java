package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.RecordedRequest;
import dev.driftless.emulator.RequestLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link RequestLog} of one emulator. */
public final class RequestRecorder implements RequestLog {

  private final List<RecordedRequest> entries = new ArrayList<>();

  public synchronized void record(String method, String path, String query, int status, String route,
      com.sun.net.httpserver.Headers headers) {
    entries.add(new RecordedRequest(entries.size() + 1L, method, path, query, status, route,
        java.util.Optional.ofNullable(headers.getFirst("Accept")).orElse(""),
        java.util.Optional.ofNullable(headers.getFirst("Content-Type")).orElse("")));
  }

  @Override
  public synchronized List<RecordedRequest> all() {
    return List.copyOf(entries);
  }

  @Override
  public synchronized int size() {
    return entries.size();
  }

  @Override
  public synchronized long count(String method, String pathGlob) {
    return entries.stream()
        .filter(e -> "*".equals(method) || e.method().equalsIgnoreCase(method))
        .filter(e -> Fault.globMatches(pathGlob, e.path()))
        .count();
  }

  @Override
  public synchronized Map<String, Long> countsByRoute() {
    Map<String, Long> counts = new LinkedHashMap<>();
    entries.forEach(e -> counts.merge(e.route(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized void clear() {
    entries.clear();
  }

  /** The log as served by {@code GET /_emulator/requests}. */
  public synchronized ArrayNode toJson() {
    ArrayNode out = Json.array();
    for (RecordedRequest e : entries) {
      out.addObject()
          .put("sequence", e.sequence())
          .put("method", e.method())
          .put("path", e.path())
          .put("query", e.query())
          .put("status", e.status())
          .put("route", e.route())
          .put("accept", e.accept())
          .put("contentType", e.contentType());
    }
    return out;
  }
}
