package dev.driftless.plugin;

import dev.driftless.presets.FieldGroups;
import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

/** A sync task that may commit to Git: how its commit is signed and described. */
@SuperBuilder
@NoArgsConstructor
@Getter
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public abstract class AbstractCommitTask<O extends SyncOutput> extends AbstractSyncTask<O> {

  @Schema(title = "The commit message",
      description = "By default the Git plugin's for the task (`Add flows from <namespace> namespace`, `Namespace sync "
          + "from Kestra`...). `{summary}` and `{planId}` are replaced by the plan's summary and id; Pebble expressions "
          + "such as `{{ flow.id }}` are rendered first.")
  @PluginProperty(group = "destination")
  protected Property<String> commitMessage;

  @Schema(title = "The commit author's name", description = "`username` when not set.")
  @PluginProperty(group = "destination")
  protected Property<String> authorName;

  @Schema(title = "The commit author's e-mail address", description = "None unless set, as in the Git plugin.")
  @PluginProperty(group = "destination")
  protected Property<String> authorEmail;

  /** Sets the rendered commit settings on a task request's builder. */
  protected <B extends FieldGroups.CommitInfo<B>> B commit(RunContext runContext, B builder)
      throws IllegalVariableEvaluationException {
    Rendered r = new Rendered(runContext);
    r.string(commitMessage).ifPresent(builder::commitMessage);
    r.string(authorName).ifPresent(builder::authorName);
    r.string(authorEmail).ifPresent(builder::authorEmail);
    return builder;
  }
}
