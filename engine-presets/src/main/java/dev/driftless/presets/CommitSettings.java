package dev.driftless.presets;

import java.util.Optional;

/** How a task that writes to Git signs its commit. */
public interface CommitSettings {

  Optional<String> commitMessage();

  /** Defaults to {@code username}. */
  Optional<String> authorName();

  Optional<String> authorEmail();
}
