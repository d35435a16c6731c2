package dev.driftless.emulator;

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
    void configure_pluginTypes_extendTheStockCatalogue() {
        String flow = "id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.scripts.python.Script\n";
        try (KestraEmulator stock = KestraEmulatorMain.configure(new String[0], Map.of()).start();
             KestraEmulator extended = KestraEmulatorMain.configure(
                 new String[] {"--plugin-type", "io.kestra.plugin.scripts.python.Script"}, Map.of()).start();
             KestraEmulator any = KestraEmulatorMain.configure(new String[] {"--any-plugin-type"}, Map.of()).start()) {
            assertEquals(422, Http.at(stock.apiUrl()).postYaml("/flows", flow).status());
            assertEquals(200, Http.at(extended.apiUrl()).postYaml("/flows", flow).status());
            assertEquals(200, Http.at(any.apiUrl()).postYaml("/flows", flow).status());
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
