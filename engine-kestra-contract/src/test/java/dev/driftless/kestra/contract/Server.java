package dev.driftless.kestra.contract;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import java.util.List;
import java.util.Objects;

/**
 * An emulated server the SDK is the judge for, with the credentials and tenant a user of its kind
 * has: Basic credentials and the tenant {@code main} on OSS, an API token and a tenant of its own on
 * Enterprise.
 */
record Server(Mode mode, String version) {

  static final Server OSS_1_3 = new Server(Mode.OSS, "1.3.0");
  static final Server OSS_2_0 = new Server(Mode.OSS, "2.0.1");
  static final Server EE_1_3 = new Server(Mode.EE, "1.3.0");
  static final Server EE_2_0 = new Server(Mode.EE, "2.0.1");

  static final String USER = "admin@kestra.io";
  static final String PASSWORD = "Admin1234";
  static final String TOKEN = "contract-api-token";

  Server {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(version, "version");
    if (mode == Mode.LEGACY) {
      throw new IllegalArgumentException("the SDK speaks tenant paths only; a legacy server is not its to judge");
    }
  }

  /** The servers of the 1.x and 2.x lines, OSS and Enterprise (for {@code @MethodSource}). */
  static List<Server> all() {
    return List.of(OSS_1_3, OSS_2_0, EE_1_3, EE_2_0);
  }

  /** The Enterprise servers, for apps and tests (for {@code @MethodSource}). */
  static List<Server> enterprise() {
    return List.of(EE_1_3, EE_2_0);
  }

  /** The tenant to call: OSS has only {@code main}; on Enterprise, one that is not the default. */
  String tenant() {
    return isEnterprise() ? "acme" : KestraEmulator.DEFAULT_TENANT;
  }

  boolean isEnterprise() {
    return mode.isEnterprise();
  }

  /** 2.0: dashboard ids come from the YAML, OSS has no dashboard writes, a duplicate is a 409. */
  boolean isTwoOh() {
    return version.startsWith("2.");
  }

  /** A running emulator of this server, with credentials of its kind. */
  KestraEmulator start() {
    KestraEmulator.Builder builder = KestraEmulator.builder().mode(mode).version(version);
    return isEnterprise() ? builder.apiToken(TOKEN).start() : builder.basicAuth(USER, PASSWORD).start();
  }

  @Override
  public String toString() {
    return mode + " " + version;
  }
}
