package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Refused credentials: a clear message naming the user (never the secret), and no retry. */
@Timeout(30)
class AuthTest {

  private static final Scope FLOWS = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW));

  @Test
  void aWrongPassword_isRefusedAtOpen_once_withAClearMessage() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start()) {
      KestraSettings wrong = Emulators.settings(emulator, KestraAuth.basic(Emulators.USER, "Wrong-" + Emulators.PASSWORD))
          .maxAttempts(5).build();
      AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> KestraSide.open(wrong));
      assertTrue(e.getMessage().startsWith("Kestra at " + emulator.url() + " refused the credentials for user "
          + Emulators.USER), e.getMessage());
      assertFalse(e.getMessage().contains(Emulators.PASSWORD), e.getMessage());
      assertEquals(1, emulator.requests().size(), "a refused credential is not retried");
      assertEquals(401, emulator.requests().all().get(0).status());
    }
  }

  @Test
  void onLegacy020_configsNeedCredentialsToo_soAWrongPasswordIsRefusedAtConnect_once() {
    Emulators.Server server = Emulators.Server.LEGACY_0_20;
    try (KestraEmulator emulator = server.start()) {
      AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> KestraSide.open(Emulators.settings(
          emulator, KestraAuth.basic(Emulators.USER, "Wrong-" + Emulators.PASSWORD)).maxAttempts(5).build()));
      assertTrue(e.getMessage().contains("refused the credentials for user " + Emulators.USER), e.getMessage());
      assertTrue(e.getMessage().contains("401 on GET /api/v1/configs"), e.getMessage());
      assertEquals(1, emulator.requests().size(), "a refused credential is not retried");
    }
  }

  @Test
  void noCredentials_onAServerThatNeedsThem_saySo() {
    Emulators.Server server = Emulators.Server.OSS_2_0;
    try (KestraEmulator emulator = server.start()) {
      AccessDeniedException e = assertThrows(AccessDeniedException.class,
          () -> KestraSide.open(Emulators.settings(emulator, KestraAuth.none()).build()));
      assertTrue(e.getMessage().contains("requires credentials"), e.getMessage());
      assertEquals(1, emulator.requests().size());
    }
  }

  @Test
  void aWrongApiToken_onEnterprise_isRefused_withoutShowingIt() {
    Emulators.Server server = Emulators.Server.EE_2_0;
    try (KestraEmulator emulator = server.start()) {
      String wrongToken = "wrong-" + Emulators.TOKEN;
      AccessDeniedException e = assertThrows(AccessDeniedException.class,
          () -> KestraSide.open(Emulators.settings(emulator, KestraAuth.apiToken(wrongToken)).build()));
      assertTrue(e.getMessage().contains("refused the API token"), e.getMessage());
      assertFalse(e.getMessage().contains(wrongToken), e.getMessage());
      assertEquals(1, emulator.requests().size());
    }
  }

  @Test
  void basicAuth_worksOnEnterpriseToo() {
    Emulators.Server server = Emulators.Server.EE_2_0;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator,
            KestraAuth.basic(Emulators.USER, Emulators.PASSWORD)).allowMissingNamespaces(true).build())) {
      assertTrue(side.reader().read(FLOWS).entries().isEmpty());
    }
  }
}
