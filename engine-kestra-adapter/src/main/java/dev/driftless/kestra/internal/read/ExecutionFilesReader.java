package dev.driftless.kestra.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.client.ApiResponse;
import dev.driftless.kestra.internal.wire.Executions;
import dev.driftless.port.SnapshotReader;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads an execution's output files as execution-file resources: one call for the execution, one
 * download per file through {@code /executions/{id}/file?path=kestra://...}. With a files map,
 * exactly those URIs under those names (the map wins, as in the plugin); otherwise every output
 * file under its own name.
 */
public final class ExecutionFilesReader implements SnapshotReader {

  private final ReadContext ctx;
  private final String executionId;
  private final Map<String, String> filesMap;

  public ExecutionFilesReader(ReadContext ctx, String executionId, Map<String, String> filesMap) {
    this.ctx = ctx;
    this.executionId = executionId;
    this.filesMap = Map.copyOf(filesMap);
  }

  @Override
  public Side side() {
    return Side.KESTRA;
  }

  @Override
  public Snapshot read(Scope scope) {
    if (!scope.kinds().equals(java.util.Set.of(ResourceKind.EXECUTION_FILE))) {
      throw new IllegalArgumentException("an execution's files are read with a scope of execution files only");
    }
    String path = ApiCall.path("executions", executionId);
    ApiResponse execution = ctx.client().send(ApiCall.of(Operation.EXECUTION, path));
    if (execution.status() == 404) {
      throw new SourceNotFoundException("execution '" + executionId + "' does not exist on " + ctx.where(path));
    }
    if (!execution.isSuccess()) {
      throw ctx.client().failure(ApiCall.of(Operation.EXECUTION, path), execution);
    }
    Map<String, String> files = filesMap.isEmpty()
        ? Executions.outputFiles(execution.body()) : new LinkedHashMap<>(filesMap);
    List<SnapshotEntry> entries = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      String name = ResourceKey.normalisePath(file.getKey());
      String origin = file.getValue();
      Optional<String> problem = ResourceKey.pathProblem(name);
      if (problem.isPresent()) {
        diagnostics.add(Diagnostic.warning("output file name '" + file.getKey() + "' " + problem.get()
            + "; it is not pushed").onSide(Side.KESTRA).inFile(origin));
        continue;
      }
      ApiCall download = ApiCall.of(Operation.DOWNLOAD_EXECUTION_FILE, ApiCall.path("executions", executionId, "file")).query("path", origin);
      ApiResponse response = ctx.client().send(download);
      if (!response.isSuccess()) {
        entries.add(new SnapshotEntry.Unreadable(ResourceKind.EXECUTION_FILE, "", Optional.of(name),
            SnapshotEntry.Failure.UNREADABLE, "download answered " + response.status(), Optional.of(origin),
            OptionalInt.empty()));
        continue;
      }
      if (response.body().length > ctx.settings().namespaceFileSizeLimit()) {
        entries.add(new SnapshotEntry.Unreadable(ResourceKind.EXECUTION_FILE, "", Optional.of(name),
            SnapshotEntry.Failure.UNREADABLE, "larger than the size limit of " + ctx.settings().namespaceFileSizeLimit()
            + " bytes", Optional.of(origin), OptionalInt.empty()));
        continue;
      }
      entries.add(SnapshotEntry.present(
          Resource.of(ResourceKey.executionFile(name), Content.of(response.body())).withOrigin(origin)));
    }
    return Snapshot.builder().side(Side.KESTRA).scope(scope).identity(Snapshot.digestOf(entries))
        .addAllEntries(entries).addAllDiagnostics(diagnostics).build();
  }
}
