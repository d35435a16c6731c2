package dev.driftless.emulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.time.Instant;
import java.util.Optional;

/** The emulator's JSON and YAML mappers and small helpers around them. */
public final class Json {

  public static final ObjectMapper JSON = new ObjectMapper();

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private Json() {
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public static ArrayNode array() {
    return JSON.createArrayNode();
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON", e);
    }
  }

  public static JsonNode valueToTree(Object value) {
    return JSON.valueToTree(value);
  }

  /** Parses a JSON body; malformed JSON is a 422 "Invalid json", as on Kestra. */
  public static JsonNode parseJson(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw ApiException.illegalArgument("Invalid json: empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiException(ProblemType.INVALID_ENTITY, "Invalid json: " + e.getOriginalMessage());
    }
  }

  /**
   * Parses the first YAML document of {@code text}.
   *
   * @return the tree, empty for an empty document
   * @throws YamlException when the text is not YAML
   */
  public static Optional<JsonNode> parseYaml(String text) throws YamlException {
    try {
      JsonNode node = YAML.readTree(text);
      return node == null || node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException e) {
      throw new YamlException(e.getOriginalMessage().lines().findFirst().orElse("malformed YAML"));
    }
  }

  /** Renders a tree as YAML, the way Kestra regenerates a source from a JSON-bodied request. */
  public static String toYaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render YAML", e);
    }
  }

  public static String time(Instant instant) {
    return instant.toString();
  }

  /** A YAML text that does not parse. */
  public static final class YamlException extends Exception {
    public YamlException(String message) {
      super(message, null, false, false);
    }
  }
}
