package dev.driftless.core.internal.yaml;

import dev.driftless.core.yaml.YamlProblem;
import io.vavr.control.Either;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Replaces the value of a document's top-level {@code namespace:} key in place.
 *
 * <p>The position of the value comes from the YAML parser's events, not from a text search, so
 * look-alike keys (in tasks, in subflow references, in block strings or comments) cannot match, and
 * a namespace that merely starts like the old one ({@code devops} when rewriting {@code dev}) is a
 * different value. Only the characters of the value are replaced; its quoting style is kept.
 */
public final class NamespaceRewrite {

  private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Set<String> YAML_WORDS = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null");

  private NamespaceRewrite() {}

  public static Either<YamlProblem, String> rewrite(String text, String namespace) {
    int bom = text.startsWith("\uFEFF") ? 1 : 0;
    String body = text.substring(bom);
    ScalarEvent value;
    try {
      Either<YamlProblem, ScalarEvent> found = findTopLevelNamespace(body);
      if (found.isLeft()) {
        return Either.left(found.getLeft());
      }
      value = found.get();
    } catch (YAMLException e) {
      return Either.left(YamlProblem.of(String.valueOf(e.getMessage()).lines().findFirst().orElse("is not valid YAML")));
    }
    int start = body.offsetByCodePoints(0, value.getStartMark().getIndex());
    int end = body.offsetByCodePoints(0, value.getEndMark().getIndex());
    String replacement = switch (value.getScalarStyle()) {
      case DOUBLE_QUOTED -> '"' + namespace + '"';
      case SINGLE_QUOTED -> '\'' + namespace + '\'';
      case PLAIN -> isPlainSafe(namespace) ? namespace : '"' + namespace + '"';
      case LITERAL, FOLDED, JSON_SCALAR_STYLE -> null;
    };
    if (replacement == null) {
      return Either.left(new YamlProblem("the top-level 'namespace' is a block string; write it as a plain value",
          line(value.getStartMark()), OptionalInt.empty()));
    }
    return Either.right(text.substring(0, bom) + body.substring(0, start) + replacement + body.substring(end));
  }

  private static Either<YamlProblem, ScalarEvent> findTopLevelNamespace(String body) {
    Parser parser = new ParserImpl(new StreamReader(body), YamlParsing.loaderOptions());
    int depth = 0;
    boolean inRoot = false;
    boolean expectKey = false;
    boolean nextIsNamespace = false;
    while (parser.peekEvent() != null) {
      Event event = parser.getEvent();
      if (event.is(Event.ID.StreamEnd) || (event.is(Event.ID.DocumentEnd) && inRoot)) {
        break;
      }
      switch (event.getEventId()) {
        case MappingStart, SequenceStart -> {
          if (depth == 0 && event.is(Event.ID.MappingStart)) {
            inRoot = true;
            expectKey = true;
          } else if (depth == 1 && nextIsNamespace) {
            return Either.left(new YamlProblem("the top-level 'namespace' is not a plain value",
                line(event.getStartMark()), OptionalInt.empty()));
          } else if (depth == 1) {
            expectKey = !expectKey;
          }
          depth++;
        }
        case MappingEnd, SequenceEnd -> depth--;
        case Scalar, Alias -> {
          if (depth == 1 && inRoot) {
            if (nextIsNamespace) {
              if (!event.is(Event.ID.Scalar)) {
                return Either.left(new YamlProblem("the top-level 'namespace' is an alias; write the value",
                    line(event.getStartMark()), OptionalInt.empty()));
              }
              return Either.right((ScalarEvent) event);
            }
            if (expectKey && event.is(Event.ID.Scalar) && "namespace".equals(((ScalarEvent) event).getValue())) {
              nextIsNamespace = true;
            }
            expectKey = !expectKey;
          }
        }
        default -> {
          // stream, document and comment events carry no keys
        }
      }
    }
    return Either.left(YamlProblem.of("has no top-level 'namespace'"));
  }

  private static boolean isPlainSafe(String namespace) {
    return PLAIN_SAFE.matcher(namespace).matches() && !YAML_WORDS.contains(namespace.toLowerCase(Locale.ROOT));
  }

  private static OptionalInt line(Mark mark) {
    return mark == null ? OptionalInt.empty() : OptionalInt.of(mark.getLine() + 1);
  }
}
