package dev.driftless.kestra;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import java.time.Duration;

/** Emulated servers for the adapter's tests, and settings that reach them with quick retries. */
final class Emulators {

  static final String USER = "admin@example.com";
  static final String PASSWORD = "Emul4torSecret-P4ss";
  static final String TOKEN = "tok-3mulat0r-S3cret-T0ken";
  /** Plugin types the fixtures use that a stock server lacks. */
  static final String[] PLUGINS = {"io.kestra.plugin.scripts.shell.Commands"};

  /** One emulated server kind: the mode and version the adapter must handle. */
  enum Server {
    LEGACY_0_20(Mode.LEGACY, "0.20.7"),
    OSS_0_23(Mode.OSS, "0.23.4"),
    OSS_1_3(Mode.OSS, "1.3.0"),
    OSS_2_0(Mode.OSS, "2.0.1"),
    EE_2_0(Mode.EE, "2.0.1"),
    EE_1_3(Mode.EE, "1.3.0");

    final Mode mode;
    final String version;

    Server(Mode mode, String version) {
      this.mode = mode;
      this.version = version;
    }

    /**
     * Started with Basic auth (and an API token on Enterprise), knowing the script plugin the
     * fixtures' flows use besides the core plugins, as a server with that plugin installed does.
     */
    KestraEmulator start() {
      KestraEmulator.Builder builder = KestraEmulator.builder().mode(mode).version(version).basicAuth(USER, PASSWORD)
          .pluginTypes(PLUGINS);
      if (mode == Mode.EE) {
        builder.apiToken(TOKEN);
      }
      return builder.start();
    }

    /** The auth the adapter uses on it: an API token on Enterprise, Basic elsewhere. */
    KestraAuth auth() {
      return mode == Mode.EE ? KestraAuth.apiToken(TOKEN) : KestraAuth.basic(USER, PASSWORD);
    }
  }

  private Emulators() {}

  /** Settings for an emulator: its url and auth, a seeded jitter; timeouts and retries left to the caller. */
  static KestraSettings.Builder base(KestraEmulator emulator, KestraAuth auth) {
    KestraSettings.Builder builder = KestraSettings.builder();
    builder.url(emulator.url().toString()).auth(auth).connectTimeout(Duration.ofSeconds(5)).jitterSeed(7L);
    return builder;
  }

  /** Settings for an emulator: its auth, quick and seeded retries, short timeouts. */
  static KestraSettings.Builder settings(KestraEmulator emulator, KestraAuth auth) {
    KestraSettings.Builder builder = base(emulator, auth);
    builder.requestTimeout(Duration.ofSeconds(20))
        .retryBaseDelay(Duration.ofMillis(2))
        .retryMaxDelay(Duration.ofMillis(40));
    return builder;
  }

  static KestraSettings settings(KestraEmulator emulator, Server server) {
    return settings(emulator, server.auth()).build();
  }
}
