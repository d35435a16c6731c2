package dev.driftless.presets;

import java.util.Optional;

/** How a task that writes to Git signs its commit. */
public interface CommitSettings {

  Optional<String> commitMessage();

  /** Defaults to {@code username}. */
  Optional<String> authorName();

  Optional<String> authorEmail();

  /**
   * The message when {@code commitMessage} is not set: the Git plugin's for the task ({@code Add
   * flows from dev namespace}), so that a history made by the plugin reads on unchanged.
   */
  default String defaultCommitMessage() {
    return dev.driftless.git.GitSettings.DEFAULT_COMMIT_MESSAGE;
  }
}
