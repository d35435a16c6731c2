package dev.driftless.bench.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.bench.report.Goal;
import dev.driftless.bench.report.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginTaskReportTest {

  @TempDir
  Path dir;

  @Test
  void aFragment_becomesTheSection_withItsGoals() throws Exception {
    Path fragment = Files.writeString(dir.resolve("plugin-task.md"), """
        title\t6. The plugin's tasks inside Kestra: no-op sync of 1,000 flows
        goal\t6. Plugin task\tno-op SyncFlows: at most 5 Kestra requests\t4\tmet
        goal\t6. Plugin task\tno-op NamespaceSync in at most 1 s\t1,156 ms\tnot met
        ---
        Some text.

        | run | requests |
        |---|---|
        | SyncFlows task | 4 |
        """);

    Section section = PluginTaskReport.section(Optional.of(fragment));

    assertEquals("6. The plugin's tasks inside Kestra: no-op sync of 1,000 flows", section.title());
    assertEquals(2, section.goals().size());
    assertEquals(Goal.Status.MET, section.goals().get(0).status());
    assertEquals("4", section.goals().get(0).measured());
    assertEquals(Goal.Status.NOT_MET, section.goals().get(1).status());
    assertTrue(section.markdown().contains("| SyncFlows task | 4 |"), section.markdown());
  }

  @Test
  void noFragment_saysNotMeasured_andWhy() throws Exception {
    Section none = PluginTaskReport.section(Optional.empty());
    Section missing = PluginTaskReport.section(Optional.of(dir.resolve("absent.md")));

    assertTrue(none.markdown().contains("JDK 21"), none.markdown());
    assertTrue(missing.markdown().contains("absent.md"), missing.markdown());
    assertTrue(none.goals().stream().allMatch(g -> g.status() == Goal.Status.NOT_MEASURED));
  }

  @Test
  void aMalformedFragment_isRefusedNamingTheFile() throws Exception {
    Path fragment = Files.writeString(dir.resolve("bad.md"), "title\tx\ngoal\tonly three\tfields\n---\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PluginTaskReport.section(Optional.of(fragment)));

    assertTrue(e.getMessage().contains("bad.md"), e.getMessage());
  }
}
