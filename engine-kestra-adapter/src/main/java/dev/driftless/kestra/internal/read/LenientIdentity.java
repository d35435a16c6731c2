package dev.driftless.kestra.internal.read;

import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code id} and {@code namespace} of a source that does not parse, read from its top-level
 * lines ({@code id: hello}), so that a broken entry can still be named. Only values that make a
 * valid key are returned: a guess that is not a valid name is no name.
 */
final class LenientIdentity {

  private static final Pattern ID = Pattern.compile("(?m)^id[ \\t]*:[ \\t]*[\"']?([^\\s\"'#]+)[\"']?[ \\t]*(?:#.*)?\\r?$");
  private static final Pattern NAMESPACE =
      Pattern.compile("(?m)^namespace[ \\t]*:[ \\t]*[\"']?([^\\s\"'#]+)[\"']?[ \\t]*(?:#.*)?\\r?$");

  private LenientIdentity() {}

  static Optional<String> id(String text) {
    return first(ID, text).filter(id -> ResourceKey.problem(ResourceKind.FLOW, "x", id).isEmpty());
  }

  static Optional<String> namespace(String text) {
    return first(NAMESPACE, text).filter(ns -> ResourceKey.namespaceProblem(ns).isEmpty());
  }

  private static Optional<String> first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
