package dev.driftless.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.driftless.credential.Secret;
import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.kestra.core.serializers.JacksonMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A task's properties rendered with its run context: Pebble expressions, secrets and inputs resolved. */
final class Rendered {

  private final RunContext runContext;

  Rendered(RunContext runContext) {
    this.runContext = runContext;
  }

  Optional<String> string(Property<String> property) throws IllegalVariableEvaluationException {
    return runContext.render(property).as(String.class).filter(s -> !s.isBlank());
  }

  Optional<Boolean> bool(Property<Boolean> property) throws IllegalVariableEvaluationException {
    return runContext.render(property).as(Boolean.class);
  }

  Optional<Integer> integer(Property<Integer> property) throws IllegalVariableEvaluationException {
    return runContext.render(property).as(Integer.class);
  }

  <E extends Enum<E>> Optional<E> enumValue(Property<E> property, Class<E> type)
      throws IllegalVariableEvaluationException {
    return runContext.render(property).as(type);
  }

  List<String> strings(Property<List<String>> property) throws IllegalVariableEvaluationException {
    return runContext.render(property).asList(String.class);
  }

  Map<String, Object> map(Property<Map<String, Object>> property) throws IllegalVariableEvaluationException {
    return runContext.render(property).asMap(String.class, Object.class);
  }

  /** A credential: kept as a {@link Secret}, which never shows its value. */
  Optional<Secret> secret(Property<String> property, String name) throws IllegalVariableEvaluationException {
    return string(property).map(value -> Secret.of(value, "the task's " + name + " property"));
  }

  /**
   * A selector the Git plugin types as {@code Object} ({@code flows}, {@code files}, {@code dashboards}): a
   * string, a list of strings, or a string that renders to a JSON list of strings. Each string is rendered;
   * one that does not render to a JSON list is one name. Absent is an empty list (everything).
   *
   * @throws IllegalArgumentException naming the property when the value is none of these
   */
  List<String> names(Object value, String property) throws IllegalVariableEvaluationException {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      String rendered = runContext.render(text);
      return jsonList(rendered).orElseGet(() -> rendered.isBlank() ? List.of() : List.of(rendered.trim()));
    }
    if (value instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (Object element : list) {
        if (!(element instanceof String || element instanceof Number || element instanceof Boolean)) {
          throw new IllegalArgumentException(property + ": each element must be a string, got " + describe(element));
        }
        String rendered = runContext.render(String.valueOf(element));
        if (!rendered.isBlank()) {
          out.add(rendered.trim());
        }
      }
      return out;
    }
    throw new IllegalArgumentException(property + ": must be a string or a list of strings, got " + describe(value));
  }

  /**
   * A map the Git plugin types as {@code Object} ({@code filesMap}): a map, or a string that renders to a
   * JSON object. Keys and values are rendered. Absent is an empty map.
   *
   * @throws IllegalArgumentException naming the property when the value is neither
   */
  Map<String, String> stringMap(Object value, String property) throws IllegalVariableEvaluationException {
    if (value == null) {
      return Map.of();
    }
    Map<?, ?> raw;
    if (value instanceof String text) {
      String rendered = runContext.render(text);
      try {
        raw = JacksonMapper.ofJson().readValue(rendered, Map.class);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(property + ": must be a map, or a string holding a JSON object");
      }
    } else if (value instanceof Map<?, ?> map) {
      raw = map;
    } else {
      throw new IllegalArgumentException(property + ": must be a map of strings, got " + describe(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      if (!(e.getValue() instanceof String || e.getValue() instanceof URI)) {
        throw new IllegalArgumentException(property + "." + e.getKey() + ": must be a string, got " + describe(e.getValue()));
      }
      out.put(runContext.render(String.valueOf(e.getKey())), runContext.render(String.valueOf(e.getValue())));
    }
    return out;
  }

  private static Optional<List<String>> jsonList(String text) {
    if (!text.trim().startsWith("[")) {
      return Optional.empty();
    }
    try {
      List<?> list = JacksonMapper.ofJson().readValue(text, List.class);
      if (list.stream().allMatch(e -> e instanceof String)) {
        return Optional.of(list.stream().map(e -> ((String) e).trim()).filter(s -> !s.isEmpty()).toList());
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty(); // a glob such as [ab]*.yml
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map<?, ?>) {
      return "a map";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return "'" + value + "'";
  }
}
