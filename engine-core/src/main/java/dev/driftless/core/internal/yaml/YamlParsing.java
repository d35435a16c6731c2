package dev.driftless.core.internal.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.driftless.core.yaml.YamlProblem;
import io.vavr.control.Either;
import java.io.IOException;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses one YAML document into a tree, strictly: duplicate keys, several documents, a root that is
 * not a mapping and alias bombs are all problems, reported with their position.
 */
public final class YamlParsing {

  /** The largest document accepted, in characters: far above any real flow. */
  public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

  private static final ObjectMapper MAPPER = mapper();

  private YamlParsing() {}

  static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setNestingDepthLimit(200);
    return options;
  }

  private static ObjectMapper mapper() {
    YAMLFactory factory = YAMLFactory.builder()
        .loaderOptions(loaderOptions())
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
        .build();
    return new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  public static Either<YamlProblem, ObjectNode> parse(String text) {
    if (text.isBlank()) {
      return Either.left(YamlProblem.of("is empty"));
    }
    try (JsonParser parser = MAPPER.createParser(text)) {
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
    } catch (JsonProcessingException e) {
      return Either.left(new YamlProblem(clean(e.getOriginalMessage()), line(e.getLocation()), column(e.getLocation())));
    } catch (IOException e) {
      return Either.left(YamlProblem.of("could not be read: " + e.getMessage()));
    } catch (RuntimeException e) {
      // SnakeYAML signals some limits (code points, aliases) with unchecked exceptions.
      return Either.left(YamlProblem.of(clean(String.valueOf(e.getMessage()))));
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

  /** Keeps the parser's first line: later lines quote the document, which may hold secrets. */
  private static String clean(String message) {
    String first = message.lines().findFirst().orElse("is not valid YAML").strip();
    if (first.startsWith("Duplicate field")) {
      return first.replace("Duplicate field", "duplicate key");
    }
    return first.isEmpty() ? "is not valid YAML" : first;
  }
}
