package dev.driftless.presets;

import org.immutables.value.Value;

/** Tasks whose branch defaults to {@code main}, as in the plugin. */
public interface OnBranch {

  /** The branch when none is given; the CLI's {@code --branch} defaults to it too. */
  String DEFAULT_BRANCH = "main";

  @Value.Default
  default String branch() {
    return DEFAULT_BRANCH;
  }
}
