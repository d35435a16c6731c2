package dev.driftless.plugin;

import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.AllArgsConstructor;
import lombok.ToString;
import lombok.extern.jackson.Jacksonized;

/** How to sign in to Kestra's API: a user name and password, or an API token. Never shown by {@code toString()}. */
@Builder
@Jacksonized
@Getter
@EqualsAndHashCode
@ToString(onlyExplicitlyIncluded = true)
@AllArgsConstructor
@NoArgsConstructor
public class Auth {

  @Schema(title = "An API token, sent as a bearer token",
      description = "Use a secret: `{{ secret('KESTRA_API_TOKEN') }}`.")
  @PluginProperty(group = "connection")
  private Property<String> apiToken;

  @Schema(title = "The user name for HTTP basic authentication",
      description = "With `password`; not together with `apiToken`. A secret works too.")
  @PluginProperty(group = "connection")
  private Property<String> username;

  @Schema(title = "The password for HTTP basic authentication", description = "Use a secret.")
  @PluginProperty(group = "connection")
  private Property<String> password;

  @Schema(title = "Take credentials from the server's settings when none are given",
      description = "Accepted for compatibility with the Git plugin. Kestra 1.0 has no task SDK settings to take them from, so "
          + "on 1.0 give `username` and `password` or `apiToken` when the server asks for them.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  private Property<Boolean> auto = Property.ofValue(true);
}
