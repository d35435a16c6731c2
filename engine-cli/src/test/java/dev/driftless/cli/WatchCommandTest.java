package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.DiffRows;
import dev.driftless.presets.webhook.WebhookVerifier;
import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.hostile.Misbehaviour;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless watch flow.yaml} end to end, against the Kestra API emulator and a Git server:
 * a flow of one SyncFlows task, run on its Schedule trigger (the time fed through standard input,
 * so that no test waits for a minute to pass) and on webhook calls, one run at a time. Every run
 * ends with the watch stopped: an interrupt here, SIGTERM in {@link WatchCommandJarIT}; it exits 0
 * and its last line says so. No secret and no webhook key appears in its output.
 */
@Timeout(180)
class WatchCommandTest {

  static final String FLOW_A = Sides.flow("dev", "a", "from Git");
  static final String FLOW_B = Sides.flow("dev", "b", "from Git too");
  static final String SCHEDULE = """
        - id: every_minute
          type: io.kestra.plugin.core.trigger.Schedule
          cron: "* * * * *"
      """;
  static final String WEBHOOK = """
        - id: github
          type: io.kestra.plugin.core.trigger.Webhook
          key: "{{ secret('WEBHOOK_KEY') }}"
      """;
  static final String BODY = "{\"ref\":\"refs/heads/main\",\"commits\":[]}";

  @TempDir
  Path dir;

  Sides sides;
  final String webhookKey = "wk-" + Sides.random();
  private final List<Watching> started = new ArrayList<>();

  /** How the watch runs: in this process here, as the built jar in {@link WatchCommandJarIT}. */
  Watching start(Map<String, String> env, String... args) {
    return Watching.inProcess(env, args);
  }

  @BeforeEach
  void startSides() {
    sides = Sides.start(dir);
  }

  @AfterEach
  void stopSides() {
    started.forEach(Watching::close);
    sides.close();
  }

  @Test
  void aCronTick_triggersExactlyOneRun() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Watching watch = watch(flow(sides.kestraUrl(), SCHEDULE), "--ticks-from-stdin");
    watch.url();

