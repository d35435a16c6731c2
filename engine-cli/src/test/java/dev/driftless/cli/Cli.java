package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the {@code driftless} command in this process, with a given environment and captured streams. */
final class Cli {

  private Cli() {}

  static Result run(Map<String, String> env, String... args) {
    return runWithInput(env, "", args);
  }

  static Result runWithInput(Map<String, String> env, String stdin, String... args) {
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Main.run(args, Map.copyOf(env), o, e, in);
    }
    return new Result(List.of(args), exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What one run of the command did. */
  record Result(List<String> args, int exit, String out, String err) {

    /** The lines on standard error. */
    List<String> errLines() {
      return err.lines().toList();
    }

    Result assertExit(int expected) {
      assertEquals(expected, exit, () -> "exit code of driftless " + String.join(" ", args) + "\n" + this);
      return this;
    }

    /**
     * A failure as the user sees it: the exit code, exactly one line on standard error, with this
     * start, and no stack trace.
     */
    Result assertOneErrorLine(String start) {
      assertExit(1);
      assertEquals(1, errLines().size(), () -> "one line on stderr expected\n" + this);
      String line = errLines().get(0);
      assertTrue(line.startsWith(start), () -> "stderr should start with '" + start + "'\n" + this);
      assertNoStackTrace();
      return this;
    }

    Result assertNoStackTrace() {
      assertFalse(err.contains("\tat ") || err.contains("Exception:") || err.contains("Caused by"),
          () -> "a stack trace on stderr\n" + this);
      return this;
    }

    /** Neither stream holds an ANSI escape sequence. */
    Result assertNoAnsi() {
      assertFalse(out.contains("\u001b") || err.contains("\u001b"), () -> "ANSI escapes off a terminal\n" + this);
      return this;
    }

    /** None of these values appears in either stream. */
    Result assertNoneOf(List<String> secrets) {
      for (String secret : secrets) {
        assertFalse(out.contains(secret) || err.contains(secret),
            () -> "a secret appears in the output of driftless " + String.join(" ", args) + "\n" + this);
      }
      return this;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }
  }
}
