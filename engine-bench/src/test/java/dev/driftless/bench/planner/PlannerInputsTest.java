package dev.driftless.bench.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.core.plan.Planner;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Summary;
import org.junit.jupiter.api.Test;

class PlannerInputsTest {

  @Test
  void plan_createsUpdatesAndDeletesOnePercentEach() {
    PlannerInputs inputs = PlannerInputs.of(1_000);

    Plan plan = Planner.plan(inputs.git(), inputs.kestra(), inputs.policy());

    Summary summary = plan.summary();
    assertEquals(10, summary.create());
    assertEquals(10, summary.update());
    assertEquals(10, summary.delete());
    assertEquals(980, summary.noOp());
    assertEquals(true, plan.isApplyable());
  }
}