    watch.tick("2030-01-01T00:00:30Z");
    watch.tick("2030-01-01T00:00:45Z");
    watch.tick("2030-01-01T00:01:00Z");
    assertEquals("run 1 | schedule every_minute | SyncFlows: 1 to create, 0 to update, 0 to delete, 0 kept,"
        + " 0 protected, 0 blocked, applied 1 change | success", watch.nextLine());
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));

    sides.commit().add("_flows/b.yml", FLOW_B).push();
    watch.tick("2030-01-01T00:01:20Z");
    watch.tick("2030-01-01T00:01:59Z");
    watch.tick("2030-01-01T00:02:00Z");
    assertEquals("run 2 | schedule every_minute | SyncFlows: 1 to create, 0 to update, 0 to delete, 0 kept,"
        + " 0 protected, 0 blocked, applied 1 change | success", watch.nextLine(),
        "the ticks between two fire times ran nothing: this is the second run");
    assertEquals(Optional.of(FLOW_B), sides.flowInKestra("dev", "b"));

    watch.tick("2030-01-01T00:05:30Z");
    assertTrue(watch.nextLine().startsWith("run 3 | schedule every_minute | SyncFlows: 0 to create"),
        "fire times missed by a jump of the clock make one run, not three");
    stopCleanly(watch, 3);
  }

  @Test
  void aSignedGitHubDelivery_triggersOneRun_andHealthAndLastReportIt() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Watching watch = watch(flow(sides.kestraUrl(), WEBHOOK));
    assertEquals(404, watch.get("/last").statusCode(), "no run yet");

    HttpResponse<String> delivered = watch.post("/webhook", signed(BODY), BODY);

    assertEquals(202, delivered.statusCode(), delivered.body());
    assertEquals(List.of(Map.of("run", "queued")), DiffRows.fromJsonLines(delivered.body()));
    String line = watch.nextLine();
    assertEquals("run 1 | webhook github | SyncFlows: 1 to create, 0 to update, 0 to delete, 0 kept, 0 protected,"
        + " 0 blocked, applied 1 change | success", line);
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));

    HttpResponse<String> health = watch.get("/health");
    assertEquals(200, health.statusCode());
    Map<String, Object> status = DiffRows.fromJsonLines(health.body()).get(0);
    assertEquals("up", status.get("status"));
    assertEquals(1, ((Number) status.get("runs")).intValue());
    assertEquals(false, status.get("running"));
    assertEquals("success", status.get("last_outcome"));
    assertEquals("webhook github", status.get("last_trigger"));

    HttpResponse<String> last = watch.get("/last");
    assertEquals(200, last.statusCode());
    assertTrue(last.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
    List<Map<String, Object>> lines = DiffRows.fromJsonLines(last.body());
    assertEquals(2, lines.size(), last.body());
    assertEquals(1, ((Number) lines.get(0).get("run")).intValue());
    assertEquals("success", lines.get(0).get("outcome"));
    assertEquals(1, ((Number) lines.get(0).get("rows")).intValue());
    assertTrue(lines.get(0).get("summary").toString().startsWith("SyncFlows: 1 to create"), last.body());
    assertTrue(lines.get(1).toString().contains("a"), "the task's row: " + lines.get(1));
    stopCleanly(watch, 1);
  }

  @Test
  void aFailedTask_endsTheRun_unlessItAllowsFailure_asDriftlessRunDoes() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Watching stops = watch(failingThenSyncing(""), "--ticks-from-stdin");
    stops.tick("2030-01-01T00:00:30Z");
    stops.tick("2030-01-01T00:01:00Z");
    String stopped = stops.nextLine();
    assertTrue(stopped.startsWith("run 1 | schedule every_minute | SyncFlows: failed: ") && stopped.contains("no_such_dir")
        && stopped.endsWith("; 1 task not run | failed"), stopped);
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"), "the task after the failed one did not run");
    stopCleanly(stops, 1);

    Watching goesOn = watch(failingThenSyncing("    allowFailure: true"), "--ticks-from-stdin");
    goesOn.tick("2030-01-01T00:00:30Z");
    goesOn.tick("2030-01-01T00:01:00Z");
    String went = goesOn.nextLine();
    assertTrue(went.startsWith("run 1 | schedule every_minute | SyncFlows: failed: ")
        && went.endsWith(" (allowFailure: true, the flow went on); SyncFlows: 1 to create, 0 to update, 0 to delete,"
        + " 0 kept, 0 protected, 0 blocked, applied 1 change | warning"), went);
    assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"), "the task after the failed one ran");
    assertEquals("warning", DiffRows.fromJsonLines(goesOn.get("/health").body()).get(0).get("last_outcome"));
    stopCleanly(goesOn, 1);
  }

  /** A flow whose first task fails (its Git directory does not exist), then one that syncs {@code _flows} to dev. */
  private Path failingThenSyncing(String allowFailure) {
    String connection = """
            url: %s
            username: %s
            password: "{{ secret('GIT_TOKEN') }}"
            kestraUrl: %s
            auth:
              username: %s
              password: "{{ secret('KESTRA_PASSWORD') }}"
        """.formatted(sides.gitUrl(), sides.git.credentials().user(), sides.kestraUrl(), Sides.KESTRA_USER);
    String yaml = """
        id: sync_from_git
        namespace: system
        tasks:
          - id: missing_directory
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
            gitDirectory: no_such_dir
        %s
        %s
          - id: flows
            type: io.kestra.plugin.git.SyncFlows
            targetNamespace: dev
        %s
        triggers:
        %s""".formatted(allowFailure, connection, connection, SCHEDULE);
    try {
      return Files.writeString(dir.resolve("failing.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aGitLabToken_andKestrasOwnWebhookUrl_eachTriggerOneRun() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Watching watch = watch(flow(sides.kestraUrl(), WEBHOOK));

    assertEquals(202, watch.post("/webhook", Map.of("X-Gitlab-Token", webhookKey), BODY).statusCode());
    assertTrue(watch.nextLine().startsWith("run 1 | webhook github | SyncFlows: 1 to create"));
    assertEquals(202, watch.post("/api/v1/main/executions/webhook/system/sync_from_git/" + webhookKey, Map.of(), BODY)
        .statusCode(), "Kestra's URL, as the seeds' GitHub settings call it");
    assertTrue(watch.nextLine().startsWith("run 2 | webhook github | SyncFlows: 0 to create"));
    assertEquals(202, watch.get("/api/v1/executions/webhook/system/sync_from_git/" + webhookKey).statusCode(),
        "Kestra's older URL, without a tenant, and a GET as Kestra takes");
    String third = watch.nextLine();
    assertTrue(third.startsWith("run 3 | webhook github | ") && third.endsWith(" | success"), third);
    stopCleanly(watch, 3);
  }

  @Test
  void aBadSignatureOrKey_isRefused_401or403_andTriggersNoRun() {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    Watching watch = watch(flow(sides.kestraUrl(), WEBHOOK));
    String otherKey = "not-" + webhookKey;
    String kestraUrl = "/api/v1/main/executions/webhook/system/sync_from_git/";

    assertEquals(401, watch.post("/webhook", Map.of(), BODY).statusCode(), "no signature");
    assertEquals(403, watch.post("/webhook", Map.of("X-Hub-Signature-256",
        WebhookVerifier.github(otherKey).githubSignature(bytes(BODY))), BODY).statusCode(), "signed with another key");
    assertEquals(403, watch.post("/webhook", signed("{}"), BODY).statusCode(), "signed for another body");
    assertEquals(403, watch.post("/webhook", Map.of("X-Gitlab-Token", otherKey), BODY).statusCode(), "a wrong token");
    assertEquals(403, watch.post(kestraUrl + otherKey, Map.of(), BODY).statusCode(), "a wrong key in Kestra's URL");
    assertEquals(404, watch.post("/api/v1/main/executions/webhook/system/another_flow/" + webhookKey, Map.of(), BODY)
        .statusCode(), "another flow");
    assertEquals(405, watch.get("/webhook").statusCode());
    HttpResponse<String> ping = watch.post("/webhook", Map.of("X-Hub-Signature-256",
        WebhookVerifier.github(webhookKey).githubSignature(bytes(BODY)), "X-GitHub-Event", "ping"), BODY);
    assertEquals(200, ping.statusCode(), "GitHub's ping when the webhook is set up: answered, and no run");

    Map<String, Object> health = DiffRows.fromJsonLines(watch.get("/health").body()).get(0);
    assertEquals(0, ((Number) health.get("runs")).intValue());
    assertEquals(false, health.get("running"));
    assertEquals(404, watch.get("/last").statusCode());
    assertTrue(watch.err().contains("refused a webhook call from 127.0.0.1: a bad X-Hub-Signature-256 signature;"
        + " no run"), watch.err());

    assertEquals(202, watch.post("/webhook", signed(BODY), BODY).statusCode());
    assertTrue(watch.nextLine().startsWith("run 1 | webhook github | SyncFlows: 1 to create"),
        "no run before the good one");
    stopCleanly(watch, 1);
    assertFalse(watch.toString().contains(webhookKey), "the key never appears in the output");
  }

  @Test
  void twoCallsDuringARun_coalesceIntoOneRunAfterIt() throws Exception {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (HostileProxy kestra = HostileProxy.before(sides.kestra.url())) {
      kestra.on("*", "/**", holdFirstCall(arrived, release));
      Watching watch = watch(flow(kestra.url().toString(), WEBHOOK));

      assertEquals(Map.of("run", "queued"), poke(watch));
      assertTrue(arrived.await(60, TimeUnit.SECONDS), "the first run reaches Kestra");
      assertEquals(true, DiffRows.fromJsonLines(watch.get("/health").body()).get(0).get("running"));
      assertEquals(Map.of("run", "queued"), poke(watch), "the first call during a run queues one more run");
      assertEquals("coalesced", poke(watch).get("run"), "the next ones join it");
      assertEquals("coalesced", poke(watch).get("run"));
      release.countDown();

      assertTrue(watch.nextLine().startsWith("run 1 | webhook github | SyncFlows: 1 to create"));
      assertTrue(watch.nextLine().startsWith("run 2 | webhook github | SyncFlows: 0 to create"));
      Map<String, Object> health = DiffRows.fromJsonLines(watch.get("/health").body()).get(0);
      assertEquals(2, ((Number) health.get("runs")).intValue());
      stopCleanly(watch, 2);
    } finally {
      release.countDown();
    }
  }

  @Test
  void stopping_duringARun_letsItFinish_thenExits0() throws Exception {
    sides.commit().add("_flows/a.yml", FLOW_A).push();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (HostileProxy kestra = HostileProxy.before(sides.kestra.url())) {
      kestra.on("*", "/**", holdFirstCall(arrived, release));
      Watching watch = watch(flow(kestra.url().toString(), WEBHOOK));
      assertEquals(Map.of("run", "queued"), poke(watch));
      assertTrue(arrived.await(60, TimeUnit.SECONDS), "the run reaches Kestra");

      watch.signal();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (watch.isListening() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(watch.isListening(), "stopping closes the server first");
      release.countDown();

      assertEquals(0, watch.awaitExit(), watch::toString);
      assertEquals("Stopped after 1 run.", watch.lastLine(), watch::toString);
      List<String> out = watch.out();
      assertTrue(out.get(out.size() - 2).startsWith("run 1 | webhook github | SyncFlows: 1 to create"),
          "the run in progress finished: " + out);
      assertEquals(Optional.of(FLOW_A), sides.flowInKestra("dev", "a"));
    } finally {
      release.countDown();
    }
  }

  /** Lets every call through but the first, which waits for {@code release}. */
  private static Misbehaviour holdFirstCall(CountDownLatch arrived, CountDownLatch release) {
    AtomicBoolean first = new AtomicBoolean(true);
    return (upstream, answer) -> {
      if (first.getAndSet(false)) {
        arrived.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("the test ended");
        }
      }
      Misbehaviour.real().answer(upstream, answer);
    };
  }

  private Map<String, Object> poke(Watching watch) {
    HttpResponse<String> response = watch.post("/webhook", signed(BODY), BODY);
    assertEquals(202, response.statusCode(), response.body());
    return DiffRows.fromJsonLines(response.body()).get(0);
  }

  private void stopCleanly(Watching watch, int runs) {
    assertEquals(0, watch.stop(), watch::toString);
    assertEquals("Stopped after " + runs + (runs == 1 ? " run." : " runs."), watch.lastLine(), watch::toString);
    for (String secret : secrets()) {
      assertFalse(watch.toString().contains(secret), "a secret in the output:\n" + watch);
    }
  }

  Watching watch(Path flow, String... options) {
    List<String> args = new ArrayList<>(List.of("watch", flow.toString(), "--listen", "127.0.0.1:0"));
    args.addAll(List.of(options));
    Watching watch = start(env(), args.toArray(String[]::new));
    started.add(watch);
    watch.url();
    return watch;
  }

  Map<String, String> signed(String body) {
    return Map.of("X-Hub-Signature-256", WebhookVerifier.github(webhookKey).githubSignature(bytes(body)),
        "X-GitHub-Event", "push");
  }

  /** A flow of one SyncFlows task from Git's {@code _flows} to namespace dev, with these triggers. */
  Path flow(String kestraUrl, String triggers) {
    String yaml = """
        id: sync_from_git
        namespace: system
        tasks:
          - id: git
            type: io.kestra.plugin.git.SyncFlows
            url: %s
            username: %s
            password: "{{ secret('GIT_TOKEN') }}"
            targetNamespace: dev
            kestraUrl: %s
            auth:
              username: %s
              password: "{{ secret('KESTRA_PASSWORD') }}"
        triggers:
        %s""".formatted(sides.gitUrl(), sides.git.credentials().user(), kestraUrl, Sides.KESTRA_USER, triggers);
    try {
      return Files.writeString(dir.resolve("flow.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> env() {
    return Map.of("SECRET_GIT_TOKEN", base64(sides.git.credentials().token()), "KESTRA_PASSWORD", sides.kestraPassword,
        "WEBHOOK_KEY", webhookKey);
  }

  List<String> secrets() {
    List<String> all = new ArrayList<>(sides.secrets());
    all.add(webhookKey);
    return all;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String base64(String value) {
    return Base64.getEncoder().encodeToString(bytes(value));
  }
}
