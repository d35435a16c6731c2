package dev.driftless.testkit.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class KestraEmulatorMainTest {

    @Test
    void configure_readsFlagsAndTakesCredentialsFromTheEnvironment() {
        Map<String, String> env = Map.of("KESTRA_EMULATOR_USERNAME", "ci@example.com", "KESTRA_EMULATOR_PASSWORD", "Secret123");
        try (KestraEmulator kestra = KestraEmulatorMain.configure(new String[] {"--mode", "oss", "--version", "2.0.1"}, env).start()) {
            assertEquals(Mode.OSS, kestra.mode());
            assertEquals("2.0.1", kestra.version());
            assertEquals(401, Http.at(kestra.apiUrl()).get("/flows/search").status());
            assertEquals(200, Http.at(kestra.apiUrl()).withBasic("ci@example.com", "Secret123").get("/flows/search").status());
        }
    }

    @Test
    void configure_refusesUnknownOptions() {
        assertThrows(IllegalArgumentException.class, () -> KestraEmulatorMain.configure(new String[] {"--colour", "red"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> KestraEmulatorMain.configure(new String[] {"--port"}, Map.of()));
    }

    @Test
    void seeding_aSourceWithoutIds_isRefusedWithAHint() {
        try (KestraEmulator kestra = KestraEmulator.builder().start()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kestra.state().putFlowSource("main", "tasks: []\n"));
            assertEquals(true, e.getMessage().contains("putFlowSource(tenant, namespace, id, source)"));
            assertEquals(1, kestra.state().putFlowSource("main", "dev", "odd", "not: [yaml").revision());
        }
    }
}
