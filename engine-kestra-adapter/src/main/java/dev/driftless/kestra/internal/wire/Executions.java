package dev.driftless.kestra.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** An execution as {@code GET /executions/{id}} describes it: the output files it produced. */
public final class Executions {

  private Executions() {}

  /**
   * The output files of an execution, name to {@code kestra://} URI: those of the execution's
   * {@code outputs.outputFiles} and of every task run's {@code outputs.outputFiles}, first name
   * wins.
   */
  public static Map<String, String> outputFiles(byte[] body) {
    JsonNode root = Json.parse(body, "execution");
    Map<String, String> files = new LinkedHashMap<>();
    collect(root.path("outputs").path("outputFiles"), files);
    for (JsonNode run : root.path("taskRunList")) {
      collect(run.path("outputs").path("outputFiles"), files);
    }
    return files;
  }

  private static void collect(JsonNode map, Map<String, String> into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isTextual() && e.getValue().textValue().startsWith("kestra://")) {
        into.putIfAbsent(e.getKey(), e.getValue().textValue());
      }
    }
  }
}
