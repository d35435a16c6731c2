package dev.driftless.core.yaml;

import java.util.Optional;

/** The result of parsing a YAML text: a document, or the problem that stopped it. */
public sealed interface ParsedYaml permits YamlDocument, YamlProblem {

  Optional<YamlDocument> document();

  Optional<YamlProblem> problem();
}
