package dev.driftless.cli;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.render.PlanText;
import dev.driftless.core.render.RenderOptions;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.plan.Plan;
import dev.driftless.plan.PlanOptions;
import dev.driftless.policy.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code driftless demo}: the whole loop on a fresh machine with no server. Starts the Kestra API
 * emulator on a free loopback port, makes a local Git repository with example flows, shows the plan,
 * applies it, changes a flow in Kestra behind Git's back, shows the drift, and restores it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"A guided tour on the embedded Kestra API emulator: plan, apply, drift, restore.",
        "Needs no server; everything runs on 127.0.0.1 and in a temporary directory."})
final class DemoCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--keep", description = "Keep the temporary Git repository (its path is printed).")
  boolean keep;

  private static final String USER = "demo@driftless.dev";

  @Override
  public Integer call() throws Exception {
    Console console = main.console();
    String password = "Demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(9))
        + "9a";
    Path workspace = Files.createTempDirectory("driftless-demo-");
    step(console, 1, "Start a Kestra API emulator (Kestra 1.3 OSS, Basic auth) on a free loopback port");
    try (KestraEmulator emulator = KestraEmulator.builder().mode(Mode.OSS).version("1.3.0").basicAuth(USER, password)
        .port(0).start()) {
      say(console, "Kestra emulator listening on " + emulator.url());

      Path repo = workspace.resolve("flows");
      step(console, 2, "Make a Git repository with the example flows, in the NamespaceSync layout");
      createRepository(repo);
      say(console, "Repository " + repo + " holds dev/flows/{hello_world,flow1,flow2}.yaml, "
          + "dev.tutorial/flows/{hello_world_1,hello_world_2}.yaml and dev/files/scripts/greet.py");

      SideOptions sides = new SideOptions();
      sides.git = repo.toString();
      sides.kestra = emulator.url().toString();
      sides.namespaces = List.of("dev");
      sides.children = true;
      sides.sourceOfTruth = SideOptions.Truth.git;
      sides.kinds = List.of("flow", "namespace-file");
      Map<String, String> env = new HashMap<>(main.env);
      env.put("KESTRA_USERNAME", USER);
      env.put("KESTRA_PASSWORD", password);
      Policy policy = sides.policy();
      PlanOptions options = sides.planOptions().build();

      try (Session session = Session.open(sides, env, policy, console)) {
        step(console, 3, "Plan: Git is the source of truth for namespace dev and its children");
        say(console, "Equivalent command: driftless plan --git " + repo + " --kestra " + emulator.url()
            + " --namespace dev --children --kinds flow,namespace-file --source-of-truth git");
        Plan first = session.plan(options);
        print(console, first);

        step(console, 4, "Apply exactly that plan: one API call per resource, each checked against what was planned");
        ApplyResult applied = session.apply(first);
        console.out().print(Session.describe(first, applied));
        if (!applied.isComplete()) {
          return 1;
        }

        step(console, 5, "Someone edits dev/hello_world in the Kestra UI, behind Git's back");
        driftHelloWorld(emulator, password);
        say(console, "PUT " + emulator.apiUrl() + "/flows/dev/hello_world: the greeting now says 'hello from the UI'");

        step(console, 6, "Plan again: the drift shows as an update back to what Git holds");
        Plan drift = session.plan(options);
        print(console, drift);

        step(console, 7, "Apply: Kestra is restored to Git's version, byte for byte");
        console.out().print(Session.describe(drift, session.apply(drift)));
        Plan last = session.plan(options);
        console.out().println(last.summary().line());
        console.out().println(last.hasWork() ? "Still drifting?" : "No changes. Git and Kestra are in sync.");
        if (last.hasWork()) {
          return 1;
        }
      }
      step(console, 8, "Done");
      say(console, "The emulator served " + emulator.requests().size() + " requests; it is stopping now.");
      say(console, "Try it with your own Kestra: driftless plan --git <repo> --kestra <url> --namespace <ns> "
          + "(credentials from KESTRA_USERNAME and KESTRA_PASSWORD).");
      return 0;
    } finally {
      if (keep) {
        console.note("Kept " + workspace);
      } else {
        deleteTree(workspace);
      }
    }
  }

  private void print(Console console, Plan plan) {
    console.out().print(PlanText.render(plan, RenderOptions.plain().withColor(console.color())));
    console.out().flush();
  }

  private static void step(Console console, int number, String what) {
    console.out().println();
    console.out().println(console.color() ? "\u001b[1m" + number + ". " + what + "\u001b[0m" : number + ". " + what);
    console.out().flush();
  }

  private static void say(Console console, String line) {
    console.out().println("   " + line);
  }

  static void createRepository(Path repo) throws IOException, GitAPIException {
    Map<String, String> files = Map.of(
        "dev/flows/hello_world.yaml", Flows.HELLO_WORLD,
        "dev/flows/flow1.yaml", Flows.FLOW1,
        "dev/flows/flow2.yaml", Flows.FLOW2,
        "dev.tutorial/flows/hello_world_1.yaml", Flows.tutorial("hello_world_1"),
        "dev.tutorial/flows/hello_world_2.yaml", Flows.tutorial("hello_world_2"),
        "dev/files/scripts/greet.py", "import sys\nprint(f\"hello {sys.argv[1]}\")\n",
        "README.md", "# Kestra flows\n\nOne folder per namespace, as NamespaceSync writes them.\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = repo.resolve(f.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Driftless demo", "demo@driftless.dev");
      git.commit().setMessage("Example flows").setAuthor(who).setCommitter(who).setSign(false).call();
    }
  }

  private static void driftHelloWorld(KestraEmulator emulator, String password) throws IOException, InterruptedException {
    String edited = Flows.HELLO_WORLD.replace("message: hi {{ inputs.greeting }}", "message: hello from the UI");
    HttpRequest put = HttpRequest.newBuilder(URI.create(emulator.apiUrl() + "/flows/dev/hello_world"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-yaml")
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .PUT(HttpRequest.BodyPublishers.ofString(edited))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the emulator refused the edit: HTTP " + response.statusCode());
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + root, e);
    }
  }

  /** The example flows of the Kestra documentation's PushFlows guide. */
  static final class Flows {
    static final String HELLO_WORLD = """
        id: hello_world
        namespace: dev

        inputs:
          - id: greeting
            type: STRING
            defaults: hey

        tasks:
          - id: welcome
            type: io.kestra.plugin.core.log.Log
            message: hi {{ inputs.greeting }}
        """;

    static final String FLOW1 = """
        id: flow1
        namespace: dev
        tasks:
          - id: test
            type: io.kestra.plugin.core.log.Log
            message: this is too easy
        """;

    static final String FLOW2 = """
        id: flow2
        namespace: dev
        tasks:
          - id: test
            type: io.kestra.plugin.core.log.Log
            message: this is the simplest dev-to-prod workflow ever
        """;

    static String tutorial(String id) {
      return """
          id: %s
          namespace: dev.tutorial

          inputs:
            - id: greeting
              type: STRING
              defaults: hey

          tasks:
            - id: print_status
              type: io.kestra.plugin.core.log.Log
              message: hello on {{ inputs.greeting }}
          """.formatted(id);
    }

    private Flows() {}
  }
}
