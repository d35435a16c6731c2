package dev.driftless.plugin;

import dev.driftless.presets.FieldGroups;
import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.Task;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

/**
 * The Git remote's properties, as the Git plugin names them, plus SSH host key verification
 * (which the plugin never does). Credentials are left out of {@code toString()}.
 */
@SuperBuilder
@NoArgsConstructor
@Getter
@ToString
@EqualsAndHashCode(callSuper = true)
public abstract class AbstractGitTask extends Task {

  @Schema(title = "The repository URL",
      description = "An `https://`, `ssh://` or `git@host:org/repo` URL (a local path or `file://` too).")
  @PluginProperty(group = "connection")
  protected Property<String> url;

  @Schema(title = "The user name for HTTPS",
      description = "Also the commit author's name when `authorName` is not set.")
  @PluginProperty(group = "connection")
  protected Property<String> username;

  @Schema(title = "The password or personal access token for HTTPS",
      description = "Use a secret: `{{ secret('GITHUB_ACCESS_TOKEN') }}`.")
  @PluginProperty(group = "connection")
  @ToString.Exclude
  protected Property<String> password;

  @Schema(title = "An SSH private key, PEM or OpenSSH format, as content",
      description = "Use a secret: `{{ secret('SSH_KEY') }}`.")
  @PluginProperty(group = "connection")
  @ToString.Exclude
  protected Property<String> privateKey;

  @Schema(title = "The passphrase of `privateKey`", description = "Only for an encrypted key. Use a secret.")
  @PluginProperty(group = "connection")
  @ToString.Exclude
  protected Property<String> passphrase;

  @Schema(title = "A PEM file of CA certificates to trust for this remote",
      description = "Trusted for this task's connections only, never JVM-wide (unlike the Git plugin).")
  @PluginProperty(group = "advanced")
  protected Property<String> trustedCaPemPath;

  @Schema(title = "Connect directly, ignoring the JVM's proxy settings",
      description = "False by default. Applies to this task's connections only.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  protected Property<Boolean> noProxy = Property.ofValue(false);

  @Schema(title = "The connect timeout, in milliseconds", description = "10000 by default.")
  @PluginProperty(group = "execution")
  @Builder.Default
  protected Property<Integer> connectTimeout = Property.ofValue(10_000);

  @Schema(title = "The read timeout, in milliseconds",
      description = "60000 by default: the longest wait between two reads, not for the whole transfer.")
  @PluginProperty(group = "execution")
  @Builder.Default
  protected Property<Integer> readTimeout = Property.ofValue(60_000);

  @Schema(title = "Git configuration for the clone", description = "For example `core.autocrlf: false`.")
  @PluginProperty(group = "advanced")
  protected Property<Map<String, Object>> gitConfig;

  @Schema(title = "Clone submodules too", description = "Accepted for compatibility; only Clone uses it.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  protected Property<Boolean> cloneSubmodules = Property.ofValue(false);

  @Schema(title = "A known_hosts file to verify the SSH server's host key against",
      description = "SSH host keys are verified by default: with this file, with `hostKey`, or with the user's `~/.ssh/known_hosts`.")
  @PluginProperty(group = "connection")
  protected Property<String> knownHostsPath;

  @Schema(title = "The SSH server's host key, as a known_hosts line",
      description = "For example `[git.example.com]:22 ssh-ed25519 AAAA...`.")
  @PluginProperty(group = "connection")
  protected Property<String> hostKey;

  @Schema(title = "Verify SSH host keys",
      description = "True by default. Turning it off accepts any server (a man in the middle too) and is reported in the task's log.")
  @PluginProperty(group = "connection")
  @Builder.Default
  protected Property<Boolean> strictHostKeyChecking = Property.ofValue(true);

  /** Sets the remote's rendered properties on a task request's builder. */
  protected <B extends FieldGroups.Remote<B>> B remote(RunContext runContext, B builder)
      throws IllegalVariableEvaluationException {
    Rendered r = new Rendered(runContext);
    r.string(url).ifPresent(builder::url);
    r.string(username).ifPresent(builder::username);
    r.secret(password, "password").ifPresent(builder::password);
    r.secret(privateKey, "privateKey").ifPresent(builder::privateKey);
    r.secret(passphrase, "passphrase").ifPresent(builder::passphrase);
    r.string(trustedCaPemPath).ifPresent(builder::trustedCaPemPath);
    r.bool(noProxy).ifPresent(builder::noProxy);
    r.integer(connectTimeout).ifPresent(builder::connectTimeout);
    r.integer(readTimeout).ifPresent(builder::readTimeout);
    Map<String, String> config = new LinkedHashMap<>();
    r.map(gitConfig).forEach((k, v) -> config.put(k, String.valueOf(v)));
    builder.putAllGitConfig(config);
    r.string(knownHostsPath).ifPresent(builder::knownHostsPath);
    r.string(hostKey).ifPresent(builder::hostKey);
    r.bool(strictHostKeyChecking).ifPresent(builder::strictHostKeyChecking);
    return builder;
  }
}
