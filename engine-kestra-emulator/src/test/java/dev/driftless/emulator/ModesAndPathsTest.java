package dev.driftless.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ModesAndPathsTest {

    @Test
    void legacy_servesTenantlessPaths_andNotTenantOnes() {
        try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.LEGACY).version("0.20.7").start()) {
            assertEquals(kestra.url() + "/api/v1", kestra.apiUrl().toString());
            Http root = Http.at(kestra.url());
            assertEquals(200, root.postYaml("/api/v1/flows", Http.flow("dev", "a")).status());
            assertEquals(200, root.get("/api/v1/flows/dev/a").status());
            assertEquals(404, root.get("/api/v1/main/flows/dev/a").status());
        }
    }

    @Test
    void oss_servesTenantMain_andRefusesAnyOtherTenantWith400() {
        try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.OSS).version("0.23.0").start()) {
            assertEquals(kestra.url() + "/api/v1/main", kestra.apiUrl().toString());
            Http root = Http.at(kestra.url());
            assertEquals(200, root.postYaml("/api/v1/main/flows", Http.flow("dev", "a")).status());
            Http.Res other = root.get("/api/v1/acme/flows/dev/a");
            assertEquals(400, other.status());
            assertTrue(other.json().get("message").asText().contains("Tenant must be 'main' for OSS version"), other.text());
            assertEquals(400, root.get("/api/v1/flows/dev/a").status(), "tenant-less paths read 'flows' as the tenant");
        }
    }

    @Test
    void ee_servesAnyTenant_andKeepsTenantsApart() {
        try (KestraEmulator kestra = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").start()) {
            Http acme = Http.at(kestra.apiUrl("acme"));
            Http main = Http.at(kestra.apiUrl());
            assertEquals(200, acme.postYaml("/flows", Http.flow("dev", "a")).status());
            assertEquals("acme", acme.get("/flows/dev/a").json().get("tenantId").asText());
            assertEquals(404, main.get("/flows/dev/a").status());
            assertTrue(kestra.state().flowSource("acme", "dev", "a").isPresent());
            assertTrue(kestra.state().flowSource("main", "dev", "a").isEmpty());
        }
    }

    @Test
    void configs_reportVersionAndEdition_outsideTheTenant() {
        try (KestraEmulator oss = KestraEmulator.builder().version("1.0.4").start();
             KestraEmulator ee = KestraEmulator.builder().mode(Mode.EE).version("2.0.1").start()) {
            Http.Res ossConfigs = Http.at(oss.url()).get("/api/v1/configs");
            assertEquals("1.0.4", ossConfigs.json().get("version").asText());
            assertEquals("OSS", ossConfigs.json().get("edition").asText());
            assertEquals("EE", Http.at(ee.url()).get("/api/v1/configs").json().get("edition").asText());
        }
    }

    @Test
    void builder_derivesModeFromVersion_andRefusesContradictions() {
        try (KestraEmulator legacy = KestraEmulator.builder().version("0.22.1").start()) {
            assertEquals(Mode.LEGACY, legacy.mode());
        }
        try (KestraEmulator defaults = KestraEmulator.builder().start()) {
            assertEquals(Mode.OSS, defaults.mode());
            assertEquals("1.3.0", defaults.version());
        }
        assertThrows(IllegalStateException.class, () -> KestraEmulator.builder().mode(Mode.LEGACY).version("1.3.0").start());
        assertThrows(IllegalStateException.class, () -> KestraEmulator.builder().mode(Mode.OSS).version("0.20.7").start());
        assertThrows(IllegalStateException.class, () -> KestraEmulator.builder().mode(Mode.OSS).apiToken("t").start());
        assertThrows(IllegalArgumentException.class, () -> KestraEmulator.builder().version("latest"));
    }

    @Test
    void startsInMilliseconds_onLoopback_andCloseReleasesThePort() throws IOException {
        long started = System.nanoTime();
        KestraEmulator kestra = KestraEmulator.builder().start();
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(startup.toMillis() < 2000, "startup took " + startup);
        assertEquals("127.0.0.1", kestra.url().getHost());
        int port = kestra.port();
        try (Socket probe = new Socket("127.0.0.1", port)) {
            assertTrue(probe.isConnected());
        }
        long closing = System.nanoTime();
        kestra.close();
        kestra.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - closing).toMillis() < 3000, "close is prompt");
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close());
        assertFalse(kestra.toString().isEmpty());
    }

    @Test
    void unknownRoutes_are404_andWrongMethodsOnKnownPaths_are405() {
        try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
            Http api = Http.at(kestra.apiUrl());
            Http.Res missing = api.get("/nothing/here");
            assertEquals(404, missing.status());
            assertEquals("OSS", missing.header("X-Kestra-Edition"));
            Http.Res wrongMethod = api.put("/flows/search");
            assertEquals(405, wrongMethod.status());
            assertTrue(wrongMethod.header("Allow").contains("GET"));
        }
    }

    @Test
    void head_isAnsweredLikeGet_withoutABody() throws IOException {
        try (KestraEmulator kestra = KestraEmulator.builder().version("1.3.0").start()) {
            Http api = Http.at(kestra.apiUrl());
            api.postYaml("/flows", Http.flow("dev", "a"));
            Http.Res head = api.sendRaw(api.request("/flows/dev/a").method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, head.status());
            assertEquals(0, head.body().length);
            assertEquals(404, api.sendRaw(api.request("/flows/dev/none").method("HEAD", HttpRequest.BodyPublishers.noBody())).status());
        }
    }
}
