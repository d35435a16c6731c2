package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Execution;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ExecutionFilesTest {

  private static final Scope OUTPUTS = Scope.global(Set.of(ResourceKind.EXECUTION_FILE));

  @Test
  void readsAnExecutionsOutputFiles_throughTheirKestraUris() {
    try (KestraEmulator emulator = KestraEmulator.builder().mode(Mode.OSS).version("1.3.0")
        .basicAuth(Emulators.USER, Emulators.PASSWORD).start()) {
      Execution run = Execution.of("7xKq2", "dev", "report")
          .withOutputFile("report.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
          .withOutputFile("chart.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
      emulator.state().putExecution("main", run);
      try (KestraSide kestra = KestraSide.open(Emulators.settings(emulator, Emulators.Server.OSS_1_3))) {
        Snapshot all = kestra.executionFiles("7xKq2", Map.of()).read(OUTPUTS);
        assertEquals(List.of(ResourceKey.executionFile("chart.png"), ResourceKey.executionFile("report.csv")),
            all.resources().stream().map(r -> r.key()).toList());
        assertEquals("a,b\n1,2\n", all.resource(ResourceKey.executionFile("report.csv")).orElseThrow()
            .content().text().orElseThrow());

        Snapshot mapped = kestra.executionFiles("7xKq2", Map.of("reports/latest.csv", run.outputFileUri("report.csv")))
            .read(OUTPUTS);
        assertEquals(List.of(ResourceKey.executionFile("reports/latest.csv")),
            mapped.resources().stream().map(r -> r.key()).toList());

        SourceNotFoundException missing = assertThrows(SourceNotFoundException.class,
            () -> kestra.executionFiles("nope", Map.of()).read(OUTPUTS));
        assertTrue(missing.getMessage().contains("execution 'nope' does not exist"), missing.getMessage());
      }
    }
  }
}
