package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.resource.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One size limit for both sides, set by one option: a file over it is blocked when planning, on
 * whichever side it is, and never written to the other side, where it could then never be read
 * back.
 */
@Timeout(120)
class SizeLimitTest {

  private static final ResourceKey BIG = ResourceKey.namespaceFile("dev", "data/big.csv");

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

  private String[] command(String command, String sourceOfTruth, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(),
        "--namespace", "dev", "--kinds", "namespace-file", "--source-of-truth", sourceOfTruth));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private Plan plan(String sourceOfTruth, String... more) {
    Path file = dir.resolve("plan-" + System.nanoTime() + ".json");
    List<String> args = new ArrayList<>(List.of(more));
    args.addAll(List.of("--out", file.toString()));
    sides.cli(command("plan", sourceOfTruth, args.toArray(String[]::new))).assertExit(0);
    return PlanFiles.read(file);
  }

  private static Change change(Plan plan, ResourceKey key) {
    return plan.change(key).orElseThrow(() -> new AssertionError("no change for " + key + " in " + plan.changes()));
  }

  @Test
  void aFileOverTheLimit_inKestra_isBlocked_andNeverWrittenToGit() {
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "data/big.csv", new byte[2048]);
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "small.txt", "hi".getBytes(StandardCharsets.UTF_8));

    Plan plan = plan("kestra", "--max-file-size", "1KiB");
    assertEquals(Action.BLOCKED, change(plan, BIG).action());
    assertEquals(Action.CREATE, change(plan, ResourceKey.namespaceFile("dev", "small.txt")).action());

    Cli.Result applied = sides.cli(command("apply", "kestra", "--max-file-size", "1KiB", "--auto-approve"));
    applied.assertExit(0);
    assertTrue(applied.out().contains("larger than the size limit of 1024 bytes"), applied.out());
    assertEquals(Optional.empty(), sides.repo.file("main", "dev/files/data/big.csv"));
    assertEquals(Optional.of("hi"), sides.repo.file("main", "dev/files/small.txt"));
    assertEquals(Action.BLOCKED, change(plan("kestra", "--max-file-size", "1KiB"), BIG).action(),
        "the same on every run: nothing was half-synced");
  }

  @Test
  void aFileOverTheLimit_inGit_isBlocked_andNeverWrittenToKestra() {
    sides.commit().add("dev/files/data/big.csv", new byte[2048]).add("dev/files/small.txt", "hi").push();

    Plan plan = plan("git", "--max-file-size", "1KiB");
    assertEquals(Action.BLOCKED, change(plan, BIG).action());

    sides.cli(command("apply", "git", "--max-file-size", "1KiB", "--auto-approve")).assertExit(0);
    assertEquals(Optional.empty(), sides.state().namespaceFile(Sides.TENANT, "dev", "data/big.csv"));
    assertTrue(sides.state().namespaceFile(Sides.TENANT, "dev", "small.txt").isPresent());
  }

  @Test
  void aFileJustOverTheDefaultLimit_inKestra_isBlocked_notWrittenToGit() {
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "data/big.csv", new byte[10 * 1024 * 1024 + 1]);

    sides.cli(command("apply", "kestra", "--auto-approve")).assertExit(0);

    assertTrue(sides.repo.head("main").isEmpty() || sides.repo.file("main", "dev/files/data/big.csv").isEmpty(),
        "Git refuses to read files over 10 MiB: one written there would fail every later run");
    assertEquals(Action.BLOCKED, change(plan("kestra"), BIG).action());
  }

  @Test
  void aSavedPlan_keepsItsLimit_whenApplied() {
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "data/big.csv", new byte[2048]);
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "small.txt", "hi".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("plan.json");
    sides.cli(command("plan", "kestra", "--max-file-size", "1KiB", "--out", file.toString())).assertExit(0);

    sides.cli("apply", file.toString()).assertExit(0);

    assertEquals(Optional.empty(), sides.repo.file("main", "dev/files/data/big.csv"));
    assertEquals(Optional.of("hi"), sides.repo.file("main", "dev/files/small.txt"));
  }

  @Test
  void aSavedPlan_withALimitAboveTheDefault_appliesWhatItShows() {
    byte[] large = new byte[11 * 1024 * 1024];
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "data/big.csv", large);
    Path file = dir.resolve("plan.json");
    sides.cli(command("plan", "kestra", "--max-file-size", "12MiB", "--out", file.toString())).assertExit(0);
    assertEquals(Action.CREATE, change(PlanFiles.read(file), BIG).action());

    sides.cli("apply", file.toString()).assertExit(0);

    assertTrue(sides.repo.file("main", "dev/files/data/big.csv").isPresent(), "the file the plan showed was written");
  }

  @Test
  void maxFileSize_thatIsNoSize_isOneClearLine() {
    sides.cli(command("plan", "kestra", "--max-file-size", "10MB")).assertOneErrorLine("driftless plan: Invalid value for"
        + " option '--max-file-size': '10MB' is not a size: give bytes, or a number with KiB, MiB or GiB, such as 10MiB");
  }
}
