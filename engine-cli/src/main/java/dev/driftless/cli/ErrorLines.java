package dev.driftless.cli;

import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.Problem;
import dev.driftless.core.render.VisibleText;
import dev.driftless.port.DriftlessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * An error as the lines printed for it: one line, or one per problem of a task file (each naming
 * its file, line and property), never a stack trace; a bad command line as one line.
 */
final class ErrorLines {

  private ErrorLines() {}

  static List<String> of(Throwable e) {
    if (e instanceof InvalidTaskException invalid && !invalid.problems().isEmpty()) {
      return invalid.problems().stream().map(Problem::render).map(ErrorLines::oneLine).toList();
    }
    return List.of(oneLine(describe(e)));
  }

  private static String describe(Throwable e) {
    if (e instanceof UserError || e instanceof DriftlessException || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (e instanceof UncheckedIOException io) {
      return describe(io.getCause());
    }
    if (e instanceof NoSuchFileException missing) {
      return missing.getFile() + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof IOException && e.getMessage() != null) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * The problem in one line. Unknown options are named without the values that follow them: a
   * password given as an argument must not be echoed into a log.
   */
  static String ofParameters(CommandLine.ParameterException ex) {
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      List<String> options = unmatched.getUnmatched().stream().filter(a -> a.startsWith("-"))
          .map(a -> a.replaceAll("=.*", "")).toList();
      if (unmatched.isUnknownOption() && !options.isEmpty()) {
        return oneLine((options.size() == 1 ? "Unknown option: '" : "Unknown options: '") + String.join("', '", options)
            + "'");
      }
      if (!ex.getCommandLine().getSubcommands().isEmpty()) {
        String given = unmatched.getUnmatched().get(0);
        return oneLine("unknown command '" + given + "'" + ex.getCommandLine().getSubcommands().keySet().stream()
            .filter(name -> editDistance(given, name) <= 2).findFirst().map(name -> "; did you mean '" + name + "'?")
            .orElse(""));
      }
    }
    return oneLine(ex.getMessage());
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      previous = current;
    }
    return previous[b.length()];
  }

  /**
   * Multi-line messages (a server's error body, a YAML excerpt) folded onto one line, with every
   * character a terminal would act on (an escape sequence in a file name or a server's words)
   * shown as an escape ({@link VisibleText}).
   */
  static String oneLine(String message) {
    // Line by line rather than one pattern over the whole, which takes time quadratic in long blanks.
    return VisibleText.of(message.lines().map(String::strip).filter(l -> !l.isEmpty())
        .collect(Collectors.joining(" ")));
  }
}
