package dev.driftless.presets;

import dev.driftless.credential.Secret;
import java.util.Map;

/**
 * The setters the builders of every task share, so that {@link TaskFile} fills the plugin's shared
 * properties in one place. The generated builder methods implement them.
 */
final class FieldGroups {

  private FieldGroups() {}

  interface Remote {
    Object url(String value);

    Object username(String value);

    Object password(Secret value);

    Object privateKey(Secret value);

    Object passphrase(Secret value);

    Object trustedCaPemPath(String value);

    Object noProxy(boolean value);

    Object connectTimeout(int value);

    Object readTimeout(int value);

    Object putAllGitConfig(Map<String, ? extends String> entries);

    Object knownHostsPath(String value);

    Object hostKey(String value);

    Object strictHostKeyChecking(boolean value);
  }

  interface Server {
    Object kestraUrl(String value);

    Object auth(KestraAuth value);

    Object tenantId(String value);
  }

  interface Commit {
    Object commitMessage(String value);

    Object authorName(String value);

    Object authorEmail(String value);
  }

  interface TwoWay {
    Object branch(String value);

    Object gitDirectory(String value);

    Object sourceOfTruth(dev.driftless.resource.Side value);

    Object putAllSourceOfTruthByKind(Map<dev.driftless.resource.ResourceKind, ? extends dev.driftless.resource.Side> entries);

    Object whenMissingInSource(dev.driftless.policy.WhenMissing value);

    Object protectedNamespaces(java.util.Set<String> value);

    Object onInvalidSyntax(dev.driftless.policy.OnInvalidSyntax value);

    Object kinds(java.util.Set<dev.driftless.resource.ResourceKind> value);
  }

  interface DryRun {
    Object dryRun(boolean value);
  }
}
