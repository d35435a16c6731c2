package dev.driftless.emulator.internal;

import dev.driftless.emulator.Mode;

import java.util.Objects;
import java.util.Optional;

/** Everything fixed when an emulator starts. Never printed: it holds credentials. */
public record EmulatorSettings(
    Mode mode, KestraVersion version, Optional<Credentials> basicAuth, Optional<String> apiToken,
    int port, long seed, PluginCatalogue catalogue) {

  /** A username and password for HTTP Basic. */
  public record Credentials(String username, String password) {
    public Credentials {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials[" + username + ", ****]";
    }
  }

  public EmulatorSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(basicAuth, "basicAuth");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(catalogue, "catalogue");
  }

  /** Whether any credential is configured, which makes the API require one. */
  public boolean authRequired() {
    return basicAuth.isPresent() || apiToken.isPresent();
  }

  public boolean enterprise() {
    return mode.isEnterprise();
  }

  @Override
  public String toString() {
    return "EmulatorSettings[" + mode + " " + version + ", basicAuth=" + basicAuth.isPresent()
        + ", apiToken=" + apiToken.isPresent() + ", port=" + port + "]";
  }
}
