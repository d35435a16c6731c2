package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.policy.Guards;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mass-deletion guard from the command line: a plan (or a dry run) that only the guard holds
 * back is a plan made (exit 0, the warning, the BLOCKED rows and the id), applying it fails and
 * writes nothing, and the guard's flags change it, each refused in words when wrong.
 */
@Timeout(60)
class MassDeleteGuardFlagsTest {

  @TempDir
  Path dir;

  Sides sides;

  /** Git holds no flow of dev (a wrong directory's look); Kestra holds three. */
  @BeforeEach
  void start() {
    sides = Sides.start(dir);
    sides.commit().add("dev/files/readme.txt", "no flows here\n").push();
    for (String id : List.of("a", "b", "c")) {
      sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", id, "in Kestra"));
    }
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  private String[] command(String name, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(sides.command(name, "--kinds", "flow")));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void plan_ofAHeldPlan_exits0_withTheWarning_theBlockedRows_andThePlanId() {
    Cli.Result plan = sides.cli(command("plan")).assertExit(0);

    String id = approvalId(plan.out());
    assertTrue(plan.out().contains("! flow dev/a"), plan.out());
    assertTrue(plan.out().contains("held back by the mass-deletion guard"), plan.out());
    assertTrue(plan.out().contains("3 blocked"), plan.out());
    assertTrue(plan.err().contains("Warning: the mass-deletion guard holds back 3 deletions (BLOCKED): applying plan "
        + id + " fails"), plan.err());
    sides.cli(command("plan", "--detailed-exitcode")).assertExit(2);
  }

  @Test
  void apply_ofAHeldPlan_exits1_andWritesNothing() {
    sides.cli(command("apply", "--auto-approve")).assertExit(1);

    assertEquals(3, sides.state().flows(Sides.TENANT).size());
  }

  @Test
  void allowDeletes_letsThatManyThrough_andHoldsMore() {
    sides.cli(command("apply", "--auto-approve", "--allow-deletes", "2")).assertExit(1);
    assertEquals(3, sides.state().flows(Sides.TENANT).size());

    sides.cli(command("apply", "--auto-approve", "--allow-deletes", "3")).assertExit(0);
    assertEquals(List.of(), sides.state().flows(Sides.TENANT));
  }

  @Test
  void noDeleteGuard_letsItThrough() {
    sides.cli(command("apply", "--auto-approve", "--no-delete-guard")).assertExit(0);

    assertEquals(List.of(), sides.state().flows(Sides.TENANT));
  }

  @Test
  void badGuardFlags_areRefusedInWords_namingTheFlag() {
    sides.cli(command("plan", "--max-delete-share", "130%")).assertOneErrorLine(
        "driftless: --max-delete-share must be a share from 0% to 100% (0 to 1), got '130%'");
    sides.cli(command("plan", "--max-delete-share", "a third")).assertOneErrorLine(
        "driftless: --max-delete-share must be a share such as 30% or 0.3, got 'a third'");
    sides.cli(command("plan", "--allow-deletes", "-1")).assertOneErrorLine(
        "driftless: --allow-deletes must be 0 or more, got -1");
    sides.cli(command("plan", "--delete-guard-min-population", "-2")).assertOneErrorLine(
        "driftless: --delete-guard-min-population must be 0 or more, got -2");
    sides.cli(command("plan", "--no-delete-guard", "--allow-deletes", "2")).assertOneErrorLine(
        "driftless: --no-delete-guard turns the guard off: give it without --max-delete-share, "
            + "--delete-guard-min-population or --allow-deletes");
    Cli.Result notANumber = sides.cli(command("plan", "--allow-deletes", "many"));
    assertEquals(1, notANumber.exit(), notANumber.err());
    assertTrue(notANumber.err().contains("--allow-deletes"), notANumber.err());
  }

  @Test
  void theFlags_changeOnlyTheirSetting() {
    GuardOptions flags = new GuardOptions();
    flags.maxDeleteShare = "0.5";
    assertEquals(Guards.defaults().withMaxDeleteShare(0.5), flags.applyTo(Guards.defaults()));
    flags.minPopulation = 2;
    flags.allowDeletes = 4;
    assertEquals(Guards.defaults().withMaxDeleteShare(0.5).withMinPopulation(2).withAllowedDeletes(4),
        flags.applyTo(Guards.defaults()));
    GuardOptions off = new GuardOptions();
    off.noGuard = true;
    assertEquals(Guards.none(), off.applyTo(Guards.defaults()));
  }

  @Test
  void run_dryRunOfAHeldTask_exits0_withBlockedRows_andARealRunExits1() throws Exception {
    Path task = dir.resolve("task.yaml");
    Files.writeString(task, """
        id: sync
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        username: %s
        password: "{{ secret('GIT_PASSWORD') }}"
        targetNamespace: dev
        gitDirectory: dev/files
        delete: true
        kestraUrl: %s
        """.formatted(sides.gitUrl(), sides.git.credentials().user(), sides.kestraUrl()), StandardCharsets.UTF_8);

    // The plugin's rows have no state for a held deletion; Driftless's detailed rows show it.
    Cli.Result dry = sides.cli("run", task.toString(), "--dry-run", "--row-detail", "DETAILED").assertExit(0);
    assertTrue(dry.out().contains("BLOCKED"), dry.out());
    String id = approvalId(dry.out());
    assertTrue(dry.err().contains("Warning: The mass-deletion guard holds back 3 deletions"), dry.err());
    assertTrue(dry.err().contains("a real run of plan " + id + " fails"), dry.err());

    sides.cli("run", task.toString()).assertExit(1);
    assertEquals(3, sides.state().flows(Sides.TENANT).size(), "a real run writes nothing of what is held");

    sides.cli("run", task.toString(), "--allow-deletes", "3").assertExit(0);
    assertEquals(List.of(), sides.state().flows(Sides.TENANT));
  }

  private static String approvalId(String planText) {
    Matcher m = Pattern.compile("--approve ([0-9a-f]{16})").matcher(planText);
    assertTrue(m.find(), () -> "the guard names the plan id to approve\n" + planText);
    return m.group(1);
  }
}
