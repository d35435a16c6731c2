package dev.driftless.emulator.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The schema of one kind of object in a flow, as the catalogue records it: a plugin (a task, a
 * trigger, a condition, a task runner, a storage) or a model object (the flow itself, an input type,
 * a retry policy, a nested object such as a worker group).
 *
 * <p>A closed schema lists every property Kestra knows, in the order Kestra lists them in its
 * {@code Unrecognized field} message, and any other property is refused. An {@link Trait#OPEN} one
 * lists only what is known (perhaps nothing), and other properties pass unchecked: that is how the
 * catalogue marks what it could not verify.
 *
 * @param name the plugin type, or the model's name ({@code flow}, {@code input:STRING}, a class name)
 * @param category what the object is
 * @param javaClass the class Kestra names in its messages
 * @param traits what else the catalogue knows of it
 * @param children where its child tasks are, when it is a flowable task (or, for the flow, its
 *                 tasks), in Kestra's order: a property holding tasks (a list, or a map of lists);
 *                 {@code a.b} for the tasks under {@code b} of each item of {@code a} (a Dag's
 *                 {@code tasks.task}, the flow's {@code listeners.tasks}); {@code +_x} for a child
 *                 task Kestra adds itself, with the id {@code <task id>_x} (a ForEachItem's)
 * @param properties its properties, in Kestra's order
 */
record ObjectSchema(String name, Category category, String javaClass, Set<Trait> traits, List<String> children,
    List<PropertySchema> properties) {

  /** What an object is. */
  enum Category {
    TASK("task"), TRIGGER("trigger"), CONDITION("condition"), TASK_RUNNER("taskRunner"), STORAGE("storage"),
    MODEL("model");

    private final String word;

    Category(String word) {
      this.word = word;
    }

    static Optional<Category> of(String word) {
      for (Category c : values()) {
        if (c.word.equals(word)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }

    String word() {
      return word;
    }
  }

  /** What else the catalogue knows of an object. */
  enum Trait {
    /** Kestra reports it as deprecated where a flow uses it. */
    DEPRECATED("deprecated"),
    /** Its properties are not all known: unknown ones pass unchecked. */
    OPEN("open"),
    /** A runnable task: one a WorkingDirectory may hold. */
    RUNNABLE("runnable"),
    /** A task that starts another flow, named by its {@code namespace} and {@code flowId}. */
    EXECUTABLE("executable"),
    /** A stock server cannot validate it: its validation ends in an internal error (a Template). */
    FAILS("fails");

    private final String word;

    Trait(String word) {
      this.word = word;
    }

    static Optional<Trait> of(String word) {
      for (Trait t : values()) {
        if (t.word.equals(word)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  ObjectSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(javaClass, "javaClass");
    traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
    children = List.copyOf(children);
    properties = List.copyOf(properties);
  }

  boolean has(Trait trait) {
    return traits.contains(trait);
  }

  /** Whether it is a flowable task: one that holds child tasks. */
  boolean flowable() {
    return !children.isEmpty();
  }

  /** The property of that name; a linear search, as objects have a few dozen properties at most. */
  Optional<PropertySchema> property(String propertyName) {
    return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
  }
}
