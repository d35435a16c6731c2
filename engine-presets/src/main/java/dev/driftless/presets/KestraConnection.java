package dev.driftless.presets;

import dev.driftless.kestra.KestraAuth;
import dev.driftless.kestra.KestraSettings;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where Kestra's API is and how to sign in: the plugin's {@code kestraUrl}, {@code auth} and
 * {@code tenantId}. The plugin runs inside Kestra and needs them only for TenantSync; outside
 * Kestra every task that reads or writes Kestra uses them. They stand for the Kestra adapter's
 * {@link KestraSettings}, whose rules they are held to.
 */
public interface KestraConnection {

  /** The default {@code kestraUrl}, as in the plugin. */
  String DEFAULT_URL = "http://localhost:8080";

  @Value.Default
  default String kestraUrl() {
    return DEFAULT_URL;
  }

  /** {@code auth: {username, password}} or {@code auth: {apiToken}}; none when absent. */
  Optional<KestraAuth> auth();

  /** The tenant; {@code main} on open-source servers since 0.23, none before. Detected when absent. */
  Optional<String> tenantId();

  /**
   * The Kestra adapter's settings these properties stand for.
   *
   * @param allowMissingNamespaces whether a namespace the server does not know reads as empty
   *     (when Kestra is only written, and the namespace will be created)
   * @param maxFileBytes the size limit of one namespace file or flow, the planner's
   *     ({@code PlanOptions.maxResourceBytes})
   * @throws dev.driftless.port.InvalidSettingsException naming each setting that cannot work
   */
  default KestraSettings kestraSettings(boolean allowMissingNamespaces, long maxFileBytes) {
    return kestraSettingsBuilder(allowMissingNamespaces, maxFileBytes).build();
  }

  /**
   * {@link #kestraSettings} before it is built, for a caller that sets what these properties do
   * not hold (the CLI's read limits, {@code --call-deadline}); each setting can be set once.
   */
  default KestraSettings.Builder kestraSettingsBuilder(boolean allowMissingNamespaces, long maxFileBytes) {
    KestraSettings.Builder settings = KestraSettings.builder()
        .url(kestraUrl())
        .auth(auth().orElse(KestraAuth.none()))
        .allowMissingNamespaces(allowMissingNamespaces)
        .namespaceFileSizeLimit(maxFileBytes);
    tenantId().ifPresent(settings::tenant);
    return settings;
  }

  /** The property of these that a setting of {@link KestraSettings} comes from. */
  static String propertyOf(String setting) {
    return switch (setting) {
      case "url" -> "kestraUrl";
      case "tenant" -> "tenantId";
      default -> setting;
    };
  }
}
