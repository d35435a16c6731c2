package dev.driftless.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code driftless version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Runnable {

  @ParentCommand
  Main main;

  @Override
  public void run() {
    main.out.println(new Version().getVersion()[0]);
  }
}
