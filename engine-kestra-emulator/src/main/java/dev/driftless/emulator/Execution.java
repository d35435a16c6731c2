package dev.driftless.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A finished execution to seed into the emulator with {@link EmulatorState#putExecution}, for
 * clients that read an execution's outputs and output files.
 *
 * <p>{@code GET /executions/{id}} shows {@code outputs} plus an {@code outputFiles} map from each
 * file name to its {@link #outputFileUri(String) kestra:// URI}, and
 * {@code GET /executions/{id}/file?path=<uri>} serves the file's bytes.
 *
 * @param id          the execution id
 * @param namespace   the flow's namespace
 * @param flowId      the flow's id
 * @param state       the current state, for example {@code SUCCESS}
 * @param outputs     the flow outputs, any JSON-serialisable values
 * @param outputFiles the output files by name; the arrays are copied in and out
 */
public record Execution(
    String id, String namespace, String flowId, String state,
    Map<String, Object> outputs, Map<String, byte[]> outputFiles) {

  public Execution {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(state, "state");
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    Map<String, byte[]> files = new LinkedHashMap<>();
    outputFiles.forEach((name, bytes) -> files.put(
        Objects.requireNonNull(name, "file name"), Objects.requireNonNull(bytes, "file content").clone()));
    outputFiles = Collections.unmodifiableMap(files);
    if (id.isBlank() || namespace.isBlank() || flowId.isBlank()) {
      throw new IllegalArgumentException("id, namespace and flowId must not be blank");
    }
  }

  /** A successful execution without outputs. */
  public static Execution of(String id, String namespace, String flowId) {
    return new Execution(id, namespace, flowId, "SUCCESS", Map.of(), Map.of());
  }

  /** This execution with one more flow output. */
  public Execution withOutput(String name, Object value) {
    Map<String, Object> next = new LinkedHashMap<>(outputs);
    next.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Execution(id, namespace, flowId, state, next, outputFiles);
  }

  /** This execution with one more output file. */
  public Execution withOutputFile(String name, byte[] content) {
    Map<String, byte[]> next = new LinkedHashMap<>(outputFiles);
    next.put(Objects.requireNonNull(name, "name"), content);
    return new Execution(id, namespace, flowId, state, outputs, next);
  }

  /** This execution in another state. */
  public Execution withState(String newState) {
    return new Execution(id, namespace, flowId, newState, outputs, outputFiles);
  }

  /**
   * The internal-storage URI of an output file, laid out like Kestra's:
   * {@code kestra:///<namespace as folders>/<flowId>/executions/<id>/tasks/outputs/<id>/<name>}.
   */
  public String outputFileUri(String name) {
    return "kestra:///" + namespace.replace('.', '/') + "/" + flowId + "/executions/" + id
        + "/tasks/outputs/" + id + "/" + name;
  }
}
