package dev.driftless.presets;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which output files of an execution PushExecutionFiles takes.
 *
 * @param executionId the execution
 * @param globs its output files to take, by name; empty for all
 * @param filesMap file name in Git to {@code kestra://} URI; wins over {@code globs}
 * @param errorOnMissing fail when nothing matches
 */
public record ExecutionFilesSpec(String executionId, List<String> globs, Map<String, String> filesMap,
    boolean errorOnMissing) {
  public ExecutionFilesSpec {
    Objects.requireNonNull(executionId, "executionId");
    globs = List.copyOf(globs);
    filesMap = Map.copyOf(filesMap);
  }
}
