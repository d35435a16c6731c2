package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Credentials come only from the environment or files it names, never from arguments, and never
 * appear in any output: not on success, not on failure, not with {@code --debug}.
 */
@Timeout(60)
class CredentialsTest {

  @TempDir
  Path dir;

  /** The emulator's options are its own command line's, which refuses secrets too (EmulatorCommandTest). */
  @Test
  void noOptionTakesACredential() {
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    CommandLine cli = new CommandLine(new Main(Map.of(), sink, sink, new ByteArrayInputStream(new byte[0])));
    List<String> credentialOptions = new ArrayList<>();
    cli.getSubcommands().forEach((command, sub) -> {
      for (OptionSpec option : sub.getCommandSpec().options()) {
        for (String name : option.names()) {
          if (name.matches("(?i).*(pass|token|secret|key|auth|cred).*")) {
            credentialOptions.add(command + " " + name);
          }
        }
      }
    });

    assertEquals(List.of(), credentialOptions);
  }

  @Test
  void aCredentialAsAnArgument_isAnUnknownOption_namedWithoutItsValue() {
    Cli.run(Map.of(), "plan", "--password", "hunter2", "--git", "x", "--kestra", "http://127.0.0.1:1")
        .assertOneErrorLine("driftless plan: Unknown option: '--password' (see 'driftless plan --help')")
        .assertNoneOf(List.of("hunter2"));
    Cli.run(Map.of(), "apply", "--token=hunter2", "--kestra-password", "hunter2")
        .assertOneErrorLine("driftless apply: Unknown options: '--token', '--kestra-password' (see 'driftless apply "
            + "--help')").assertNoneOf(List.of("hunter2"));
  }

  @Test
  void secretsNeverAppear_onSuccess_onFailure_orWithDebug() {
    try (Sides sides = Sides.start(dir)) {
      sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "from Git")).push();

      sides.cli(sides.command("plan", "--progress")).assertExit(0);
      sides.cli(sides.command("apply", "--auto-approve", "--progress")).assertExit(0);

      Map<String, String> wrongGit = new HashMap<>(sides.env());
      wrongGit.put("GIT_PASSWORD", sides.git.credentials().token() + "-wrong");
      sides.cli(wrongGit, sides.command("plan", "--debug")).assertExit(1)
          .assertNoneOf(List.of(wrongGit.get("GIT_PASSWORD")));

      Map<String, String> wrongKestra = new HashMap<>(sides.env());
      wrongKestra.put("KESTRA_PASSWORD", sides.kestraPassword + "-wrong");
      sides.cli(wrongKestra, sides.command("plan", "--debug")).assertExit(1)
          .assertNoneOf(List.of(wrongKestra.get("KESTRA_PASSWORD")));
    }
  }

  @Test
  void kestraPassword_canComeFromAFile() throws IOException {
    try (Sides sides = Sides.start(dir)) {
      sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "from Git")).push();
      Map<String, String> env = new HashMap<>(sides.env());
      env.remove("KESTRA_PASSWORD");
      env.put("KESTRA_PASSWORD_FILE", Files.writeString(dir.resolve("kestra-password"), sides.kestraPassword + "\n")
          .toString());

      sides.cli(env, sides.command("plan", "--detailed-exitcode")).assertExit(2);

      env.put("KESTRA_PASSWORD_FILE", dir.resolve("missing").toString());
      sides.cli(env, sides.command("plan")).assertOneErrorLine("driftless: cannot read KESTRA_PASSWORD_FILE ");
    }
  }

  @Test
  void kestraApiToken_fromTheEnvironment() {
    String token = "tok-" + Sides.random();
    try (Sides sides = Sides.start(dir);
        KestraEmulator ee = KestraEmulator.builder().mode(Mode.EE).version("1.3.0").apiToken(token).port(0).start()) {
      sides.commit().add("dev/flows/a.yaml", Sides.flow("dev", "a", "from Git")).push();
      Map<String, String> env = new HashMap<>(sides.env());
      env.remove("KESTRA_USERNAME");
      env.remove("KESTRA_PASSWORD");
      env.put("KESTRA_API_TOKEN", token);

      sides.cli(env, "apply", "--git", sides.gitUrl(), "--kestra", ee.url().toString(), "--tenant", "main",
          "--namespace", "dev", "--source-of-truth", "git", "--auto-approve").assertExit(0).assertNoneOf(List.of(token));

      assertTrue(ee.state().flowSource(Sides.TENANT, "dev", "a").isPresent());
      assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
    }
  }
}
