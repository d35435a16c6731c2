package dev.driftless.kestra.internal.client;

import dev.driftless.kestra.Edition;
import dev.driftless.kestra.KestraServer;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.kestra.PathStyle;
import dev.driftless.kestra.internal.wire.ServerConfig;
import dev.driftless.kestra.internal.wire.WireException;
import dev.driftless.port.DriftlessException;
import java.util.Optional;

/**
 * Finds out which Kestra a client talks to, from {@code GET /api/v1/configs} (outside any tenant;
 * it needs credentials from 0.24 on, so refused credentials show here first), and which API paths to
 * call: tenant paths from 0.23 on and on Enterprise, unless the settings force them.
 */
public final class ServerDetection {

  private static final String DEFAULT_TENANT = "main";

  private ServerDetection() {}

  public static KestraServer detect(KestraClient client, KestraSettings settings) {
    ApiCall configs = ApiCall.of(Operation.CONFIGS, "/api/v1/configs");
    ApiResponse response = client.send(configs);
    if (response.status() == 404) {
      throw new DriftlessException("no Kestra API at " + client.base() + ": GET /api/v1/configs answered 404;"
          + " check the url (the server's address, without /api/v1)");
    }
    if (!response.isSuccess()) {
      throw client.failure(configs, response);
    }
    ServerConfig config;
    try {
      config = ServerConfig.decode(response.body());
    } catch (WireException e) {
      throw new DriftlessException("the server at " + client.base() + " does not answer like Kestra: " + e.getMessage());
    }
    Edition edition = Edition.fromConfigs(config.edition());
    KestraServer probe = new KestraServer(client.base(), config.version(), edition, Optional.empty());
    Optional<String> tenant = switch (settings.paths()) {
      case LEGACY -> Optional.empty();
      case TENANT -> Optional.of(settings.tenant().orElse(DEFAULT_TENANT));
      case AUTO -> settings.tenant().isPresent() ? settings.tenant()
          : probe.atLeast(0, 23) || edition == Edition.ENTERPRISE ? Optional.of(DEFAULT_TENANT) : Optional.empty();
    };
    if (edition == Edition.OSS && tenant.isPresent() && !tenant.get().equals(DEFAULT_TENANT)) {
      throw new DriftlessException(probe.describeShort() + " at " + client.base() + " has one tenant, '"
          + DEFAULT_TENANT + "'; tenant '" + tenant.get() + "' exists only on Enterprise");
    }
    if (edition == Edition.OSS && tenant.isPresent() && settings.paths() == PathStyle.AUTO
        && !probe.atLeast(0, 23)) {
      throw new DriftlessException(probe.describeShort() + " at " + client.base() + " has no tenants (they came with"
          + " 0.23): remove the tenant setting");
    }
    return new KestraServer(client.base(), config.version(), edition, tenant);
  }
}
