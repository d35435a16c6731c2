package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.presets.SyncTask;
import dev.driftless.presets.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Reconciler} driving SyncFlows against a real Git server and the emulator: on its
 * schedule, and when a webhook delivery that {@link WebhookVerifier} accepts pokes it (GitHub's
 * {@code X-Hub-Signature-256}, GitLab's {@code X-Gitlab-Token}). A delivery with a bad or missing
 * signature pokes nothing.
 */
@Timeout(60)
class ReconcilerWithPresetTest {

  private static final String SYNC = """
      type: io.kestra.plugin.git.SyncFlows
      targetNamespace: prod
      gitDirectory: flows
      """;
  private static final String WEBHOOK_SECRET = "whsec-8d1e4a";
  private static final byte[] PUSH_EVENT = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;
  PresetWorld world;
  SyncTask task;
  final BlockingQueue<Reconciler.Run<PresetResult>> runs = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
    world.commit().add("flows/flow1.yml", GuideFlows.flow("prod", "flow1", "first")).push();
    task = (SyncTask) world.task(SYNC);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private Reconciler<PresetResult> reconciler(Duration interval) {
    return Reconciler.every(interval, () -> world.run(task)).onRun(runs::add);
  }

  private Reconciler.Run<PresetResult> nextRun() throws InterruptedException {
    Reconciler.Run<PresetResult> run = runs.poll(20, TimeUnit.SECONDS);
    assertNotNull(run, "a run ended in time");
    return run;
  }

  private void commitFlow2() {
    world.commit().add("flows/flow2.yml", GuideFlows.flow("prod", "flow2", "second")).push();
  }

  @Test
  void aGithubDeliveryWithAValidSignature_pokesARun_thatSyncsTheNewCommit() throws Exception {
    WebhookVerifier github = WebhookVerifier.github(WEBHOOK_SECRET);
    try (Reconciler<PresetResult> reconciler = reconciler(Duration.ofHours(1));
        WebhookEndpoint endpoint = WebhookEndpoint.start(github, reconciler::poke)) {
      reconciler.start();
      Reconciler.Run<PresetResult> first = nextRun();
      assertEquals(Reconciler.Trigger.SCHEDULE, first.trigger());
      assertTrue(world.flow("prod", "flow1").isPresent());
      commitFlow2();

      int status = endpoint.deliver(Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256",
          github.githubSignature(PUSH_EVENT)), PUSH_EVENT);

      assertEquals(202, status);
      Reconciler.Run<PresetResult> poked = nextRun();
      assertEquals(Reconciler.Trigger.POKE, poked.trigger());
      assertEquals(2, poked.number());
      assertEquals("ADDED", row(poked.result().orElseThrow(), "flowId", "flow2").get("syncState"));
      assertTrue(world.flow("prod", "flow2").isPresent());
      assertEquals(poked, reconciler.last().orElseThrow(), "the last run is observable");
    }
  }

  @Test
  void aGithubDeliveryWithABadOrMissingSignature_pokesNothing() throws Exception {
    WebhookVerifier github = WebhookVerifier.github(WEBHOOK_SECRET);
    try (Reconciler<PresetResult> reconciler = reconciler(Duration.ofHours(1));
        WebhookEndpoint endpoint = WebhookEndpoint.start(github, reconciler::poke)) {
      commitFlow2();
      String forged = WebhookVerifier.github("guessed").githubSignature(PUSH_EVENT);

      assertEquals(401, endpoint.deliver(Map.of("X-Hub-Signature-256", forged), PUSH_EVENT));
      assertEquals(401, endpoint.deliver(Map.of("X-Hub-Signature-256", github.githubSignature(PUSH_EVENT)),
          "{\"ref\":\"refs/heads/evil\"}".getBytes(StandardCharsets.UTF_8)), "a signature of another body");
      assertEquals(401, endpoint.deliver(Map.of(), PUSH_EVENT));

      assertNull(runs.poll(500, TimeUnit.MILLISECONDS), "no run was poked");
      assertTrue(reconciler.last().isEmpty());
      assertTrue(world.kestra().flows(PresetWorld.TENANT).isEmpty());
    }
  }

  @Test
  void aGitlabDelivery_pokesOnlyWithTheRightToken() throws Exception {
    WebhookVerifier gitlab = WebhookVerifier.gitlab(WEBHOOK_SECRET);
    try (Reconciler<PresetResult> reconciler = reconciler(Duration.ofHours(1));
        WebhookEndpoint endpoint = WebhookEndpoint.start(gitlab, reconciler::poke)) {
      assertEquals(401, endpoint.deliver(Map.of("X-Gitlab-Token", "whsec-guess"), PUSH_EVENT));
      assertNull(runs.poll(300, TimeUnit.MILLISECONDS));

      assertEquals(202, endpoint.deliver(Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", WEBHOOK_SECRET),
          PUSH_EVENT));

      Reconciler.Run<PresetResult> poked = nextRun();
      assertEquals(Reconciler.Trigger.POKE, poked.trigger());
      assertTrue(poked.failure().isEmpty(), poked.failure()::toString);
      assertTrue(world.flow("prod", "flow1").isPresent());
    }
  }

  @Test
  void onItsSchedule_picksUpGitChanges_withoutAnyPoke() throws Exception {
    try (Reconciler<PresetResult> reconciler = reconciler(Duration.ofMillis(200))) {
      reconciler.start();
      assertTrue(nextRun().result().isPresent());
      commitFlow2();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Optional<PresetResult> synced = Optional.empty();
      while (synced.isEmpty() && System.nanoTime() < deadline) {
        Reconciler.Run<PresetResult> run = nextRun();
        assertEquals(Reconciler.Trigger.SCHEDULE, run.trigger());
        synced = run.result().filter(r -> r.rows().stream().anyMatch(row -> "flow2".equals(row.get("flowId"))));
      }
      assertEquals("ADDED", row(synced.orElseThrow(), "flowId", "flow2").get("syncState"));
      assertTrue(world.flow("prod", "flow2").isPresent());
    }
  }

  @Test
  void deliveriesDuringARun_coalesceIntoOneMoreRun() throws Exception {
    WebhookVerifier github = WebhookVerifier.github(WEBHOOK_SECRET);
    Map<String, String> signed = Map.of("X-Hub-Signature-256", github.githubSignature(PUSH_EVENT));
    CountDownLatch firstRunStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Reconciler<PresetResult> reconciler = Reconciler.<PresetResult>every(Duration.ofHours(1), () -> {
      firstRunStarted.countDown();
      assertTrue(release.await(20, TimeUnit.SECONDS));
      return world.run(task);
    }).onRun(runs::add);
        WebhookEndpoint endpoint = WebhookEndpoint.start(github, reconciler::poke)) {
      assertEquals(202, endpoint.deliver(signed, PUSH_EVENT));
      assertTrue(firstRunStarted.await(20, TimeUnit.SECONDS));
      assertTrue(reconciler.isRunning());

      for (int i = 0; i < 5; i++) {
        assertEquals(202, endpoint.deliver(signed, PUSH_EVENT));
      }
      release.countDown();

      assertEquals(1, nextRun().number());
      Reconciler.Run<PresetResult> second = nextRun();
      assertEquals(2, second.number());
      assertTrue(second.result().orElseThrow().isSuccess());
      assertNull(runs.poll(1, TimeUnit.SECONDS), "five deliveries during a run make one more run, not five");
      assertFalse(reconciler.isRunning());
    }
  }
}
