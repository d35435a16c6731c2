package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.core.render.PlanText;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Policy;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No password or token, nor the header that carries them, ever shows in a message, an exception (or
 * its causes), a diagnostic, a plan, a result or a {@code toString()}: every text the adapter makes
 * in good and bad runs is collected and searched.
 */
@Timeout(60)
class SecretsTest {

  private static final Scope SCOPE = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE,
      ResourceKind.DASHBOARD, ResourceKind.APP, ResourceKind.TEST));

  private final List<String> texts = new ArrayList<>();

  @Test
  void noSecretShows_anywhere() {
    for (Emulators.Server server : List.of(Emulators.Server.LEGACY_0_20, Emulators.Server.OSS_1_3,
        Emulators.Server.OSS_2_0, Emulators.Server.EE_2_0)) {
      try (KestraEmulator emulator = server.start()) {
        KestraSettings good = Emulators.settings(emulator, server.auth()).allowMissingNamespaces(true).maxAttempts(2).build();
        collect(good);
        collect(good.auth());
        collectFailure(() -> readWith(good.withAuth(KestraAuth.basic(Emulators.USER, "Wrong" + Emulators.PASSWORD))));
        collectFailure(() -> readWith(good.withAuth(KestraAuth.apiToken("Wrong" + Emulators.TOKEN))));
        try (KestraSide side = KestraSide.open(good)) {
          collect(side);
          collect(side.server().describe());
          emulator.state().putFlowSource("main", "id: broken\nnamespace: dev\ntasks: [\n");
          Snapshot snapshot = side.reader().read(SCOPE);
          collect(snapshot);
          snapshot.entries().forEach(this::collect);
          snapshot.diagnostics().forEach(d -> collect(d.render()));

          InMemorySide git = InMemorySide.git()
              .put(Flows.flow("dev", "ok").resource())
              .put(ResourceKey.flow("dev", "bad"), "id: bad\nnamespace: dev\ntasks: []\n");
          Plan plan = Planner.plan(git.read(snapshot.scope()), snapshot, Policy.builder().sourceOfTruth(Side.GIT).build());
          collect(PlanText.render(plan));
          ApplyResult refused = Applier.to(side.writer()).apply(plan);
          collect(refused);
          refused.results().forEach(r -> collect(r.cause().orElse("")));

          emulator.faults().add(Fault.unavailable(1.0).on("GET", "/**"));
          collectFailure(() -> side.reader().read(SCOPE));
          emulator.faults().clear();
          emulator.faults().add(Fault.dropConnection(1.0).on("*", "/**"));
          collectFailure(() -> side.reader().read(SCOPE));
          ApplyResult dropped = Applier.to(side.writer()).apply(Planner.plan(InMemorySide.git()
              .put(Flows.flow("dev", "ok").resource()).read(snapshot.scope()), snapshot,
              Policy.builder().sourceOfTruth(Side.GIT).build()));
          collect(dropped);
          emulator.faults().clear();
        }
      }
    }
    collectFailure(() -> KestraSettings.builder().url("http://admin:" + Emulators.PASSWORD + "@host").build());

    String basic = Base64.getEncoder().encodeToString((Emulators.USER + ":" + Emulators.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    assertTrue(texts.size() > 30, "too little was collected: " + texts.size());
    for (String text : texts) {
      for (String secret : List.of(Emulators.PASSWORD, Emulators.TOKEN, basic, "Authorization")) {
        assertTrue(!text.contains(secret), () -> "a secret shows in: " + text);
      }
    }
  }

  private void readWith(KestraSettings settings) {
    try (KestraSide side = KestraSide.open(settings)) {
      collect(side.reader().read(SCOPE));
    }
  }

  private void collect(Object value) {
    texts.add(String.valueOf(value));
  }

  private void collectFailure(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        texts.add(String.valueOf(t));
        if (t instanceof KestraApiException api) {
          texts.add(api.error().describe());
        }
      }
    }
  }
}
