package dev.driftless.plugin;

import io.kestra.core.models.tasks.Output;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.Getter;
import lombok.experimental.SuperBuilder;

/** What every sync task outputs besides its rows: the commit made, and the plan that was applied. */
@SuperBuilder
@Getter
public class SyncOutput implements Output {

  @Schema(title = "The Git commit made, if any", description = "Empty for a dry run and when nothing changed in Git.")
  private final String commitId;

  @Schema(title = "Where to see the commit",
      description = "The commit's page on GitHub, GitLab, Bitbucket, Azure DevOps or Gitea; on any other host with a web "
          + "address, `<address>/commit/<id>`, as the Git plugin. Empty for a dry run, when nothing changed in Git, and "
          + "for a local path.")
  private final String commitURL;

  @Schema(title = "The plan's id",
      description = "A digest of what was planned; a second run that finds nothing to do has the same summary, not necessarily the same id.")
  private final String planId;

  @Schema(title = "The plan's summary", description = "For example `2 to create, 1 to update, 0 to delete`.")
  private final String summary;

  @Schema(title = "Whether this was a dry run (nothing written)", description = "From the task's `dryRun`.")
  private final Boolean dryRun;
}
