package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code driftless version}, and {@code --help} on every command. */
class HelpAndVersionTest {

  static Stream<String> commands() {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    return new CommandLine(new Main(Map.of(), sink, sink, new ByteArrayInputStream(new byte[0])))
        .getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
  }

  @Test
  void everyCommandOfTheIssue_exists() {
    assertEquals(List.of("plan", "apply", "show", "run", "watch", "emulator", "demo", "version"), commands().toList());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_onEveryCommand_isUsageOnStdout_exit0(String command) {
    for (String help : List.of("--help", "-h")) {
      Cli.Result result = Cli.run(Map.of(), command, help).assertExit(0).assertNoAnsi();
      assertTrue(result.out().startsWith("Usage: driftless " + command), result.out());
      assertEquals("", result.err());
    }
    assertEquals(Cli.run(Map.of(), command, "--help").out(), Cli.run(Map.of(), "help", command).out());
  }

  @Test
  void help_onTheCommand_listsEveryCommand_andWhereCredentialsComeFrom() {
    Cli.Result result = Cli.run(Map.of(), "--help").assertExit(0);

    commands().forEach(c -> assertTrue(result.out().contains("\n  " + c + " "), c));
    assertTrue(result.out().contains("Credentials come only from the environment (never from arguments)"));
    assertTrue(result.out().contains("Exit codes: 0 success, 1 error, 2 changes present"));
    assertEquals(result.out(), Cli.run(Map.of()).out(), "no command prints the usage");
  }

  /**
   * picocli formats every description line as a format string: a bare {@code %} makes it print a
   * warning on the process's stderr and the raw text, so every line must format.
   */
  @Test
  void everyDescription_isAValidFormatString() {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    CommandLine main = new CommandLine(new Main(Map.of(), sink, sink, new ByteArrayInputStream(new byte[0])));
    java.util.Set<Class<?>> classes = new java.util.LinkedHashSet<>();
    Stream.concat(Stream.of(main), main.getSubcommands().values().stream()).forEach(command -> {
      classes.add(command.getCommandSpec().userObject().getClass());
      command.getCommandSpec().mixins().values().forEach(mixin -> classes.add(mixin.userObject().getClass()));
    });
    int checked = 0;
    for (Class<?> type : classes) {
      for (java.lang.reflect.Field field : type.getDeclaredFields()) {
        CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
        if (option == null) {
          continue;
        }
        for (String line : option.description()) {
          checked++;
          try {
            String.format(line);
          } catch (java.util.IllegalFormatException e) {
            throw new AssertionError(type.getSimpleName() + " " + String.join("|", option.names()) + ": " + line, e);
          }
        }
      }
    }
    assertTrue(checked > 20, "descriptions checked: " + checked);
  }

  @Test
  void helpLines_fitInEightyColumns() {
    Stream.concat(Stream.of("--help"), commands().map(c -> c + " --help")).forEach(args -> {
      String out = Cli.run(Map.of(), args.split(" ")).out();
      out.lines().forEach(line -> assertTrue(line.length() <= 80, args + ": " + line));
    });
  }

  @Test
  void version_namesTheBuildsVersion_andJava() {
    Cli.Result result = Cli.run(Map.of(), "version").assertExit(0);

    assertTrue(result.out().matches("driftless \\d+\\.\\d+\\.\\d+\\S* \\(Java \\S+\\)\n"), result.out());
    assertEquals(result.out(), Cli.run(Map.of(), "--version").out());
    assertEquals(result.out(), Cli.run(Map.of(), "-V").out());
    assertEquals("", result.err());
  }
}
