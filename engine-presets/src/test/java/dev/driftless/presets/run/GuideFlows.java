package dev.driftless.presets.run;

/**
 * The flows of Kestra's PushFlows and SyncFlows guides, exactly as a Kestra user writes
 * them, and a few more for the scenarios the guides do not show.
 */
final class GuideFlows {

  private GuideFlows() {}

  static final String HELLO_WORLD = """
      id: hello_world
      namespace: dev

      inputs:
        - id: greeting
          type: STRING
          defaults: hey

      tasks:
        - id: welcome
          type: io.kestra.core.tasks.log.Log
          message: hi {{ inputs.greeting }}
      """;

  static final String FLOW1 = """
      id: flow1
      namespace: dev
      tasks:
        - id: test
          type: io.kestra.core.tasks.log.Log
          message: this is too easy
      """;

  static final String FLOW2 = """
      id: flow2
      namespace: dev
      tasks:
        - id: test
          type: io.kestra.core.tasks.log.Log
          message: this is the simplest dev-to-prod workflow ever
      """;

  static final String HELLO_WORLD_1 = """
      id: hello_world_1
      namespace: dev.tutorial

      inputs:
        - id: greeting
          type: STRING
          defaults: hey

      tasks:
        - id: print_status
          type: io.kestra.core.tasks.log.Log
          message: hello on {{ inputs.greeting }}
      """;

  static final String HELLO_WORLD_2 = HELLO_WORLD_1.replace("hello_world_1", "hello_world_2");

  /** The guide's five flows in Kestra: three in {@code dev}, two in {@code dev.tutorial}. */
  static void putAll(PresetWorld world) {
    world.putFlow(HELLO_WORLD);
    world.putFlow(FLOW1);
    world.putFlow(FLOW2);
    world.putFlow(HELLO_WORLD_1);
    world.putFlow(HELLO_WORLD_2);
  }

  /** A small valid flow. */
  static String flow(String namespace, String id, String message) {
    return "id: " + id + "\nnamespace: " + namespace + "\n\ntasks:\n  - id: log\n"
        + "    type: io.kestra.plugin.core.log.Log\n    message: " + message + "\n";
  }

  /** {@code source} with its top-level namespace replaced, every other byte kept. */
  static String inNamespace(String source, String from, String to) {
    return source.replace("\nnamespace: " + from + "\n", "\nnamespace: " + to + "\n");
  }
}
