package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class ServerDetectionTest {

  @ParameterizedTest
  @EnumSource(Emulators.Server.class)
  void open_detectsVersionEditionAndPaths_ofEveryServer(Emulators.Server server) {
    try (KestraEmulator emulator = server.start(); KestraSide side = KestraSide.open(Emulators.settings(emulator, server))) {
      KestraServer detected = side.server();
      assertEquals(server.version, detected.version());
      assertEquals(server.mode.isEnterprise() ? Edition.ENTERPRISE : Edition.OSS, detected.edition());
      assertEquals(server.mode.tenantInPath() ? Optional.of("main") : Optional.empty(), detected.tenant());
      assertEquals(1, emulator.requests().count("GET", "/api/v1/configs"));
      assertEquals(1, emulator.requests().size(), "opening costs one request");
      assertTrue(side.toString().contains("Kestra " + server.version), side.toString());
    }
  }

  @Test
  void whatAServerCanHold_followsItsEditionAndVersion() {
    KestraServer legacy = new KestraServer(java.net.URI.create("http://k"), "0.20.7", Edition.OSS, Optional.empty());
    KestraServer oss13 = new KestraServer(java.net.URI.create("http://k"), "1.3.0", Edition.OSS, Optional.of("main"));
    KestraServer oss2 = new KestraServer(java.net.URI.create("http://k"), "2.0.1", Edition.OSS, Optional.of("main"));
    KestraServer ee2 = new KestraServer(java.net.URI.create("http://k"), "2.0.1", Edition.ENTERPRISE, Optional.of("main"));
    assertTrue(legacy.cannotRead(ResourceKind.DASHBOARD).isPresent());
    assertTrue(oss13.cannotRead(ResourceKind.DASHBOARD).isEmpty() && oss13.cannotWrite(ResourceKind.DASHBOARD).isEmpty());
    assertTrue(oss2.cannotRead(ResourceKind.DASHBOARD).isEmpty());
    assertTrue(oss2.cannotWrite(ResourceKind.DASHBOARD).orElseThrow().contains("Enterprise only"));
    assertTrue(oss13.cannotRead(ResourceKind.APP).orElseThrow().contains("Enterprise only"));
    assertTrue(ee2.cannotWrite(ResourceKind.APP).isEmpty() && ee2.cannotWrite(ResourceKind.TEST).isEmpty());
    assertTrue(oss13.assignsDashboardIds() && !ee2.assignsDashboardIds());
    assertTrue(ee2.hasDrafts() && !oss13.hasDrafts());
  }

  @Test
  void anExplicitTenant_onEnterprise_readsThatTenantOnly() {
    Emulators.Server server = Emulators.Server.EE_2_0;
    try (KestraEmulator emulator = server.start();
        KestraSide acme = KestraSide.open(Emulators.settings(emulator, server.auth()).tenant("acme").build())) {
      emulator.state().putFlowSource("acme", Flows.flow("dev", "mine").yaml());
      emulator.state().putFlowSource("main", Flows.flow("dev", "theirs").yaml());
      emulator.state().putNamespace("acme", "dev");
      Snapshot snapshot = acme.reader().read(Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW)));
      assertEquals(Set.of(ResourceKey.flow("dev", "mine")), snapshot.index().keySet());
      assertEquals(Optional.of("acme"), acme.server().tenant());
      assertTrue(emulator.requests().count("GET", "/api/v1/acme/flows/**") > 0);
    }
  }

  @Test
  void anOssServer_refusesAnyTenantButMain_atOpen() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start()) {
      DriftlessException e = assertThrows(DriftlessException.class,
          () -> KestraSide.open(Emulators.settings(emulator, server.auth()).tenant("acme").build()));
      assertTrue(e.getMessage().contains("has one tenant, 'main'"), e.getMessage());
    }
  }

  @Test
  void aLegacyServer_refusesATenant_atOpen() {
    Emulators.Server server = Emulators.Server.LEGACY_0_20;
    try (KestraEmulator emulator = server.start()) {
      DriftlessException e = assertThrows(DriftlessException.class,
          () -> KestraSide.open(Emulators.settings(emulator, server.auth()).tenant("main").build()));
      assertTrue(e.getMessage().contains("has no tenants"), e.getMessage());
    }
  }

  @Test
  void forcedPaths_areUsedAsGiven() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).paths(PathStyle.TENANT).build())) {
      assertEquals(Optional.of("main"), side.server().tenant());
    }
    Emulators.Server legacy = Emulators.Server.LEGACY_0_20;
    try (KestraEmulator emulator = legacy.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, legacy.auth()).paths(PathStyle.LEGACY).build())) {
      side.reader().read(Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW)));
      assertTrue(emulator.requests().count("GET", "/api/v1/flows/search") == 1);
    }
  }

  @Test
  void aServerWithoutTheKestraApi_isNamedAsSuch() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start()) {
      KestraSettings elsewhere = KestraSettings.builder().url(emulator.url() + "/elsewhere").auth(server.auth()).build();
      DriftlessException e = assertThrows(DriftlessException.class, () -> KestraSide.open(elsewhere));
      assertTrue(e.getMessage().contains("no Kestra API at"), e.getMessage());
    }
  }

  @Test
  void anUnreachableServer_isUnavailable_afterTheRetries() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KestraSettings settings = KestraSettings.builder().url("http://127.0.0.1:" + port)
        .retryBaseDelay(java.time.Duration.ofMillis(1)).retryMaxDelay(java.time.Duration.ofMillis(5)).maxAttempts(2).build();
    SideUnavailableException e = assertThrows(SideUnavailableException.class, () -> KestraSide.open(settings));
    assertTrue(e.getMessage().contains("could not be reached") && e.getMessage().contains("after 2 attempts"),
        e.getMessage());
  }
}
