package dev.driftless.presets.run;

import dev.driftless.presets.CommitSettings;
import dev.driftless.presets.GitLayoutSpec;
import dev.driftless.presets.GitTarget;
import dev.driftless.presets.KestraServer;
import dev.driftless.git.GitRemote;
import dev.driftless.git.GitSettings;
import dev.driftless.git.HostKeys;
import dev.driftless.git.layout.FilesLayout;
import dev.driftless.git.layout.Layout;
import dev.driftless.kestra.KestraAuth;
import dev.driftless.kestra.KestraSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a task's connection properties (the plugin's names) into the adapters' settings. Nothing
 * here connects; opening the sides does.
 */
public final class Connections {

  private Connections() {}

  /** The Git remote of a task. */
  public static GitRemote remote(dev.driftless.presets.GitRemote task) {
    GitRemote.Builder remote = GitRemote.builder();
    remote.url(task.url().orElseThrow());
    task.username().ifPresent(remote::username);
    task.password().ifPresent(remote::password);
    task.privateKey().ifPresent(remote::privateKey);
    task.passphrase().ifPresent(remote::passphrase);
    task.trustedCaPemPath().map(Path::of).ifPresent(remote::trustedCaPem);
    remote.connectTimeout(Duration.ofMillis(task.connectTimeout()));
    remote.readTimeout(Duration.ofMillis(task.readTimeout()));
    remote.noProxy(task.noProxy());
    remote.hostKeys(hostKeys(task));
    return remote.build();
  }

  private static HostKeys hostKeys(dev.driftless.presets.GitRemote task) {
    if (!task.strictHostKeyChecking()) {
      return HostKeys.acceptAnyHostKeyInsecurely();
    }
    if (task.hostKey().isPresent()) {
      return HostKeys.pinned(task.hostKey().get());
    }
    return task.knownHostsPath().map(p -> HostKeys.knownHosts(Path.of(p))).orElseGet(HostKeys::userKnownHosts);
  }

  /**
   * The Git side of a preset: remote, branch, layout, commit author and message.
   *
   * @param maxFileBytes the size limit of one file, the planner's ({@code PlanOptions.maxResourceBytes})
   */
  public static GitSettings git(GitTarget target, Optional<CommitSettings> commit, Optional<Path> cacheDirectory,
      long maxFileBytes) {
    GitSettings.Builder settings = GitSettings.builder()
        .remote(remote(target.remote()))
        .branch(target.branch())
        .layout(layout(target.layout()))
        .readMissingAsEmpty(target.missingReadsAsEmpty())
        .maxFileBytes(maxFileBytes);
    cacheDirectory.ifPresent(settings::cacheDirectory);
    commit.ifPresent(c -> {
      c.commitMessage().ifPresent(settings::commitMessage);
      c.authorName().or(() -> target.remote().username()).ifPresent(settings::authorName);
      c.authorEmail().ifPresent(settings::authorEmail);
    });
    return settings.build();
  }

  /** The adapter's layout for a preset's layout. */
  public static Layout layout(GitLayoutSpec spec) {
    return switch (spec.kind()) {
      case FLOWS -> Layout.flows(spec.gitDirectory(), spec.rootNamespace().orElseThrow());
      case FILES -> new FilesLayout(spec.gitDirectory(), spec.rootNamespace().orElseThrow(), spec.namespaceFolders(),
          spec.pathPrefix());
      case DASHBOARDS -> Layout.dashboards(spec.gitDirectory());
      case OUTPUTS -> Layout.outputs(spec.gitDirectory());
      case NAMESPACE -> Layout.namespaces(spec.gitDirectory());
    };
  }

  /**
   * The Kestra side of a task.
   *
   * @param allowMissingNamespaces whether a namespace the server does not know reads as empty
   *     (when Kestra is only written, and the namespace will be created)
   * @param maxFileBytes the size limit of one namespace file or flow, the planner's
   *     ({@code PlanOptions.maxResourceBytes})
   */
  public static KestraSettings kestra(KestraServer server, boolean allowMissingNamespaces, long maxFileBytes) {
    KestraSettings.Builder settings = KestraSettings.builder()
        .url(server.kestraUrl())
        .auth(auth(server))
        .allowMissingNamespaces(allowMissingNamespaces)
        .namespaceFileSizeLimit(maxFileBytes);
    server.tenantId().ifPresent(settings::tenant);
    return settings.build();
  }

  private static KestraAuth auth(KestraServer server) {
    if (server.auth().isEmpty()) {
      return KestraAuth.none();
    }
    dev.driftless.presets.KestraAuth auth = server.auth().get();
    if (auth.apiToken().isPresent()) {
      return new KestraAuth.ApiToken(auth.apiToken().get());
    }
    return new KestraAuth.Basic(auth.username().orElseThrow(), auth.password().orElseThrow());
  }
}
