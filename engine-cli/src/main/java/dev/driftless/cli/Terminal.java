package dev.driftless.cli;

/** Whether the process runs on an interactive terminal. */
final class Terminal {

  private Terminal() {}

  /**
   * True when standard input and output are a terminal. Before Java 22 that is exactly when there
   * is a {@link java.io.Console}; Java 22 to 24 give a console even when the streams are
   * redirected, and say whether it is a terminal with {@code Console.isTerminal()}.
   */
  static boolean attached() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException beforeJava22) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
