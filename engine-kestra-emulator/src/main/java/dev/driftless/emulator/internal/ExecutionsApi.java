package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.emulator.Execution;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** {@code /executions/{id}} and its output files, for seeded executions. */
public final class ExecutionsApi {

  /** When every seeded execution started. */
  private static final Instant STARTED = Instant.EPOCH;
  private static final Set<String> TERMINAL =
      Set.of("SUCCESS", "WARNING", "FAILED", "KILLED", "CANCELLED", "SKIPPED", "RETRIED");

  private ExecutionsApi() {
  }

  public static void register(Router router) {
    router.add(true, "GET", "/executions/{executionId}", ExecutionsApi::get)
        .add(true, "GET", "/executions/{executionId}/file", ExecutionsApi::file).produces(Router.OCTET_STREAM);
  }

  /**
   * The execution as Kestra's {@code ApiExecution}, with the fields the SDK's model requires:
   * {@code tenantId} (from 0.23), {@code originalId} (the id itself: it was never replayed), {@code metadata}
   * and a {@code state} with its histories, dates and duration. A seeded execution ran for two
   * seconds from the epoch: created, running, then its state.
   */
  static Reply get(Call c) {
    Execution e = find(c);
    ObjectNode out = Json.object();
    out.put("id", e.id());
    out.put("namespace", e.namespace());
    out.put("flowId", e.flowId());
    out.put("flowRevision", 1);
    if (c.config().mode().tenantInPath()) {
      out.put("tenantId", c.tenant());
    }
    out.put("originalId", e.id());
    out.putArray("labels");
    out.set("state", state(e.state()));
    out.putObject("metadata").put("attemptNumber", 1).put("originalCreatedDate", Json.time(STARTED));
    ObjectNode outputs = (ObjectNode) Json.valueToTree(e.outputs());
    ObjectNode files = Json.object();
    e.outputFiles().keySet().forEach(name -> files.put(name, e.outputFileUri(name)));
    if (!files.isEmpty()) {
      outputs.set("outputFiles", files);
    }
    out.set("outputs", outputs);
    ObjectNode taskRun = out.putArray("taskRunList").addObject();
    taskRun.put("id", e.id());
    taskRun.put("executionId", e.id());
    taskRun.put("namespace", e.namespace());
    taskRun.put("flowId", e.flowId());
    taskRun.put("taskId", "outputs");
    taskRun.set("state", state(e.state()));
    taskRun.putObject("outputs").set("outputFiles", files.deepCopy());
    return Reply.ok(out);
  }

  /** Kestra's {@code State}: current, histories, start date and, once terminated, end date and duration. */
  private static ObjectNode state(String current) {
    ObjectNode state = Json.object();
    state.put("current", current);
    ArrayNode histories = state.putArray("histories");
    histories.addObject().put("state", "CREATED").put("date", Json.time(STARTED));
    if (!current.equals("CREATED")) {
      histories.addObject().put("state", "RUNNING").put("date", Json.time(STARTED.plusSeconds(1)));
    }
    if (!current.equals("CREATED") && !current.equals("RUNNING")) {
      histories.addObject().put("state", current).put("date", Json.time(STARTED.plusSeconds(2)));
    }
    state.put("startDate", Json.time(STARTED));
    if (TERMINAL.contains(current)) {
      state.put("endDate", Json.time(STARTED.plusSeconds(2)));
      state.put("duration", "PT2S");
    }
    return state;
  }

  static Reply file(Call c) {
    Execution e = find(c);
    String path = c.requiredQuery("path");
    for (Map.Entry<String, byte[]> file : e.outputFiles().entrySet()) {
      if (e.outputFileUri(file.getKey()).equals(path)) {
        return Reply.bytes("application/octet-stream", file.getValue());
      }
    }
    String prefix = e.outputFileUri("");
    if (!path.startsWith(prefix.substring(0, prefix.indexOf("/tasks/")))) {
      throw ApiException.illegalArgument("Invalid file path: " + path + " does not belong to execution " + e.id());
    }
    throw ApiException.notFound("File not found: " + path);
  }

  private static Execution find(Call c) {
    Execution e = c.data().executions().get(c.param("executionId"));
    if (e == null) {
      throw ApiException.notFound("Execution " + c.param("executionId") + " not found");
    }
    return e;
  }
}
