package dev.driftless.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Where the command writes: results on standard output, progress and errors on standard error.
 * Colour only on a terminal, and never with {@code --no-color} or {@code NO_COLOR} set.
 */
final class Console {

  private final PrintStream out;
  private final PrintStream err;
  private final boolean color;
  private final boolean interactive;

  Console(PrintStream out, PrintStream err, boolean color, boolean interactive) {
    this.out = out;
    this.err = err;
    this.color = color;
    this.interactive = interactive;
  }

  static Console system(boolean noColor, Map<String, String> env) {
    boolean terminal = System.console() != null;
    boolean color = terminal && !noColor && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    return new Console(System.out, System.err, color, terminal);
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
    if (interactive) {
      err.print("\r\u001b[2K" + line);
    } else {
      err.println(line);
    }
    err.flush();
  }

  void progressDone() {
    if (interactive) {
      err.println();
    }
  }

  void note(String line) {
    err.println(line);
  }
}
