package dev.driftless.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Reason;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.Side;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplyResultTest {

  private static final Instant T0 = Instant.EPOCH;

  @Test
  void result_findsEachChangeOfAManyChangeRun_byItsChangeAndByItsKey() {
    List<ChangeResult> results = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Change change = create(ResourceKey.flow("dev", "flow" + i));
      results.add(i % 3 == 0 ? ChangeResult.of(change, Outcome.STALE, "changed behind the plan")
          : ChangeResult.applied(change, Optional.of("v" + i)));
    }
    ApplyResult applied = result(results);
    for (ChangeResult expected : results) {
      assertEquals(Optional.of(expected), applied.result(expected.change()));
      assertEquals(Optional.of(expected), applied.result(expected.change().key()));
    }
  }

  @Test
  void result_findsAChangeByItsKey_evenFromAnotherEqualKeyedChange() {
    Change planned = create(ResourceKey.namespaceFile("dev", "scripts/a.py"));
    ChangeResult outcome = ChangeResult.applied(planned, Optional.empty());
    Change replanned = new Change(planned.key(), planned.sourceKey(), Side.KESTRA, Action.UPDATE, Reason.CONTENT_CHANGED,
        Optional.of(fingerprint("old")), Optional.of(fingerprint("new")), List.of(), Optional.empty());
    assertEquals(Optional.of(outcome), result(List.of(outcome)).result(replanned));
  }

  @Test
  void result_isEmpty_forAKeyTheRunDidNotWrite() {
    ApplyResult applied = result(List.of(ChangeResult.applied(create(ResourceKey.flow("dev", "a")), Optional.empty())));
    assertEquals(Optional.empty(), applied.result(ResourceKey.flow("dev", "b")));
    assertEquals(Optional.empty(), applied.result(create(ResourceKey.flow("prod", "a"))));
    assertEquals(Optional.empty(), result(List.of()).result(ResourceKey.dashboard("overview")));
  }

  @Test
  void equality_dependsOnTheResultsOnly_notOnTheIndex() {
    ChangeResult a = ChangeResult.applied(create(ResourceKey.flow("dev", "a")), Optional.empty());
    ChangeResult b = ChangeResult.applied(create(ResourceKey.flow("dev", "b")), Optional.empty());
    assertEquals(result(List.of(a, b)), result(List.of(a, b)));
    assertEquals(result(List.of(a, b)).hashCode(), result(List.of(a, b)).hashCode());
    assertNotEquals(result(List.of(a, b)), result(List.of(b, a)));
    assertEquals(List.of(a, b), result(List.of(a, b)).results());
  }

  private static ApplyResult result(List<ChangeResult> results) {
    return new ApplyResult("plan-1", results, Map.of(), List.of(), T0, T0);
  }

  private static Change create(ResourceKey key) {
    return new Change(key, key, Side.KESTRA, Action.CREATE, Reason.MISSING_IN_TARGET, Optional.empty(),
        Optional.of(fingerprint(key.name())), List.of(), Optional.empty());
  }

  private static Fingerprint fingerprint(String text) {
    return Fingerprint.of(text.getBytes(StandardCharsets.UTF_8));
  }
}
