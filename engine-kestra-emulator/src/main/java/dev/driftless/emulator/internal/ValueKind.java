package dev.driftless.emulator.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a property of a flow object holds, as Kestra's deserializer reads it: a scalar of some Java
 * type, an enum, a list or map of something, a nested model object, a plugin chosen by its
 * {@code type}, or a family of model objects chosen by a {@code type} value (inputs, retries, SLAs).
 *
 * <p>Written in the catalogue as {@code string}, {@code enum(A,B)}, {@code list(plugin(task))},
 * {@code map(any)}, {@code model(name)}, {@code family(input)} and so on; {@link #parse} reads that
 * notation and {@link #toString} writes it back.
 *
 * @param shape the kind of value
 * @param values the accepted names of an enum, in the order Kestra lists them; empty otherwise
 * @param element what a list or map holds; empty for other shapes
 * @param target the model name, the plugin category or the family name; empty for other shapes
 */
record ValueKind(Shape shape, List<String> values, Optional<ValueKind> element, String target) {

  /** The kinds of value. */
  enum Shape {
    STRING("string"), BOOLEAN("boolean"), INTEGER("integer"), DECIMAL("decimal"), DURATION("duration"),
    DATETIME("datetime"), INSTANT("instant"), DATE("date"), TIME("time"), OFFSET_TIME("offsettime"),
    ENUM("enum"), ANY("any"), LABELS("labels"), LIST("list"), MAP("map"), MODEL("model"), PLUGIN("plugin"),
    FAMILY("family"), ABSTRACT("abstract"), TYPE("type");

    private final String word;

    Shape(String word) {
      this.word = word;
    }

    static Shape of(String word) {
      for (Shape s : values()) {
        if (s.word.equals(word)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown value kind: " + word);
    }

    /** Whether Kestra reads an empty string as no value (a null) for this kind. */
    boolean emptyTextIsNull() {
      return switch (this) {
        case BOOLEAN, INTEGER, DECIMAL, DURATION, DATETIME, INSTANT, DATE, TIME, OFFSET_TIME -> true;
        case STRING, ENUM, ANY, LABELS, LIST, MAP, MODEL, PLUGIN, FAMILY, ABSTRACT, TYPE -> false;
      };
    }
  }

  ValueKind {
    Objects.requireNonNull(shape, "shape");
    values = List.copyOf(values);
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(target, "target");
    boolean container = shape == Shape.LIST || shape == Shape.MAP;
    if (container != element.isPresent()) {
      throw new IllegalArgumentException("only lists and maps have an element kind: " + shape);
    }
    boolean named = shape == Shape.MODEL || shape == Shape.PLUGIN || shape == Shape.FAMILY;
    if (named == target.isEmpty()) {
      throw new IllegalArgumentException("only models, plugins and families name a target: " + shape);
    }
    if ((shape == Shape.ENUM) == values.isEmpty()) {
      throw new IllegalArgumentException("only enums have values: " + shape);
    }
  }

  /** Reads the catalogue notation, e.g. {@code list(enum(A,B))}. */
  static ValueKind parse(String text) {
    int open = text.indexOf('(');
    if (open < 0) {
      return new ValueKind(Shape.of(text), List.of(), Optional.empty(), "");
    }
    if (!text.endsWith(")")) {
      throw new IllegalArgumentException("unbalanced value kind: " + text);
    }
    Shape shape = Shape.of(text.substring(0, open));
    String inner = text.substring(open + 1, text.length() - 1);
    return switch (shape) {
      case ENUM -> new ValueKind(shape, List.of(inner.split(",")), Optional.empty(), "");
      case LIST, MAP -> new ValueKind(shape, List.of(), Optional.of(parse(inner)), "");
      case MODEL, PLUGIN, FAMILY -> new ValueKind(shape, List.of(), Optional.empty(), inner);
      case STRING, BOOLEAN, INTEGER, DECIMAL, DURATION, DATETIME, INSTANT, DATE, TIME, OFFSET_TIME, ANY, LABELS,
           ABSTRACT, TYPE -> throw new IllegalArgumentException("this value kind takes no argument: " + text);
    };
  }

  /** The element kind of a list or map. */
  ValueKind elementKind() {
    return element.orElseThrow(() -> new IllegalStateException("not a container: " + this));
  }

  /** Whether values of this kind can hold tasks, conditions, triggers or model objects to validate. */
  boolean holdsObjects() {
    return switch (shape) {
      case MODEL, PLUGIN, FAMILY, LABELS -> true;
      case LIST, MAP -> elementKind().holdsObjects();
      case STRING, BOOLEAN, INTEGER, DECIMAL, DURATION, DATETIME, INSTANT, DATE, TIME, OFFSET_TIME, ENUM, ANY,
           ABSTRACT, TYPE -> false;
    };
  }

  @Override
  public String toString() {
    return switch (shape) {
      case ENUM -> "enum(" + String.join(",", values) + ")";
      case LIST, MAP -> shape.word + "(" + elementKind() + ")";
      case MODEL, PLUGIN, FAMILY -> shape.word + "(" + target + ")";
      case STRING, BOOLEAN, INTEGER, DECIMAL, DURATION, DATETIME, INSTANT, DATE, TIME, OFFSET_TIME, ANY, LABELS,
           ABSTRACT, TYPE -> shape.word;
    };
  }
}
