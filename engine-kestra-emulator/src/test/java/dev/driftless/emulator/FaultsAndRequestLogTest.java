package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class FaultsAndRequestLogTest {

  private static KestraEmulator start() {
    return KestraEmulator.builder().version("1.3.0").start();
  }

  private static List<Integer> statuses(Http api, int times) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(api.get("/flows/search").status());
    }
    return out;
  }

  @Test
  void unavailableFaults_fireAtTheirRate_andReproduceWithTheSameSeed() {
    try (KestraEmulator kestra = start()) {
      Http api = Http.at(kestra.apiUrl());
      kestra.faults().seed(42).add(Fault.unavailable(0.5));
      List<Integer> first = statuses(api, 40);
      long failures = first.stream().filter(s -> s == 503).count();
      assertTrue(failures >= 8 && failures <= 32, "about half fail, got " + failures);
      assertTrue(first.stream().allMatch(s -> s == 200 || s == 503));

      kestra.faults().seed(42);
      assertEquals(first, statuses(api, 40), "same seed, same rules, same requests: same faults");

      kestra.faults().clear();
      assertTrue(statuses(api, 5).stream().allMatch(s -> s == 200));
    }
  }

  @Test
  void tooManyRequests_carriesRetryAfter() {
    try (KestraEmulator kestra = start()) {
      kestra.faults().add(Fault.tooManyRequests(1.0, Duration.ofMillis(1500)));
      Http.Res limited = Http.at(kestra.apiUrl()).get("/flows/search");
      assertEquals(429, limited.status());
      assertEquals("2", limited.header("Retry-After"));
    }
  }

  @Test
  void faults_areScopedByMethodAndPathGlob() {
    try (KestraEmulator kestra = start()) {
      kestra.faults().add(Fault.internalError(1.0).on("POST", "/api/v1/*/flows"));
      Http api = Http.at(kestra.apiUrl());
      assertEquals(500, api.postYaml("/flows", Http.flow("dev", "a")).status());
      assertEquals(200, api.get("/flows/search").status());
      assertEquals(404, api.putYaml("/flows/dev/a", Http.flow("dev", "a")).status());
    }
  }

  @Test
  void droppedConnection_isSeenByTheClientAsAnIOException() {
    try (KestraEmulator kestra = start()) {
      kestra.faults().add(Fault.dropConnection(1.0).on("POST", "/**"));
      Http api = Http.at(kestra.apiUrl());
      HttpRequest.Builder post = api.request("/flows").header("Content-Type", "application/x-yaml")
          .POST(HttpRequest.BodyPublishers.ofString(Http.flow("dev", "a")));
      assertThrows(IOException.class, () -> api.sendRaw(post));
      assertTrue(kestra.state().flows("main").isEmpty(), "the request was not handled");
      assertTrue(kestra.requests().all().get(0).dropped());
      assertEquals(200, api.get("/flows/search").status(), "other routes still answer");
    }
  }

  @Test
  void latency_delaysTheAnswer() {
    try (KestraEmulator kestra = start()) {
      kestra.faults().add(Fault.latency(Duration.ofMillis(300)).on("GET", "/api/v1/main/flows/**"));
      Http api = Http.at(kestra.apiUrl());
      long started = System.nanoTime();
      assertEquals(200, api.get("/flows/search").status());
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
    }
  }

  @Test
  void problemDetails_for500_carryATraceId() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("2.0.1").start()) {
      kestra.faults().add(Fault.internalError(1.0));
      JsonNode problem = Http.at(kestra.apiUrl()).get("/flows/search").json();
      assertTrue(problem.get("type").asText().endsWith("/problems/internal-error"));
      assertTrue(problem.hasNonNull("traceId"));
    }
  }

  @Test
  void requestLog_listsEveryRequestInOrder_overHttp_andResets() {
    try (KestraEmulator kestra = start()) {
      Http api = Http.at(kestra.apiUrl());
      api.postYaml("/flows", Http.flow("dev", "a"));
      api.get("/flows/dev/a?source=true");
      api.get("/flows/dev/missing");
      Http control = Http.at(kestra.url());

      JsonNode log = control.get("/_emulator/requests").json();
      assertEquals(3, log.size());
      assertEquals("POST", log.get(0).get("method").asText());
      assertEquals("/api/v1/main/flows", log.get(0).get("path").asText());
      assertEquals(200, log.get(0).get("status").asInt());
      assertEquals("source=true", log.get(1).get("query").asText());
      assertEquals(404, log.get(2).get("status").asInt());

      assertEquals(2, kestra.requests().count("GET", "/api/v1/main/flows/**"));
      assertEquals("/api/v1/main/flows/dev/a?source=true", kestra.requests().all().get(1).target());
      Map<String, Long> byRoute = kestra.requests().countsByRoute();
      assertEquals(2L, byRoute.get("GET /api/v1/{tenant}/flows/{namespace}/{id}"));
      assertEquals(1L, byRoute.get("POST /api/v1/{tenant}/flows"));

      assertEquals(204, control.delete("/_emulator/requests").status());
      assertEquals(0, control.get("/_emulator/requests").json().size());
      assertEquals(0, kestra.requests().size());
    }
  }

  @Test
  void concurrentRequests_areAllServedAndLogged() throws Exception {
    try (KestraEmulator kestra = start()) {
      kestra.faults().add(Fault.latency(Duration.ofMillis(50)));
      Http api = Http.at(kestra.apiUrl());
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
          String id = "f" + i;
          answers.add(clients.submit(() -> api.postYaml("/flows", Http.flow("dev", id)).status()));
        }
        for (Future<Integer> answer : answers) {
          assertEquals(200, answer.get());
        }
      } finally {
        clients.shutdownNow();
      }
      assertEquals(32, kestra.state().flows("main").size());
      assertEquals(32, kestra.requests().size());
    }
  }
}
