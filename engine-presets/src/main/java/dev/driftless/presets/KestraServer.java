package dev.driftless.presets;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where Kestra's API is. The plugin runs inside Kestra and needs this only for TenantSync;
 * Driftless runs outside, so every task that reads or writes Kestra uses it.
 */
public interface KestraServer {

  @Value.Default
  default String kestraUrl() {
    return "http://localhost:8080";
  }

  Optional<KestraAuth> auth();

  /** The tenant; {@code main} on open-source servers since 0.23, none before. Detected when absent. */
  Optional<String> tenantId();
}
