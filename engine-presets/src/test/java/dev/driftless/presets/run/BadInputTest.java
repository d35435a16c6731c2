package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.MAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.presets.InvalidTaskException;
import dev.driftless.presets.Problem;
import dev.driftless.presets.SyncFlows;
import dev.driftless.presets.SyncTask;
import dev.driftless.presets.TaskFile;
import dev.driftless.credential.Secret;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.SourceNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input is refused before anything is written, with every problem listed: task files with a
 * missing property, an unknown one or a literal credential are refused before anything is even
 * read; a directory or branch that does not exist is an error naming it, never an empty source.
 */
@Timeout(60)
class BadInputTest {

  @TempDir
  Path dir;
  PresetWorld world;
  Optional<ObjectId> head;

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
    world.commit().add("flows/hello_world.yml", GuideFlows.HELLO_WORLD).push();
    world.putFlow(GuideFlows.flow("prod", "live", "running in prod"));
    world.putFlow(GuideFlows.flow("prod", "other", "running in prod"));
    head = world.head(MAIN);
    world.forgetRequests();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  /** Runs a whole task file (no connection added), so that its lines are the ones problems name. */
  private List<Problem> refused(String yaml) {
    InvalidTaskException e = assertThrows(InvalidTaskException.class,
        () -> world.run((SyncTask) TaskFile.parse(yaml, "sync.yaml", world.secrets()).get(0)));
    assertNothingReadOrWritten();
    return e.problems();
  }

  private void assertNothingReadOrWritten() {
    assertEquals(0, world.emulator().requests().size(), () -> "Kestra was called: " + world.emulator().requests().all());
    assertEquals(head, world.head(MAIN));
  }

  private void assertNothingWritten() {
    assertEquals(head, world.head(MAIN));
    world.assertNoKestraWrite();
    assertEquals(2, world.kestra().flows(PresetWorld.TENANT).size());
  }

  private static boolean has(List<Problem> problems, String property, String text, int line) {
    return problems.stream().anyMatch(p -> p.property().equals(property) && p.message().contains(text)
        && p.line().equals(OptionalInt.of(line)) && p.file().equals(Optional.of("sync.yaml")));
  }

  @Test
  void aMissingTargetNamespace_isRefused() {
    List<Problem> problems = refused("""
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        gitDirectory: flows
        delete: true
        """.formatted(world.url()));

    assertEquals(List.of("targetNamespace"), problems.stream().map(Problem::property).toList());
    assertTrue(problems.get(0).message().contains("is required"));
  }

  @Test
  void anUnknownProperty_isRefused_withTheClosestKnownName() {
    List<Problem> problems = refused("""
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        targetNamespace: prod
        gitDirectroy: flows
        """.formatted(world.url()));

    assertTrue(has(problems, "gitDirectroy", "did you mean 'gitDirectory'", 4), problems.toString());
    assertEquals(1, problems.size(), problems.toString());
  }

  @Test
  void aLiteralTokenWhereASecretIsExpected_isRefused_withoutRepeatingIt() {
    String token = world.gitToken();
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> TaskFile.parse("""
        type: io.kestra.plugin.git.PushFlows
        sourceNamespace: prod
        url: %s
        username: driftless
        password: %s
        """.formatted(world.url(), token), "sync.yaml", world.secrets()));

    assertTrue(has(e.problems(), "password", "a literal credential is refused", 5), e.problems().toString());
    assertEquals(1, e.problems().size());
    assertFalse(e.getMessage().contains(token), "the message never repeats the credential");
    assertFalse(e.problems().toString().contains(token));
    assertNothingReadOrWritten();
  }

  @Test
  void everyProblemOfATaskFile_isListedAtOnce_withItsLine() {
    List<Problem> problems = refused("""
        id: sync
        type: io.kestra.plugin.git.SyncFlows
        url: %s
        password: ghp_16C7e42F292c6912E7710c838347Ae178B4a
        gitDirectroy: flows
        delete: sometimes
        auth:
          username: admin@kestra.io
          password: Adm1nPassw0rd
        """.formatted(world.url()));

    assertTrue(has(problems, "password", "a literal credential is refused", 4), problems.toString());
    assertTrue(has(problems, "gitDirectroy", "unknown property", 5), problems.toString());
    assertTrue(has(problems, "delete", "must be true or false", 6), problems.toString());
    assertTrue(has(problems, "auth.password", "a literal credential is refused", 9), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.property().equals("targetNamespace")), problems.toString());
    assertEquals(5, problems.size(), problems.toString());
    String all = problems.toString();
    assertFalse(all.contains("ghp_16C7") || all.contains("Adm1nPassw0rd"), all);
  }

  @Test
  void credentialsThatDoNotFitTheUrl_areListedWithTheOtherProblems_beforeAnythingIsRead() {
    List<Problem> problems = refused("""
        type: io.kestra.plugin.git.SyncFlows
        url: ssh://git@127.0.0.1:1/kestra.git
        gitDirectory: flows
        """);

    assertEquals(List.of("privateKey", "targetNamespace"), problems.stream().map(Problem::property).sorted().toList());
  }

  @Test
  void aBuilder_listsEveryProblemToo() {
    InvalidTaskException e = assertThrows(InvalidTaskException.class, () -> SyncFlows.builder()
        .url("not a remote").password(Secret.of(world.gitToken())).gitDirectory("../outside").build());

    assertEquals(List.of("url", "targetNamespace", "gitDirectory"),
        e.problems().stream().map(Problem::property).toList());
    assertFalse(e.getMessage().contains(world.gitToken()));
  }

  @Test
  void aGitDirectoryThatDoesNotExist_isAnErrorNamingIt_andNothingIsWritten() {
    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: prod
        gitDirectory: flowz
        delete: true
        """));

    assertTrue(e.getMessage().contains("flowz"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void aNamespaceFilesDirectoryThatDoesNotExist_isAnErrorNamingIt() {
    world.putFile("prod", "/run.py", "print(1)\n");

    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> world.run("""
        type: io.kestra.plugin.git.SyncNamespaceFiles
        namespace: prod
        delete: true
        """));

    assertTrue(e.getMessage().contains("_files"), e.getMessage());
    assertEquals(Optional.of("print(1)\n"), world.file("prod", "/run.py"));
    world.assertNoKestraWrite();
  }

  @Test
  void aBranchThatDoesNotExist_isAnErrorNamingIt_neverTheDefaultBranch() {
    SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> world.run("""
        type: io.kestra.plugin.git.SyncFlows
        targetNamespace: prod
        gitDirectory: flows
        branch: mian
        delete: true
        """));

    assertTrue(e.getMessage().contains("mian"), e.getMessage());
    assertNothingWritten();
  }

  @Test
  void aWrongKestraPassword_isRefused_withoutShowingIt_andGitIsNotWritten() {
    world.putFlow(GuideFlows.FLOW1);
    String yaml = "type: io.kestra.plugin.git.PushFlows\nsourceNamespace: dev\n" + world.connection();
    Function<String, Optional<String>> wrong =
        name -> name.equals("KESTRA_PASSWORD") ? Optional.of("Wrong-Pw-31337") : world.secrets().apply(name);
    SyncTask task =
        (SyncTask) TaskFile.parse(yaml, "push.yaml", wrong).get(0);

    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> world.run(task));

    assertFalse(e.getMessage().contains("Wrong-Pw-31337"), e.getMessage());
    assertEquals(head, world.head(MAIN));
  }
}
