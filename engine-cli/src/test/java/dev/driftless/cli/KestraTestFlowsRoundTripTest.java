package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kestra's own valid test flows (the {@code flows/valids} of {@code io.kestra:core:0.20.7:tests},
 * read as data) go Git → Kestra → Git through the command, on every kind of server: each flow the
 * server takes comes back byte for byte, each it refuses is named with the server's reason, and
 * planning again changes nothing on either side.
 */
@Timeout(300)
class KestraTestFlowsRoundTripTest {

  private static final Pattern ID = Pattern.compile("(?m)^id:\\s*\"?([^\\s\"#]+)");
  private static final Pattern NAMESPACE = Pattern.compile("(?m)^namespace:\\s*\"?([^\\s\"#]+)");
  private static final String USER = "admin@driftless.test";
  private static final String PASSWORD = "Round-Trip-P4ss";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"LEGACY, 0.20.7", "OSS, 1.3.0", "EE, 1.3.0"})
  void kestrasValidFlows_roundTripThroughTheCommand_byteForByte(Mode mode, String version) throws IOException {
    SortedMap<String, byte[]> flows = kestraValidFlows();
    assertTrue(flows.size() > 150, "Kestra's test flows were not found: " + flows.size());
    Repos repos = Repos.in(dir.resolve("repos"));
    BareRepo source = repos.bare("source");
    BareRepo copy = repos.bare("copy");
    PendingCommit commit = source.commit(Repos.MAIN);
    flows.forEach(commit::add);
    commit.push();

    try (KestraEmulator kestra = KestraEmulator.builder().mode(mode).version(version).basicAuth(USER, PASSWORD)
        .start()) {
      Map<String, String> env = Map.of("KESTRA_USERNAME", USER, "KESTRA_PASSWORD", PASSWORD);
      Path planFile = dir.resolve("to-kestra.json");
      Cli.run(env, args("plan", source, kestra, "git", "--out", planFile.toString())).assertExit(0);
      Plan toKestra = PlanFiles.read(planFile);
      Map<String, String> refused = refusals(toKestra);
      Cli.run(env, "apply", planFile.toString(), "--auto-approve").assertExit(0).assertNoStackTrace();

      Cli.run(env, args("apply", copy, kestra, "kestra", "--auto-approve")).assertExit(0).assertNoStackTrace();
      SortedMap<String, String> copied = copy.files(Repos.MAIN);

      List<String> notBack = new ArrayList<>();
      int roundTripped = 0;
      for (Map.Entry<String, byte[]> flow : flows.entrySet()) {
        String path = flow.getKey();
        if (refused.containsKey(path)) {
          assertTrue(!copied.containsKey(path), path + " was refused, yet it reached Kestra");
          continue;
        }
        String back = copied.get(path);
        if (back == null || !back.equals(new String(flow.getValue(), StandardCharsets.UTF_8))) {
          notBack.add(path);
        } else {
          roundTripped++;
        }
      }
      assertEquals(List.of(), notBack, "flows Kestra took that did not come back byte for byte");
      for (Map.Entry<String, String> r : refused.entrySet()) {
        assertTrue(r.getValue().contains("Kestra's validation refuses it: ") || r.getValue().contains("removes the line"),
            r.getKey() + " was refused without Kestra's reason: " + r.getValue());
      }
      assertTrue(roundTripped > 100, "only " + roundTripped + " of " + flows.size() + " flows round-tripped");
      System.out.printf("%s %s: %d of %d flows round-tripped, %d refused by the server%n", mode, version,
          roundTripped, flows.size(), refused.size());

      Cli.run(env, args("plan", source, kestra, "git", "--detailed-exitcode")).assertExit(0);
      Cli.run(env, args("plan", copy, kestra, "kestra", "--detailed-exitcode")).assertExit(0);
    }
  }

  private static String[] args(String command, BareRepo repo, KestraEmulator kestra, String sourceOfTruth,
      String... more) {
    List<String> out = new ArrayList<>(List.of(command, "--git", repo.gitDir().toString(), "--kestra",
        kestra.url().toString(), "--tenant-wide", "--kinds", "flow", "--source-of-truth", sourceOfTruth, "--no-color"));
    out.addAll(List.of(more));
    return out.toArray(String[]::new);
  }

  /** The Git paths of the flows the plan blocks because Kestra would refuse or alter them, with why. */
  private static Map<String, String> refusals(Plan plan) {
    Map<String, String> out = new TreeMap<>();
    for (Change c : plan.changes()) {
      if (c.action() == Action.BLOCKED) {
        String why = plan.diagnostics().stream().filter(d -> d.key().filter(c.key()::equals).isPresent())
            .map(Diagnostic::render).reduce("", (a, b) -> a + b);
        out.put(c.key().namespace() + "/flows/" + c.key().name() + ".yaml", why);
      }
    }
    return out;
  }

  /** Kestra's valid test flows, by the path of the namespace layout, with their exact bytes. */
  static SortedMap<String, byte[]> kestraValidFlows() throws IOException {
    URL marker = KestraTestFlowsRoundTripTest.class.getClassLoader().getResource("flows/valids/minimal.yaml");
    if (marker == null) {
      throw new IllegalStateException("io.kestra:core:0.20.7:tests is not on the test class path");
    }
    SortedMap<String, byte[]> out = new TreeMap<>();
    URI jar;
    try {
      jar = marker.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (FileSystem zip = FileSystems.newFileSystem(URI.create(jar.toString().substring(0, jar.toString().indexOf("!/"))),
        Map.of()); Stream<Path> files = Files.list(zip.getPath("/flows/valids"))) {
      Map<String, byte[]> byName = new LinkedHashMap<>();
      files.filter(Files::isRegularFile).forEach(p -> {
        try {
          byName.put(p.getFileName().toString(), Files.readAllBytes(p));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      byName.forEach((name, bytes) -> {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Matcher id = ID.matcher(text);
        Matcher ns = NAMESPACE.matcher(text);
        if (id.find() && ns.find()) {
          out.put(ns.group(1) + "/flows/" + id.group(1) + ".yaml", bytes);
        }
      });
    }
    return out;
  }
}
