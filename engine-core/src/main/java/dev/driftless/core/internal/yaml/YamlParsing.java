package dev.driftless.core.internal.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftless.core.yaml.YamlProblem;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses one YAML document into a tree, strictly: duplicate keys, several documents, a root that is
 * not a mapping and alias bombs are all problems, reported with their position.
 *
 * <p>Parsing is bounded in time and memory whatever the text: a document longer than
 * {@link #MAX_CODE_POINTS}, holding more than {@link #MAX_NODES} keys and values, or nested deeper
 * than {@link #MAX_DEPTH} is a problem that says which limit it passed, found while reading (the
 * tree of a document past a limit is never built whole). Aliases stay references and are never
 * expanded. Each limit is far above any real flow, so only hostile or broken texts reach them.
 */
public final class YamlParsing {

  /** The longest document accepted, in characters (Unicode code points). */
  public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

  /** The most keys and values (each key, each value, each list item) one document may hold. */
  public static final int MAX_NODES = 100_000;

  /** The deepest nesting of mappings and lists accepted. */
  public static final int MAX_DEPTH = 200;

  private static final ObjectMapper MAPPER = mapper();

  private YamlParsing() {}

  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setNestingDepthLimit(MAX_DEPTH);
    return options;
  }

  private static ObjectMapper mapper() {
    YAMLFactory factory = YAMLFactory.builder()
        .loaderOptions(loaderOptions())
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
        .build();
    return new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  public static Either<YamlProblem, ObjectNode> parse(String text) {
    if (text.isBlank()) {
      return Either.left(YamlProblem.of("is empty"));
    }
    if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      return Either.left(YamlProblem.of("is longer than " + count(MAX_CODE_POINTS) + " characters; the limit for one YAML"
          + " document is " + count(MAX_CODE_POINTS)));
    }
    try (JsonParser parser = new Counted(MAPPER.createParser(text))) {
      JsonNode root = MAPPER.readTree(parser);
      if (root == null || root.isMissingNode() || root.isNull()) {
        return Either.left(YamlProblem.of("is empty"));
      }
      if (!root.isObject()) {
        return Either.left(YamlProblem.of("must be a YAML mapping (key: value), not a " + describe(root)));
      }
      JsonLocation end = parser.currentLocation();
      if (parser.nextToken() != null) {
        return Either.left(new YamlProblem("holds more than one YAML document ('---'); put one object per file",
            line(parser.currentTokenLocation()), OptionalInt.empty()));
      }
      return Either.right((ObjectNode) root);
    } catch (PastLimit e) {
      return Either.left(new YamlProblem(e.problem, e.line, OptionalInt.empty()));
    } catch (JsonProcessingException e) {
      return Either.left(new YamlProblem(clean(e.getOriginalMessage()), line(e.getLocation()), column(e.getLocation())));
    } catch (IOException e) {
      return Either.left(YamlProblem.of("could not be read: " + e.getMessage()));
    } catch (RuntimeException e) {
      // SnakeYAML signals some limits (code points, aliases) with unchecked exceptions.
      return Either.left(YamlProblem.of(clean(String.valueOf(e.getMessage()))));
    }
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Stops the parse at the first node past {@link #MAX_NODES}, before the tree grows further, and
   * says where a limit of Jackson's stopped it.
   */
  private static final class Counted extends JsonParserDelegate {
    private int nodes;

    Counted(JsonParser parser) {
      super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken token;
      try {
        token = super.nextToken();
      } catch (StreamConstraintsException e) {
        throw new PastLimit(constraint(e.getOriginalMessage()), line(currentLocation()));
      }
      if (token != null && !token.isStructEnd() && ++nodes > MAX_NODES) {
        throw new PastLimit("has more than " + count(MAX_NODES) + " keys and values; the limit for one YAML document is "
            + count(MAX_NODES), line(currentTokenLocation()));
      }
      return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
      JsonToken token = nextToken();
      return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }
  }

  /** A limit passed; thrown through Jackson, which passes unchecked exceptions on, and caught in {@link #parse}. */
  private static final class PastLimit extends RuntimeException {
    private final String problem;
    private final transient OptionalInt line;

    PastLimit(String problem, OptionalInt line) {
      super(null, null, false, false);
      this.problem = problem;
      this.line = line;
    }
  }

  private static String describe(JsonNode node) {
    if (node.isArray()) {
      return "list";
    }
    return "single value";
  }

  private static OptionalInt line(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getLineNr());
  }

  private static OptionalInt column(JsonLocation location) {
    return location == null || location.getColumnNr() < 1 ? OptionalInt.empty() : OptionalInt.of(location.getColumnNr());
  }

  /** A limit of Jackson's, in words: without the name of the Java setting it comes from. */
  private static String constraint(String message) {
    if (message.startsWith("Document nesting depth")) {
      return "is nested deeper than " + MAX_DEPTH + " levels; the limit for one YAML document is " + MAX_DEPTH;
    }
    return clean(message).replaceAll(", from `[^`]*`", "");
  }

  /** Keeps the parser's first line: later lines quote the document, which may hold secrets. */
  private static String clean(String message) {
    String first = message.lines().findFirst().orElse("is not valid YAML").strip();
    if (first.startsWith("Duplicate field")) {
      return first.replace("Duplicate field", "duplicate key");
    }
    return first.isEmpty() ? "is not valid YAML" : first;
  }
}
