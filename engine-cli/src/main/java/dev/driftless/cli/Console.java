package dev.driftless.cli;

import dev.driftless.core.render.VisibleText;
import java.io.PrintStream;
import java.util.Map;

/**
 * Where the command writes: results on standard output, progress, notes and errors on standard
 * error. Colour only on a terminal, and never with {@code --no-color} or {@code NO_COLOR} set.
 * Progress only on a terminal, where each line overwrites the last, unless {@code --progress} asks
 * for it elsewhere (one line each): so that a failure off a terminal prints its one line alone.
 * Progress lines and notes may name what a side holds, so every character a terminal would act on
 * is shown as an escape ({@link VisibleText}); the only escape sequences written are the console's
 * own.
 */
final class Console {

  private static final String CLEAR_LINE = "\r\u001b[2K";

  private final PrintStream out;
  private final PrintStream err;
  private final boolean color;
  private final boolean interactive;
  private final boolean showProgress;
  private final Timings timings;
  private boolean progressShown;

  Console(PrintStream out, PrintStream err, boolean color, boolean interactive, boolean showProgress) {
    this(out, err, color, interactive, showProgress, Timings.of(Map.of()));
  }

  private Console(PrintStream out, PrintStream err, boolean color, boolean interactive, boolean showProgress,
      Timings timings) {
    this.timings = timings;
    this.out = out;
    this.err = err;
    this.color = color;
    this.interactive = interactive;
    this.showProgress = showProgress;
  }

  /**
   * The console for these streams: a terminal only when they are the process's own and it has
   * one.
   */
  static Console of(PrintStream out, PrintStream err, Map<String, String> env, boolean noColor, boolean progress) {
    boolean terminal = out == System.out && err == System.err && Terminal.attached();
    boolean color = terminal && !noColor && env.getOrDefault("NO_COLOR", "").isEmpty()
        && !"dumb".equals(env.get("TERM"));
    return new Console(out, err, color, terminal, terminal || progress, Timings.of(env));
  }

  /** The steps' timings ({@code DRIFTLESS_TIMINGS}); they record nothing unless it is set. */
  Timings timings() {
    return timings;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean color() {
    return color;
  }

  /** Whether a person is at a terminal to answer a question. */
  boolean interactive() {
    return interactive;
  }

  /** A progress line on standard error; overwritten in place on a terminal. */
  void progress(String line) {
    if (!showProgress) {
      return;
    }
    line = VisibleText.of(line);
    if (interactive) {
      err.print(CLEAR_LINE + line);
      progressShown = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the progress line on a terminal, keeping its last text. */
  void progressDone() {
    if (progressShown) {
      err.println();
      progressShown = false;
    }
  }

  /** Clears the progress line on a terminal, so that an error starts on a line of its own. */
  void clearProgress() {
    if (progressShown) {
      err.print(CLEAR_LINE);
      err.flush();
      progressShown = false;
    }
  }

  void note(String line) {
    clearProgress();
    err.println(VisibleText.of(line));
  }
}
