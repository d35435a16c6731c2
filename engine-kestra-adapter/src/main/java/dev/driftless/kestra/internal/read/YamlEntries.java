package dev.driftless.kestra.internal.read;

import dev.driftless.core.yaml.ParsedYaml;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.core.yaml.YamlProblem;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.Optional;

/**
 * Turns a YAML source Kestra stores under a known key (a dashboard, an app, a test suite) into an
 * entry: present when it is a valid document whose identity is that key, unreadable with the
 * problem and its line otherwise.
 */
final class YamlEntries {

  private YamlEntries() {}

  /** What is wrong with the source as the resource stored under {@code key}, or empty when nothing is. */
  static Optional<YamlProblem> problem(ResourceKey key, Content content) {
    ResourceKind kind = key.kind();
    ParsedYaml parsed = YamlDocument.parse(content);
    if (parsed.problem().isPresent()) {
      return parsed.problem();
    }
    YamlDocument doc = parsed.document().orElseThrow();
    Optional<YamlProblem> identity = doc.identityProblem(kind);
    if (identity.isPresent()) {
      return identity;
    }
    if (doc.id().isPresent() && !doc.id().get().equals(key.name())) {
      return Optional.of(YamlProblem.of("declares id '" + doc.id().get() + "' but Kestra stores it as '"
          + key.name() + "'"));
    }
    if (kind.isNamespaced() && !doc.namespace().orElse("").equals(key.namespace())) {
      return Optional.of(YamlProblem.of("declares namespace '" + doc.namespace().orElse("")
          + "' but Kestra stores it in '" + key.namespace() + "'"));
    }
    return Optional.empty();
  }

  /** Adds the source under the key: present, or unreadable with why. */
  static void add(StateBuilder out, ResourceKey key, String source, String origin) {
    Content content = Content.ofText(source);
    Optional<YamlProblem> problem = problem(key, content);
    if (problem.isEmpty()) {
      out.present(new Resource(key, content, Optional.empty(), Optional.of(origin)));
      return;
    }
    SnapshotEntry.Unreadable unreadable = SnapshotEntry.Unreadable.of(key, SnapshotEntry.Failure.INVALID_SYNTAX,
        problem.get().message()).withOrigin(origin);
    out.unreadable(problem.get().line().isPresent() ? unreadable.atLine(problem.get().line().getAsInt()) : unreadable,
        Optional.of(content.bytes()));
  }
}
