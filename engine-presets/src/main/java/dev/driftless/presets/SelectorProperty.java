package dev.driftless.presets;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A selector property as a task file holds it ({@code files}, {@code flows}, {@code dashboards}):
 * one pattern, a list of them, or one text holding a JSON list of them ({@code '["*.py", "*.sql"]'}),
 * which is what a Pebble expression such as {@code "{{ inputs.files | json }}"} renders to and
 * what the plugin reads as that list. A text that is not a JSON list of texts is one pattern, as in
 * the plugin ({@code [ab].py} among them).
 *
 * <p>A text holding the empty list ({@code files: "[]"}) is refused: the plugin then pushes
 * nothing and, deleting, removes every file of its directory, while an empty list means "every
 * file" to Driftless's builders; neither is what was written. (PushExecutionFiles' plugin takes
 * every output file for it, but a rendered empty list more often is an input left empty than a
 * wish for everything, so it is refused there too.) An empty YAML list ({@code files: []}) means
 * what it means in the plugin where that is safe: every output file for PushExecutionFiles
 * ({@link #readWhereAnEmptyListIsEverything}); elsewhere the plugin selects nothing with it and
 * deletes the rest, and it is refused.
 */
final class SelectorProperty {

  private SelectorProperty() {}

  /** The patterns of a selector property; an empty list, YAML or JSON, is a problem. */
  static List<String> read(PropertyReader r, String name) {
    if (r.isEmptyList(name)) {
      r.problem(name, "is an empty list, which selects nothing (the Git plugin then pushes nothing and, with delete, "
          + "removes every file of gitDirectory); leave the property out to select everything");
    }
    return readText(r, name);
  }

  /**
   * The patterns of a selector property the plugin reads an empty YAML list of as "everything"
   * (PushExecutionFiles' {@code files}): that list is no pattern, which selects everything here too.
   */
  static List<String> readWhereAnEmptyListIsEverything(PropertyReader r, String name) {
    return readText(r, name);
  }

  private static List<String> readText(PropertyReader r, String name) {
    List<String> written = r.strings(name);
    if (written.size() != 1) {
      return written;
    }
    Optional<List<String>> list = jsonList(written.get(0));
    if (list.filter(List::isEmpty).isPresent()) {
      r.problem(name, "holds no pattern, which would select nothing; leave the property out to select everything");
    }
    return list.orElse(written);
  }

  /** The texts of a JSON list of texts; empty when the text is anything else. */
  static Optional<List<String>> jsonList(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
      return Optional.empty();
    }
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(trimmed));
    } catch (YAMLException e) {
      return Optional.empty();
    }
    if (!(root instanceof SequenceNode sequence) || sequence.getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (Node item : sequence.getValue()) {
      if (!(item instanceof ScalarNode scalar) || scalar.getScalarStyle() != DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
        return Optional.empty();
      }
      out.add(scalar.getValue());
    }
    return Optional.of(out);
  }
}
