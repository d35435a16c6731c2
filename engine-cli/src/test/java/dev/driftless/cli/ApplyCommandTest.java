package dev.driftless.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.plan.Diff;
import dev.driftless.plan.Plan;
import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.hostile.Misbehaviour;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftless apply}: saved plans and their staleness, confirmation, and the mass-deletion
 * approval, against the Kestra API emulator and a Git server, in this process.
 */
@Timeout(60)
class ApplyCommandTest {

  private static final String A = Sides.flow("dev", "a", "from Git");
  private static final String B = Sides.flow("dev", "b", "from Git");

  @TempDir
  Path dir;

  Sides sides;
  String planFile;

  /** How the command runs: in this process here, as the built jar in {@link ApplyCommandJarIT}. */
  Driftless driftless() {
    return Driftless.IN_PROCESS;
  }

  @BeforeEach
  void start() {
    sides = Sides.start(dir, driftless());
    sides.commit().add("dev/flows/a.yaml", A).add("dev/flows/b.yaml", B).push();
    sides.state().putFlowSource(Sides.TENANT, Sides.flow("dev", "b", "from the UI"));
    planFile = dir.resolve("plan.json").toString();
  }

  @AfterEach
  void stop() {
    sides.close();
  }

  @Test
  void aSavedPlan_isApplied_whenNeitherSideChangedSince() {
    sides.cli(sides.command("plan", "--out", planFile)).assertExit(0);

    Cli.Result applied = sides.cli("apply", planFile).assertExit(0);

    assertTrue(applied.out().startsWith("Apply complete! 2 changes applied"), applied.out());
    assertEquals(Optional.of(A), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of(B), sides.flowInKestra("dev", "b"));
    sides.cli(sides.command("plan", "--detailed-exitcode")).assertExit(0);
  }

  @Test
  void aSavedPlan_ofFormat2_isStillApplied() throws IOException {
    // A guard as format 2 knew it (judging every side, nothing allowed in advance).
    sides.cli(sides.command("plan", "--out", planFile, "--delete-guard-min-population", "0")).assertExit(0);
    Path file = Path.of(planFile);
    String format2 = asFormat2(Files.readString(file, StandardCharsets.UTF_8));
    assertTrue(format2.contains("\"format_version\" : 2") && format2.contains("\"include_children\""), format2);
    Files.writeString(file, format2, StandardCharsets.UTF_8);

    Cli.Result applied = sides.cli("apply", planFile).assertExit(0);

    assertTrue(applied.out().startsWith("Apply complete! 2 changes applied"), applied.out());
    assertEquals(Optional.of(A), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of(B), sides.flowInKestra("dev", "b"));
  }

