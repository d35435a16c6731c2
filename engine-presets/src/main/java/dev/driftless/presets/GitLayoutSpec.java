package dev.driftless.presets;

import dev.driftless.resource.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Git layout a task uses, as data; the Git adapter turns it into its layout.
 *
 * @param kind the layout
 * @param gitDirectory the directory in the repository ({@code _flows}, {@code kestra/flows}; empty
 *     for the repository root)
 * @param rootNamespace the namespace the directory stands for (flows and files layouts)
 * @param namespaceFolders files layout with child namespaces: one folder per namespace, named by the
 *     namespace ({@code _files/dev.team/run.py}), instead of paths straight under the directory
 * @param pathPrefix files layout: the Kestra directory the Git directory maps to ({@code scripts}
 *     puts {@code _files/run.py} at {@code /scripts/run.py}); empty for the namespace root
 */
public record GitLayoutSpec(Kind kind, String gitDirectory, Optional<String> rootNamespace, boolean namespaceFolders,
    String pathPrefix) {

  /** The layouts of DESIGN §6. */
  public enum Kind { FLOWS, FILES, DASHBOARDS, OUTPUTS, NAMESPACE }

  public GitLayoutSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(gitDirectory, "gitDirectory");
    Objects.requireNonNull(rootNamespace, "rootNamespace");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    if (!pathPrefix.isEmpty()) {
      ResourceKey.pathProblem(pathPrefix).ifPresent(p -> {
        throw new IllegalArgumentException("path prefix '" + pathPrefix + "' " + p);
      });
    }
  }

  public static GitLayoutSpec of(Kind kind, String gitDirectory) {
    return new GitLayoutSpec(kind, gitDirectory, Optional.empty(), false, "");
  }

  public static GitLayoutSpec rooted(Kind kind, String gitDirectory, String rootNamespace) {
    return new GitLayoutSpec(kind, gitDirectory, Optional.of(rootNamespace), false, "");
  }
}
