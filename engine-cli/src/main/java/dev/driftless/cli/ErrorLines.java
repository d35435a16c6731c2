package dev.driftless.cli;

import dev.driftless.core.preset.InvalidTaskException;
import dev.driftless.core.preset.Problem;
import dev.driftless.port.DriftlessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * An error as the lines printed for it: one line, or one per problem of a task file (each naming
 * its file, line and property), never a stack trace.
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

  /** Multi-line messages (a server's error body, a YAML excerpt) folded onto one line. */
  static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
