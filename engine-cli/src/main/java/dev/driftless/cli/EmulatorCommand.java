package dev.driftless.cli;

import dev.driftless.emulator.KestraEmulatorMain;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code driftless emulator}: the emulator's own command line ({@link KestraEmulatorMain}), which
 * this passes its arguments to, so that both take the same options and secrets by the same rule
 * and say the same words. Its usage is the emulator's too (see {@link #useTheEmulatorsUsage}).
 */
@Command(name = "emulator", description = "Run the Kestra API emulator until interrupted (Ctrl-C).")
final class EmulatorCommand implements Runnable {

  private static final String COMMAND = "driftless emulator";

  @ParentCommand
  Main main;

  /** Every argument but driftless's own options (--debug, --no-color, --progress), in order. */
  @Unmatched
  List<String> arguments = new ArrayList<>();

  @Override
  public void run() {
    KestraEmulatorMain.run(arguments, main.env, main.out, main.err, COMMAND);
  }

  /** Makes {@code driftless help emulator} print what {@code driftless emulator --help} prints. */
  static void useTheEmulatorsUsage(CommandLine emulator) {
    emulator.getHelpSectionMap().put("emulator", help -> KestraEmulatorMain.usage(COMMAND));
    emulator.setHelpSectionKeys(List.of("emulator"));
  }
}
