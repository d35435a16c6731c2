package dev.driftless.plugin;

import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

/** A task that commits what Kestra holds to a Git branch, created when missing. */
@SuperBuilder
@NoArgsConstructor
@Getter
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public abstract class AbstractPushTask<O extends SyncOutput> extends AbstractCommitTask<O> {

  @Schema(title = "The branch to commit to", description = "Created from the remote's default branch when missing.")
  @PluginProperty(group = "main")
  @Builder.Default
  protected Property<String> branch = Property.ofValue("main");

  @Schema(title = "Delete the files in Git that Kestra no longer has",
      description = "Only ever files this task manages (those its selector matches, in its directory); never a README or "
          + "anything else beside them. PushExecutionFiles never deletes and ignores it.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  protected Property<Boolean> delete = Property.ofValue(true);
}
