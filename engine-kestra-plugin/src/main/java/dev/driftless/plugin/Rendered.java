package dev.driftless.plugin;

import dev.driftless.credential.Secret;
import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
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
}
