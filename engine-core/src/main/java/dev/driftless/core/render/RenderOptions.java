package dev.driftless.core.render;

/**
 * How a plan is drawn.
 *
 * @param color ANSI colours, for terminals
 * @param diffs show each change's diff
 * @param unchanged list the resources that are in sync too
 */
public record RenderOptions(boolean color, boolean diffs, boolean unchanged) {

  /** Plain text with diffs, without the unchanged resources. */
  public static RenderOptions plain() {
    return new RenderOptions(false, true, false);
  }

  public RenderOptions withColor(boolean value) {
    return new RenderOptions(value, diffs, unchanged);
  }

  public RenderOptions withDiffs(boolean value) {
    return new RenderOptions(color, value, unchanged);
  }

  public RenderOptions withUnchanged(boolean value) {
    return new RenderOptions(color, diffs, value);
  }
}
