package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The limits on what is read from Kestra are set on the command line, and a bad value is one clear line. */
@Timeout(120)
class ReadLimitOptionsTest {

  @TempDir
  Path dir;

  Sides sides;

  @BeforeEach
  void start() {
    sides = Sides.start(dir);
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "a.txt", "a".getBytes(StandardCharsets.UTF_8));
    sides.state().putNamespaceFile(Sides.TENANT, "dev", "b.txt", "b".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  private String[] plan(String... more) {
    List<String> args = new ArrayList<>(List.of("plan", "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(),
        "--namespace", "dev", "--kinds", "namespace-file", "--source-of-truth", "kestra"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void maxExportEntries_belowWhatKestraHolds_failsTheRead_namingTheLimit() {
    sides.cli(plan("--max-export-entries", "2")).assertExit(0);
    Cli.Result refused = sides.cli(plan("--max-export-entries", "1")).assertExit(1).assertNoStackTrace();
    assertTrue(refused.err().contains("more than 1 entries") && refused.err().contains("maxExportEntries"),
        refused.toString());
  }

  @Test
  void maxExportBytes_belowWhatAnExportHolds_failsTheRead() {
    Cli.Result refused = sides.cli(plan("--max-export-bytes", "1")).assertExit(1).assertNoStackTrace();
    assertTrue(refused.err().contains("expands to more than 1 bytes"), refused.toString());
  }

  @Test
  void maxExportBytes_isOneTotalForTheRead_notOneForEachExport() {
    sides.state().putNamespaceFile(Sides.TENANT, "dev.team", "c.txt", "c".getBytes(StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of(plan("--children", "--max-export-bytes", "2")));
    Cli.Result refused = sides.cli(args.toArray(String[]::new)).assertExit(1).assertNoStackTrace();
    // The exports run side by side: which one crosses the total depends on which finished first.
    assertTrue(refused.err().matches("(?s).*together with the [12] bytes of the exports read before it.*"),
        refused.toString());
    sides.cli(plan("--children", "--max-export-bytes", "3")).assertExit(0);
  }

  @Test
  void readConcurrency_isTaken_theSamePlanWhateverItIs_andABadOneIsOneClearLine() {
    Cli.Result oneByOne = sides.cli(plan("--children", "--read-concurrency", "1")).assertExit(0);
    Cli.Result most = sides.cli(plan("--children", "--read-concurrency", "64")).assertExit(0);
    assertEquals(oneByOne.out(), most.out());
    sides.cli(plan("--read-concurrency", "0")).assertOneErrorLine("driftless: --read-concurrency must be between 1"
        + " and 64, got 0");
    sides.cli(plan("--read-concurrency", "65")).assertOneErrorLine("driftless: --read-concurrency must be between 1"
        + " and 64, got 65");
  }

  @Test
  void callDeadline_isTaken_andABadOneIsOneClearLine() {
    sides.cli(plan("--call-deadline", "30s")).assertExit(0);
    sides.cli(plan("--call-deadline", "soon")).assertOneErrorLine("driftless plan: Invalid value for option"
        + " '--call-deadline': 'soon' is not a duration: give a number with ms, s, m or h, such as 30s or 5m");
    sides.cli(plan("--max-export-entries", "0")).assertOneErrorLine("driftless: --max-export-entries must be"
        + " at least 1, got 0");
  }
}
