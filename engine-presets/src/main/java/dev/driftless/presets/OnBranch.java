package dev.driftless.presets;

import org.immutables.value.Value;

/** Tasks whose branch defaults to {@code main}, as in the plugin. */
public interface OnBranch {

  @Value.Default
  default String branch() {
    return "main";
  }
}
