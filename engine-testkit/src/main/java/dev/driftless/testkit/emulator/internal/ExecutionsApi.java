package dev.driftless.testkit.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.testkit.emulator.Execution;

import java.time.Instant;
import java.util.Map;

/** {@code /executions/{id}} and its output files, for seeded executions. */
public final class ExecutionsApi {

  private ExecutionsApi() {
  }

  public static void register(Router router) {
    router.add(true, "GET", "/executions/{executionId}", ExecutionsApi::get)
        .add(true, "GET", "/executions/{executionId}/file", ExecutionsApi::file).produces(Router.OCTET_STREAM);
  }

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
    ObjectNode state = out.putObject("state");
    state.put("current", e.state());
    state.putArray("histories").addObject().put("state", e.state()).put("date", Json.time(Instant.EPOCH));
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
    taskRun.putObject("state").put("current", e.state());
    taskRun.putObject("outputs").set("outputFiles", files.deepCopy());
    return Reply.ok(out);
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
