package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Kestra's reading of a flow source into its model, the first half of its validation: the step
 * that refuses unknown plugin types ({@code Invalid type: X}), unknown properties
 * ({@code Unrecognized field ...}) and values of the wrong kind ({@code Illegal flow yaml: Cannot
 * deserialize value of type ...}). Kestra stops at the first such error and reports it alone, with no
 * flow id: the flow is unreadable.
 *
 * <p>It walks the parsed YAML against the catalogue's schemas in document order, as Kestra's
 * deserializer does, except that a plugin's {@code type} is resolved before its other properties.
 * In lenient mode unknown properties pass: Kestra reads a flow a second time, leniently, after it
 * injected the plugin defaults.
 *
 * <p>The messages are Kestra's, down to the source position (none inside plugins, which Kestra
 * reads from a buffer; that of the {@code type} for what an input states before its type) and the
 * reference chain. Known approximation: the wording for a date or time given as a list.
 */
final class FlowReading {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL_SECONDS = Pattern.compile("[+-]?[\\d.]+");
  private static final String TRIGGER_CLASS = "io.kestra.core.models.triggers.AbstractTrigger";
  private static final List<String> TRUE_OR_FALSE = List.of("true", "True", "TRUE", "false", "False", "FALSE");

  /** The flow cannot be read: Kestra's single message, and where. */
  static final class Unreadable extends Exception {
    private final String where;
    private final String path;

    Unreadable(String message, String where, String path) {
      super(message, null, false, false);
      this.where = where;
      this.path = path;
    }

    /** Where, as Kestra 0.20 names it: a reference chain ({@code io.kestra...Flow["tasks"]->java.util.ArrayList[0]}). */
    String where() {
      return where;
    }

    /** Where, as a property path ({@code tasks[0].type}). */
    String path() {
      return path;
    }
  }

  /** A place in the model as Kestra's deserializer names it: its reference chain. */
  record Chain(List<String> links) {

    Chain {
      links = List.copyOf(links);
    }

    static Chain root() {
      return new Chain(List.of());
    }

    Chain then(String link) {
      List<String> next = new ArrayList<>(links);
      next.add(link);
      return new Chain(next);
    }

    @Override
    public String toString() {
      return String.join("->", links);
    }
  }

  /**
   * Where a value is: its reference chain, its JSON pointer in the source, and whether Kestra reads
   * it from a buffer (anything inside a plugin), where Kestra's messages give no source position.
   */
  private record Place(Chain chain, String pointer, String path, boolean buffered, Optional<String> heldAt) {

    static Place root() {
      return new Place(Chain.root(), "", "", false, Optional.empty());
    }

    Place property(String javaClass, String name) {
      return new Place(chain.then(javaClass + "[\"" + name + "\"]"), pointer + "/" + escape(name),
          path.isEmpty() ? name : path + "." + name, buffered, heldAt);
    }

    Place item(int index) {
      return new Place(chain.then("java.util.ArrayList[" + index + "]"), pointer + "/" + index, path + "[" + index + "]",
          buffered, heldAt);
    }

    Place entry(String key) {
      return new Place(chain.then("java.util.LinkedHashMap[\"" + key + "\"]"), pointer + "/" + escape(key),
          path + "[" + key + "]", buffered, heldAt);
    }

    /** Inside a plugin: Kestra's plugin deserializer reads it from a buffer. */
    Place inBuffer() {
      return new Place(chain, pointer, path, true, heldAt);
    }

    /**
     * Read ahead of a {@code type} that comes later: Kestra's messages then give the position of
     * that {@code type}'s value, where its parser stands.
     */
    Place heldAt(String typePointer) {
      return new Place(chain, pointer, path, buffered, Optional.of(typePointer));
    }

    /** The JSON pointer whose source position Kestra's messages give for this place. */
    String positionPointer() {
      return heldAt.orElse(pointer);
    }

    Unreadable unreadable(String message) {
      return new Unreadable(message, chain.toString(), path);
    }

