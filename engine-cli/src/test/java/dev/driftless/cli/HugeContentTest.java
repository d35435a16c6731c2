package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} ends on contents that are huge but within the size limit, with or without
 * {@code --no-diff}: a flow past the YAML limits is invalid, a change past the diff limits keeps
 * its action and says why its diff is not shown. The deadlines only prove that each run ends.
 */
class HugeContentTest {

  private static final Duration ENDS_WITHIN = Duration.ofSeconds(120);

  @TempDir
  Path dir;

  Sides sides;

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  private static String lines(int count, String prefix) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(prefix).append(i).append('\n');
    }
    return out.toString();
  }

  private Cli.Result run(String... args) {
    return assertTimeoutPreemptively(ENDS_WITHIN, () -> sides.cli(args));
  }

  @Test
  void plan_ofA60000LineChange_ends_withOrWithoutDiffs() {
    sides.commit().add("dev/files/big.csv", lines(60_000, "b,")).push();
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "big.csv", lines(60_000, "a,").getBytes(StandardCharsets.UTF_8));

    Cli.Result quiet = run(sides.command("plan", "--no-diff")).assertExit(0);
    assertTrue(quiet.out().contains("~ namespace-file dev:/big.csv"), quiet.out());

    Cli.Result full = run(sides.command("plan")).assertExit(0);
    assertTrue(full.out().contains("diff not shown: at least 120,000 lines changed"), full.out());
  }

  @Test
  void plan_ofAFlowWith200000Keys_ends_andSaysItIsPastTheLimit() {
    StringBuilder flow = new StringBuilder(Sides.flow("dev", "big", "hi")).append("labels:\n");
    for (int i = 0; i < 200_000; i++) {
      flow.append("  k").append(i).append(": v").append(i).append('\n');
    }
    sides.commit().add("dev/flows/big.yaml", flow.toString()).push();

    Cli.Result result = run(sides.command("plan", "--no-diff")).assertExit(1);
    assertTrue(result.out().contains("has more than 100,000 keys and values; the limit for one YAML document is 100,000"),
        result.out());
  }
}
