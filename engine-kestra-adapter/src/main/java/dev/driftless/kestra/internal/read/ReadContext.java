package dev.driftless.kestra.internal.read;

import dev.driftless.kestra.KestraServer;
import dev.driftless.kestra.KestraSettings;
import dev.driftless.kestra.internal.client.KestraClient;
import java.util.Objects;

/** What every read needs: the client (bound to the tenant), the detected server and the settings. */
public record ReadContext(KestraClient client, KestraServer server, KestraSettings settings) {

  public ReadContext {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(settings, "settings");
  }

  /** What one export may hold, from the settings. */
  public ZipEntries.Limits exportLimits() {
    return new ZipEntries.Limits(settings.namespaceFileSizeLimit(), settings.maxExportEntries(),
        settings.maxExportBytes());
  }

  /** The full API path of a call, as origins and messages show it. */
  public String where(String path) {
    return client.fullPath(path);
  }
}