    /** Kestra's {@code Invalid type: X} for the object here: at the object's chain, at its {@code type}. */
    Unreadable invalidType(String type) {
      return new Unreadable("Invalid type: " + type, chain.toString(), path + ".type");
    }
  }

  /** A JSON pointer segment: {@code ~} and {@code /} escaped. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private final PluginCatalogue catalogue;
  private final boolean strict;
  private final Map<String, String> positions;
  private final List<String> failures = new ArrayList<>();

  private FlowReading(PluginCatalogue catalogue, boolean strict, Map<String, String> positions) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.strict = strict;
    this.positions = Map.copyOf(positions);
  }

  /**
   * Reads a flow as Kestra does.
   *
   * @param strict whether unknown properties are refused (the first reading) or pass (the reading
   *               after plugin defaults were injected)
   * @param positions where each value starts in the source ({@code line: 3, column: 10}), by JSON
   *                  pointer; empty when the flow does not come from a source
   * @return the problems this reading cannot report as Kestra would but that make Kestra's
   *         validation fail (a plugin of the wrong category, such as a trigger among the tasks)
   * @throws Unreadable at the first thing Kestra cannot read
   */
  static List<String> read(JsonNode flow, PluginCatalogue catalogue, boolean strict, Map<String, String> positions)
      throws Unreadable {
    FlowReading reading = new FlowReading(catalogue, strict, positions);
    ObjectSchema schema = catalogue.model("flow").orElseThrow(() -> new IllegalStateException("no flow model"));
    reading.object(flow, schema, Place.root());
    return List.copyOf(reading.failures);
  }

