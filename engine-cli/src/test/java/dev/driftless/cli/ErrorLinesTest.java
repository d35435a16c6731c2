package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorLinesTest {

  @Test
  void oneLine_joinsLines_andDropsBlankOnes() {
    assertEquals("Kestra refused: the flow is invalid", ErrorLines.oneLine("  Kestra refused:\n\n   the flow is invalid \r\n"));
  }

  /** A server's message of blanks once took time quadratic in their number to fold into one line. */
  @Test
  void oneLine_ofAMegabyteOfBlanks_endsPromptly() {
    String message = "refused:" + " ".repeat(1 << 20) + "x";
    String line = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ErrorLines.oneLine(message));
    assertEquals(message, line);
  }
}