  @Test
  void aSavedPlan_isRefused_whenACommitWasPushedSince_andNothingIsWritten() {
    sides.cli(sides.command("plan", "--out", planFile)).assertExit(0);
    sides.commit().add("dev/flows/c.yaml", Sides.flow("dev", "c", "new")).push();

    Cli.Result refused = sides.cli("apply", planFile)
        .assertOneErrorLine("driftless: the saved plan ");

    assertTrue(refused.err().contains(" is stale: Git moved from "), refused.err());
    assertTrue(refused.err().endsWith("; nothing was applied. Plan again.\n"), refused.err());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of(Sides.flow("dev", "b", "from the UI")), sides.flowInKestra("dev", "b"));
  }

  @Test
  void aSavedPlan_isRefused_whenAFlowWasEditedInKestraSince_andNothingIsWritten() {
    sides.cli(sides.command("plan", "--out", planFile)).assertExit(0);
    String edited = Sides.flow("dev", "b", "edited again in the UI");
    sides.state().putFlowSource(Sides.TENANT, edited);

    Cli.Result refused = sides.cli("apply", planFile).assertOneErrorLine("driftless: the saved plan ");

    assertTrue(refused.err().contains(" is stale: Kestra changed ("), refused.err());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of(edited), sides.flowInKestra("dev", "b"));
  }

  @Test
  void aSavedPlan_editedAfterItWasMade_isRefused_namingTheFile_andNothingIsWritten() throws IOException {
    sides.cli(sides.command("plan", "--out", planFile)).assertExit(0);
    Path file = Path.of(planFile);
    String saved = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, saved.replace("+    message: from Git", "+    message: harmless"), StandardCharsets.UTF_8);

    sides.cli("apply", planFile).assertOneErrorLine("driftless: the plan file " + planFile
        + " was changed after it was made: its content does not match its digest");

    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of(Sides.flow("dev", "b", "from the UI")), sides.flowInKestra("dev", "b"));
  }

  /**
   * A plan file rewritten with a digest that matches its new text (who can write the file can do
   * that) still shows something other than what applying it would do: planning again finds out.
   */
  @Test
  void aSavedPlan_forgedWithAMatchingDigest_isRefused_andNothingIsWritten() {
    sides.cli(sides.command("plan", "--out", planFile)).assertExit(0);
    Plan saved = PlanFiles.read(Path.of(planFile));
    Plan.Builder forged = Plan.builder().id(saved.id()).git(saved.git()).kestra(saved.kestra()).policy(saved.policy())
        .addAllDiagnostics(saved.diagnostics()).putAllMetadata(saved.metadata());
    saved.changes().forEach(c -> forged.addChanges(
        c.withDiff(c.diff().map(d -> new Diff(d.text().replace("+    message: from Git", "+    message: harmless"),
            d.added(), d.removed())))));
    PlanFiles.write(Path.of(planFile), forged.build());

    Cli.Result refused = sides.cli("apply", planFile).assertOneErrorLine("driftless: the saved plan " + saved.id()
        + " does not show what applying it would do: planning again from the same states gives another 'diff' of the"
        + " change to flow dev/");

    assertTrue(refused.err().endsWith("; nothing was applied. Plan again.\n"), refused.err());
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of(Sides.flow("dev", "b", "from the UI")), sides.flowInKestra("dev", "b"));
  }

  @Test
  void aSavedPlan_withOptionsToPlanWith_isRefused() {
    sides.cli(sides.command("plan", "--out", planFile)).assertExit(0);

    sides.cli(sides.command("apply", planFile))
        .assertOneErrorLine("driftless: give either a plan file or the options to plan with, not both");
  }

  @Test
  void withoutAutoApprove_offATerminal_itRefusesWithOneLine_andWritesNothing() {
    Cli.Result refused = sides.cli(sides.command("apply"));

    refused.assertOneErrorLine("driftless: not asking for confirmation on a non-interactive terminal: "
        + "pass --auto-approve to apply plan ");
    assertTrue(refused.out().contains("Plan: 1 to create, 1 to update"), "the plan is shown first");
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
  }

  @Test
  void withoutAutoApprove_aYesOnStandardInput_isNotTakenForAPerson() {
    Cli.Result refused = sides.cliWithInput(sides.env(), "yes\n", sides.command("apply"));

    refused.assertOneErrorLine("driftless: not asking for confirmation");
    assertEquals(Optional.empty(), sides.flowInKestra("dev", "a"));
  }

  @Test
  void autoApprove_appliesThePlanShown_withProgressOnStderr_thenThereIsNothingLeft() {
    Cli.Result applied = sides.cli(sides.command("apply", "--auto-approve", "--progress")).assertExit(0);

    assertTrue(applied.out().contains("Plan: 1 to create, 1 to update"), applied.out());
    assertTrue(applied.out().endsWith("Apply complete! 2 changes applied\n"), applied.out());
    assertTrue(applied.err().contains("1 of 2 applied") && applied.err().contains("2 of 2 applied"), applied.err());
    assertFalse(applied.out().contains(" of 2 applied"), "progress never on stdout");
    assertEquals(Optional.of(A), sides.flowInKestra("dev", "a"));
    assertEquals(Optional.of(B), sides.flowInKestra("dev", "b"));

    Cli.Result again = sides.cli(sides.command("apply", "--auto-approve")).assertExit(0);
    assertEquals(List.of("No changes to apply."), again.errLines());
  }

  /**
   * Git and Kestra are read at the same time: the push lands once Git's fetch was served, while
   * Kestra's flow export is answered, so the plan is made from a Git head that has moved.
   */
  @Test
  void aPushRacingTheApply_makesItStale_andTheFreshPlanIsShownAndApplied() throws IOException {
    AtomicInteger exports = new AtomicInteger();
    CountDownLatch fetched = new CountDownLatch(1);
    URI gitUrl = URI.create(sides.gitUrl());
    try (HostileProxy kestra = HostileProxy.before(URI.create(sides.kestraUrl()));
        HostileProxy git = HostileProxy.before(URI.create(gitUrl.getScheme() + "://" + gitUrl.getAuthority()))) {
      git.on("POST", "/*/git-upload-pack", (upstream, answer) -> {
        Misbehaviour.real().answer(upstream, answer);
        fetched.countDown();
      });
      kestra.on("GET", "/api/v1/main/flows/export/by-query", (upstream, answer) -> {
        if (exports.incrementAndGet() == 1) {
          try {
            assertTrue(fetched.await(30, TimeUnit.SECONDS), "Git was not fetched");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
          sides.commit().add("dev/flows/b.yaml", Sides.flow("dev", "b", "pushed while the apply ran")).push();
        }
        Misbehaviour.real().answer(upstream, answer);
      });

      Cli.Result applied = sides.cli("apply", "--auto-approve", "--git", git.url() + gitUrl.getPath(), "--kestra",
          kestra.url().toString(), "--namespace", "dev", "--source-of-truth", "kestra").assertExit(0);

      assertEquals(2, exports.get(), "Kestra read once per attempt");
      String out = applied.out();
      int stale = out.indexOf("Apply incomplete.");
      int complete = out.indexOf("Apply complete! 2 changes applied");
      assertTrue(stale >= 0 && complete > stale, out);
      assertTrue(out.indexOf("Plan: ", stale) > stale, "the fresh plan is shown before it is applied\n" + out);
    }
    Cli.Result planned = sides.cli("plan", "--git", sides.gitUrl(), "--kestra", sides.kestraUrl(), "--namespace",
        "dev", "--source-of-truth", "kestra", "--detailed-exitcode").assertExit(0);
    assertTrue(planned.out().contains("No changes"), planned.out());
  }

  @Test
  void aMassDeletion_isHeldBack_untilThePlanIdTheGuardNames_isApproved() {
    massDeletionScenario();
    String[] deleteEverything = sides.command("apply", "--auto-approve", "--kinds", "flow");

    Cli.Result held = sides.cli(deleteEverything).assertExit(1);
    String id = approvalId(held.out());
    assertEquals(List.of("This plan cannot be applied: see the errors above."), held.errLines());
    assertTrue(sides.flowInKestra("dev", "a").isPresent(), "nothing deleted");

    sides.cli(sides.command("apply", "--auto-approve", "--kinds", "flow", "--approve", "0123456789abcdef"))
        .assertExit(1);
    assertTrue(sides.flowInKestra("dev", "a").isPresent(), "another plan's approval approves nothing");

    Cli.Result approved = sides.cli(sides.command("apply", "--auto-approve", "--kinds", "flow", "--approve", id))
        .assertExit(0);
    assertTrue(approved.out().contains("Apply complete! 2 changes applied"), approved.out());
    assertEquals(List.of(), sides.state().flows(Sides.TENANT));
  }

  @Test
  void aSavedMassDeletionPlan_isAppliedWithTheApproval() {
    massDeletionScenario();
    Cli.Result planned = sides.cli(sides.command("plan", "--kinds", "flow", "--out", planFile)).assertExit(0);
    String id = approvalId(planned.out());
    assertTrue(planned.err().contains("Warning: the mass-deletion guard holds back 2 deletions"), planned.err());

    sides.cli("apply", planFile).assertExit(1);
    assertTrue(sides.flowInKestra("dev", "a").isPresent(), "nothing deleted without the approval");

    sides.cli("apply", planFile, "--approve", id).assertExit(0);
    assertEquals(List.of(), sides.state().flows(Sides.TENANT));
  }

  /** Git holds no flow of dev any more (only a file); Kestra holds two. */
  private void massDeletionScenario() {
    sides.commit().delete("dev/flows").add("dev/files/readme.txt", "no flows here\n").push();
    sides.state().putFlowSource(Sides.TENANT, A);
  }

  /**
   * A plan file as Driftless wrote it in format 2 (from a plan whose guard has a population of 0 and
   * no allowance, as format 2's guard had): its scopes' {@code include_child_namespaces}
   * called {@code include_children}, sealed as format 2 sealed it (a SHA-256 of the compact JSON of
   * everything but the digest, in the file's order). {@code PlanFormat2Test} reads a real one.
   */
  private static String asFormat2(String json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode content = (ObjectNode) mapper.readTree(json);
    content.remove("digest");
    content.put("format_version", 2);
    ((ObjectNode) content.get("policy")).remove("protected_resources"); // format 3 added it
    ((ObjectNode) content.get("policy")).remove(List.of("two_way", "on_conflict")); // format 4 added them
    content.remove("baseline"); // format 4
    ((ObjectNode) content.at("/policy/guards")).remove(List.of("min_population", "allowed_deletes")); // format 5
    for (JsonNode snapshot : content.get("snapshots")) {
      ObjectNode scope = (ObjectNode) snapshot.get("scope");
      ObjectNode renamed = scope.deepCopy();
      scope.removeAll();
      renamed.fields().forEachRemaining(e -> scope.set(
          e.getKey().equals("include_child_namespaces") ? "include_children" : e.getKey(), e.getValue()));
    }
    ObjectNode file = mapper.createObjectNode();
    file.set("format_version", content.get("format_version"));
    file.set("plan_id", content.get("plan_id"));
    try {
      file.put("digest", "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(content))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    content.fields().forEachRemaining(e -> file.putIfAbsent(e.getKey(), e.getValue()));
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(file);
  }

  private static String approvalId(String planText) {
    Matcher m = Pattern.compile("--approve ([0-9a-f]{16})").matcher(planText);
    assertTrue(m.find(), () -> "the guard names the plan id to approve\n" + planText);
    return m.group(1);
  }
}