  /**
   * The properties of one object, in document order; {@code at} is the object itself. A typed
   * object's properties written before its {@code type} are read ahead of it.
   */
  private void object(JsonNode node, ObjectSchema schema, Place at) throws Unreadable {
    boolean typed = schema.category() != ObjectSchema.Category.MODEL || schema.name().contains(":");
    boolean beforeType = typed && node.has("type");
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String name = e.getKey();
      if (typed && name.equals("type")) {
        beforeType = false;
        continue;
      }
      Place place = beforeType ? at.heldAt(at.pointer() + "/type") : at;
      Optional<PropertySchema> property = schema.property(name);
      if (property.isEmpty()) {
        if (strict && !schema.has(ObjectSchema.Trait.OPEN)) {
          throw place.property(schema.javaClass(), name).unreadable(unrecognized(name, schema));
        }
        continue;
      }
      PropertySchema p = property.get();
      value(e.getValue(), p.kind(), p.javaType(), place.property(schema.javaClass(), name));
    }
  }

  /** Kestra's message for a property its class does not have. */
  static String unrecognized(String name, ObjectSchema schema) {
    List<String> known = schema.properties().stream().map(p -> "\"" + p.name() + "\"").toList();
    String count = known.size() == 1 ? "one known property" : known.size() + " known properties";
    return "Unrecognized field \"" + name + "\" (class " + schema.javaClass() + "), not marked as ignorable ("
        + count + ": " + String.join(", ", known) + "])";
  }

  private void value(JsonNode node, ValueKind kind, String javaType, Place at) throws Unreadable {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    switch (kind.shape()) {
      case STRING -> {
        if (node.isContainerNode()) {
          throw cannot(javaType, node, at);
        }
      }
      case BOOLEAN -> scalar(node, javaType, at, text -> TRUE_OR_FALSE.contains(text)
          ? Optional.empty()
          : Optional.of("only " + (javaType.equals("boolean")
              ? "\"true\"/\"True\"/\"TRUE\" or \"false\"/\"False\"/\"FALSE\"" : "\"true\" or \"false\"") + " recognized"));
      case INTEGER -> scalar(node, javaType, at, text -> INTEGER.matcher(text).matches()
          ? Optional.empty() : Optional.of("not a valid `" + javaType + "` value"));
      case DECIMAL -> scalar(node, javaType, at, text -> parses(text, Double::parseDouble)
          ? Optional.empty()
          : Optional.of("not a valid `" + javaType.substring(javaType.lastIndexOf('.') + 1) + "` value"));
      case DURATION -> temporal(node, javaType, at, text -> {
        if (INTEGER.matcher(text).matches() || DECIMAL_SECONDS.matcher(text).matches()) {
          return Optional.empty();
        }
        try {
          Duration.parse(text);
          return Optional.empty();
        } catch (DateTimeParseException e) {
          return Optional.of("Text cannot be parsed to a Duration");
        }
      });
      case DATETIME -> temporal(node, javaType, at, text -> parseError(text, DateTimeFormatter.ISO_ZONED_DATE_TIME));
      case INSTANT -> temporal(node, javaType, at, text -> parseError(text, DateTimeFormatter.ISO_INSTANT)
          .flatMap(e -> parseError(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
      case DATE -> temporal(node, javaType, at, text -> parseError(text, DateTimeFormatter.ISO_LOCAL_DATE)
          .flatMap(e -> parseError(text, DateTimeFormatter.ISO_DATE_TIME)));
      case TIME -> temporal(node, javaType, at, text -> parseError(text, DateTimeFormatter.ISO_LOCAL_TIME)
          .flatMap(e -> parseError(text, DateTimeFormatter.ISO_TIME)));
      case OFFSET_TIME -> temporal(node, javaType, at, text -> parseError(text, DateTimeFormatter.ISO_OFFSET_TIME));
      case ENUM -> enumeration(node, kind, javaType, at);
      case ANY, TYPE -> { }
      case LABELS -> labels(node, at);
      case LIST -> list(node, kind, javaType, at);
      case MAP -> map(node, kind, javaType, at);
      case MODEL -> model(node, kind, javaType, at);
      case PLUGIN -> plugin(node, kind, at);
      case FAMILY -> family(node, kind, javaType, at);
      case ABSTRACT -> throw illegal("Cannot construct instance of `" + javaType + "` (no Creators, like default "
          + "constructor, exist): abstract types either need to be mapped to concrete types, have custom "
          + "deserializer, or contain additional type information", at);
    }
  }

  /**
   * A boolean or a number: numbers pass, texts are parsed ({@code textProblem} says why one does
   * not), an empty text is no value; a boolean passes only where a boolean is wanted.
   */
  private void scalar(JsonNode node, String javaType, Place at, Function<String, Optional<String>> textProblem)
      throws Unreadable {
    if (node.isContainerNode()) {
      throw cannot(javaType, node, at);
    }
    if (node.isBoolean()) {
      if (javaType.equals("boolean") || javaType.equals("java.lang.Boolean")) {
        return;
      }
      throw cannot(javaType, node, at);
    }
    if (node.isNumber()) {
      return;
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      return;
    }
    Optional<String> problem = textProblem.apply(text);
    if (problem.isPresent()) {
      throw illegal("Cannot deserialize value of type `" + javaType + "` from String \"" + node.asText() + "\": "
          + problem.get(), at);
    }
  }

  /** A date, a time or a duration: numbers pass, texts are parsed as ISO values. */
  private void temporal(JsonNode node, String javaType, Place at, Function<String, Optional<String>> textProblem)
      throws Unreadable {
    if (node.isContainerNode()) {
      throw cannot(javaType, node, at);
    }
    if (node.isBoolean()) {
      throw illegal("Unexpected token (" + token(node) + "), expected one of [VALUE_STRING, VALUE_NUMBER_INT, "
          + "VALUE_NUMBER_FLOAT] for " + javaType + " value", at);
    }
    if (node.isNumber()) {
      return;
    }
    String text = node.asText().trim();
    if (text.isEmpty()) {
      return;
    }
    Optional<String> problem = textProblem.apply(text);
    if (problem.isPresent()) {
      throw illegal("Cannot deserialize value of type `" + javaType + "` from String \"" + node.asText()
          + "\": Failed to deserialize " + javaType + ": (java.time.format.DateTimeParseException) " + problem.get(), at);
    }
  }

  private static Optional<String> parseError(String text, DateTimeFormatter format) {
    try {
      format.parse(text);
      return Optional.empty();
    } catch (DateTimeParseException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static boolean parses(String text, Function<String, ?> parser) {
    try {
      parser.apply(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void enumeration(JsonNode node, ValueKind kind, String javaType, Place at) throws Unreadable {
    if (node.isContainerNode() || node.isBoolean()) {
      throw cannot(javaType, node, at);
    }
    List<String> values = kind.values();
    if (node.isIntegralNumber() || (node.isTextual() && INTEGER.matcher(node.asText()).matches())) {
      java.math.BigInteger index = node.isIntegralNumber() ? node.bigIntegerValue() : new java.math.BigInteger(node.asText());
      if (index.signum() < 0 || index.compareTo(java.math.BigInteger.valueOf(values.size())) >= 0) {
        throw illegal("Cannot deserialize value of type `" + javaType + "` from number " + node.asText()
            + ": index value outside legal index range [0.." + (values.size() - 1) + "]", at);
      }
      return;
    }
    String text = node.asText();
    if (text.isEmpty()) {
      throw illegal("Cannot coerce empty String (\"\") to `" + javaType + "` value (but could if coercion was "
          + "enabled using `CoercionConfig`)", at);
    }
    if (!values.contains(text)) {
      throw illegal("Cannot deserialize value of type `" + javaType + "` from String \"" + text
          + "\": not one of the values accepted for Enum class: [" + String.join(", ", values) + "]", at);
    }
  }

  private void labels(JsonNode node, Place at) throws Unreadable {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode v = e.getValue();
        if (v.isNull() || v.isContainerNode()) {
          throw chained("Unsupported type for key: " + e.getKey() + ", value: " + javaText(v), at);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode label : node) {
        if (!label.isObject() && !label.isNull()) {
          throw chained("class " + javaClassOf(label) + " cannot be cast to class java.util.Map (" + javaClassOf(label)
              + " and java.util.Map are in module java.base of loader 'bootstrap')", at);
        }
      }
    } else {
      throw chained("Unable to deserialize value as it's neither an object neither an array", at);
    }
  }

  private void list(JsonNode node, ValueKind kind, String javaType, Place at) throws Unreadable {
    ValueKind element = kind.elementKind();
    if (javaType.startsWith("java.util.List<")) {
      javaType = "java.util.ArrayList<" + javaType.substring("java.util.List<".length());
    }
    if (!node.isArray()) {
      boolean objects = element.holdsObjects();
      if (node.isTextual() && !node.asText().isEmpty() && !objects) {
        throw illegal("Cannot construct instance of `" + rawClass(javaType) + "` (although at least one Creator exists): "
            + "no String-argument constructor/factory method to deserialize from String value ('" + node.asText() + "')",
            at);
      }
      throw cannot(javaType, node, at);
    }
    String elementType = typeArgument(javaType, 0);
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      value(item, element, elementType, at.item(i));
    }
  }

  private void map(JsonNode node, ValueKind kind, String javaType, Place at) throws Unreadable {
    if (!node.isObject()) {
      if (node.isTextual() && node.asText().isEmpty()) {
        throw illegal("Cannot coerce empty String (\"\") to element of `" + rawClass(javaType) + "` (but could if "
            + "coercion was enabled using `CoercionConfig`)", at);
      }
      if (node.isTextual()) {
        throw illegal("Cannot construct instance of `" + rawClass(javaType) + "` (although at least one Creator exists): "
            + "no String-argument constructor/factory method to deserialize from String value ('" + node.asText() + "')",
            at);
      }
      throw cannot(javaType, node, at);
    }
    String valueType = typeArgument(javaType, 1);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      value(e.getValue(), kind.elementKind(), valueType, at.entry(e.getKey()));
    }
  }

  private void model(JsonNode node, ValueKind kind, String javaType, Place at) throws Unreadable {
    if (!node.isObject()) {
      throw notAnObject(javaType, node, at);
    }
    ObjectSchema schema = catalogue.model(kind.target())
        .orElseThrow(() -> new IllegalStateException("the catalogue lacks the model " + kind.target()));
    object(node, schema, at);
  }

  private void plugin(JsonNode node, ValueKind kind, Place at) throws Unreadable {
    if (!node.isObject()) {
      // Kestra reads a scalar where a plugin belongs as no plugin at all
      return;
    }
    JsonNode type = node.get("type");
    if (type == null || type.isNull()) {
      throw at.invalidType("<null>");
    }
    if (!type.isTextual()) {
      throw chained("Cannot invoke \"String.isEmpty()\" because the return value of "
          + "\"com.fasterxml.jackson.databind.JsonNode.textValue()\" is null", at);
    }
    String name = type.asText();
    if (!catalogue.knows(name)) {
      throw at.invalidType(name);
    }
    Optional<ObjectSchema> schema = catalogue.plugin(name);
    if (schema.isEmpty()) {
      return; // an added plugin: its properties are not known
    }
    object(node, schema.get(), at.inBuffer());
    mismatch(schema.get(), kind.target()).ifPresent(failures::add);
  }

  /**
   * How Kestra's validation fails on a plugin of another category than the place wants, as a real
   * server does: a non-trigger among the triggers fails a cast, a non-task among the tasks fails a
   * validator; a non-condition among the conditions is validated as what it is.
   */
  private static Optional<String> mismatch(ObjectSchema schema, String wanted) {
    if (schema.category().word().equals(wanted)) {
      return Optional.empty();
    }
    return switch (wanted) {
      case "trigger" -> Optional.of("class " + schema.javaClass() + " cannot be cast to class " + TRIGGER_CLASS + " ("
          + schema.javaClass() + " and " + TRIGGER_CLASS + " are in unnamed module of loader 'app')");
      case "task" -> Optional.of(FlowRules.VALIDATOR_CRASH);
      default -> Optional.empty();
    };
  }

  private void family(JsonNode node, ValueKind kind, String javaType, Place at) throws Unreadable {
    if (node.isArray() && node.size() > 0 && node.get(0).isValueNode()) {
      // Kestra reads [type, ...] as a type id first
      throw at.invalidType(node.get(0).asText());
    }
    if (node.isArray()) {
      throw illegal("Unexpected token (START_ARRAY), expected VALUE_STRING: need String, Number of Boolean value that "
          + "contains type id (for subtype of " + javaType + ")", at);
    }
    JsonNode type = node.isObject() ? node.get("type") : null;
    if (type == null || type.isNull() || type.isContainerNode()) {
      throw at.invalidType("null");
    }
    Optional<ObjectSchema> schema = catalogue.model(kind.target() + ":" + type.asText());
    if (schema.isEmpty()) {
      throw at.invalidType(type.asText());
    }
    object(node, schema.get(), at);
  }

  private Unreadable notAnObject(String javaType, JsonNode node, Place at) {
    if (node.isArray()) {
      return cannot(javaType, node, at);
    }
    if (node.isTextual() && node.asText().isEmpty()) {
      return illegal("Cannot coerce empty String (\"\") to `" + javaType + "` value (but could if coercion was enabled "
          + "using `CoercionConfig`)", at);
    }
    String from;
    if (node.isTextual()) {
      from = "String-argument constructor/factory method to deserialize from String value ('" + node.asText() + "')";
    } else if (node.isBoolean()) {
      from = "boolean/Boolean-argument constructor/factory method to deserialize from boolean value (" + node.asText() + ")";
    } else if (node.isIntegralNumber()) {
      from = "int/Int-argument constructor/factory method to deserialize from Number value (" + node.asText() + ")";
    } else {
      from = "double/Double-argument constructor/factory method to deserialize from Number value (" + node.asText() + ")";
    }
    return illegal("Cannot construct instance of `" + javaType + "` (although at least one Creator exists): no " + from,
        at);
  }

  /** {@code Cannot deserialize value of type `T` from Array value (token `JsonToken.START_ARRAY`)}. */
  private Unreadable cannot(String javaType, JsonNode node, Place at) {
    String from = switch (node.getNodeType()) {
      case OBJECT, POJO -> "Object value";
      case ARRAY -> "Array value";
      case STRING, BINARY -> "String value";
      case BOOLEAN -> "Boolean value";
      case NUMBER -> node.isIntegralNumber() ? "Integer value" : "Floating-point value";
      case NULL, MISSING -> "Null value";
    };
    return illegal("Cannot deserialize value of type `" + javaType + "` from " + from + " (token `JsonToken."
        + token(node) + "`)", at);
  }

  private static String token(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT, POJO -> "START_OBJECT";
      case ARRAY -> "START_ARRAY";
      case STRING, BINARY -> "VALUE_STRING";
      case BOOLEAN -> node.asBoolean() ? "VALUE_TRUE" : "VALUE_FALSE";
      case NUMBER -> node.isIntegralNumber() ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT";
      case NULL, MISSING -> "VALUE_NULL";
    };
  }

  /** A deserialization error, with the source position Kestra gives and the reference chain. */
  private Unreadable illegal(String message, Place at) {
    String position = at.buffered() || !positions.containsKey(at.positionPointer())
        ? "UNKNOWN; byte offset: #UNKNOWN" : "(StringReader); " + positions.get(at.positionPointer());
    return at.unreadable("Illegal flow yaml: " + message + "\n at [Source: " + position + "] (through reference chain: "
        + at.chain() + ")");
  }

  /** An error of one of Kestra's own deserializers: the reference chain without a position. */
  private static Unreadable chained(String message, Place at) {
    return at.unreadable("Illegal flow yaml: " + message + " (through reference chain: " + at.chain() + ")");
  }

  /** A Java type name without its type arguments: {@code java.util.ArrayList<X>} gives {@code java.util.ArrayList}. */
  static String rawClass(String javaType) {
    int open = javaType.indexOf('<');
    return open < 0 ? javaType : javaType.substring(0, open);
  }

  /** The i-th type argument of a generic Java type name: {@code java.util.LinkedHashMap<K,V>}, 1 gives V. */
  static String typeArgument(String javaType, int index) {
    int open = javaType.indexOf('<');
    if (open < 0 || !javaType.endsWith(">")) {
      return "java.lang.Object";
    }
    String inner = javaType.substring(open + 1, javaType.length() - 1);
    List<String> args = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(inner.substring(start, i));
        start = i + 1;
      }
    }
    args.add(inner.substring(start));
    return index < args.size() ? args.get(index) : "java.lang.Object";
  }

  /** How Java prints a YAML value read into plain Java objects (a list as {@code [1]}, a map as {@code {a=1}}). */
  static String javaText(JsonNode node) {
    if (node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(javaText(n)));
      return "[" + String.join(", ", items) + "]";
    }
    if (node.isObject()) {
      List<String> entries = new ArrayList<>();
      node.properties().forEach(e -> entries.add(e.getKey() + "=" + javaText(e.getValue())));
      return "{" + String.join(", ", entries) + "}";
    }
    return node.asText();
  }

  private static String javaClassOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "java.util.ArrayList";
      case BOOLEAN -> "java.lang.Boolean";
      case NUMBER -> node.isIntegralNumber() ? "java.lang.Integer" : "java.lang.Double";
      case OBJECT, POJO -> "java.util.LinkedHashMap";
      case STRING, BINARY, NULL, MISSING -> "java.lang.String";
    };
  }
}
