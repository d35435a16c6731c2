package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.MAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.presets.Clone;
import dev.driftless.presets.TaskFile;
import dev.driftless.git.clone.CloneResult;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.port.SourceNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clone from its task definition through the runner, against a real Git server: the remote's
 * default branch, a branch, a tag, a commit (a short id too), and the depth.
 *
 * <p>The repository: {@code main} has three commits changing {@code version.txt} from 1 to 3, tag
 * {@code v2} is on the second, branch {@code feature} starts at the first and adds {@code feature.txt}.
 */
@Timeout(60)
class CloneThroughRunnerTest {

  @TempDir
  Path dir;
  PresetWorld world;
  ObjectId first;
  ObjectId second;
  ObjectId third;

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
    first = world.commit().add("version.txt", "1\n").message("one").push();
    second = world.commit().add("version.txt", "2\n").message("two").push();
    third = world.commit().add("version.txt", "3\n").message("three").push();
    world.repo().annotatedTag("v2", second.name(), "release 2");
    world.repo().branch("feature", first.name());
    world.repo().commit("feature").add("feature.txt", "new\n").message("feature").push();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private CloneResult clone(String properties) {
    Clone task = (Clone) TaskFile.parse("type: io.kestra.plugin.git.Clone\n" + properties + world.gitConnection(),
        "clone.yaml", world.secrets()).get(0);
    return world.runner().clone(task, world.work("clones"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<RevCommit> history(Path directory) {
    try (Git git = Git.open(directory.toFile())) {
      List<RevCommit> out = new ArrayList<>();
      git.log().call().forEach(out::add);
      return out;
    } catch (IOException | GitAPIException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void withoutARef_clonesTheRemotesDefaultBranch_shallow() {
    CloneResult result = clone("directory: checkout\n");

    assertEquals(world.work("clones").resolve("checkout"), result.directory());
    assertEquals("3\n", read(result.directory().resolve("version.txt")));
    assertEquals(third.name(), result.commitId());
    assertEquals(Optional.of(MAIN), result.branch());
    assertTrue(result.shallow(), "depth defaults to 1");
    assertEquals(1, history(result.directory()).size());
  }

  @Test
  void withoutADirectory_clonesIntoTheWorkingDirectoryItself_asThePluginDoes() {
    CloneResult result = clone("");

    assertEquals(world.work("clones"), result.directory());
    assertEquals("3\n", read(world.work("clones").resolve("version.txt")));
  }

  @Test
  void withoutADirectory_aWorkingDirectoryThatIsNotEmpty_isRefusedNamingIt_andLeftAlone() throws IOException {
    Path working = Files.createDirectories(world.work("busy-working-directory"));
    Files.writeString(working.resolve("clone.yaml"), "mine\n");
    Clone task = (Clone) TaskFile.parse("type: io.kestra.plugin.git.Clone\n" + world.gitConnection(), "clone.yaml",
        world.secrets()).get(0);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> world.runner().clone(task, working));

    assertTrue(e.getMessage().startsWith("directory: "), e.getMessage());
    assertTrue(e.getMessage().contains(working.toString()) && e.getMessage().contains("not empty")
        && e.getMessage().contains("the working directory"), e.getMessage());
    assertFalse(e.getMessage().contains("ifNotEmpty"), "names no setting a task does not have: " + e.getMessage());
    assertEquals(List.of("clone.yaml"), list(working));
  }

  @Test
  void cloneAllBranches_byDefault_fetchesEveryBranch() throws IOException {
    CloneResult result = clone("directory: all\n");

    try (Git git = Git.open(result.directory().toFile())) {
      assertTrue(git.getRepository().exactRef("refs/remotes/origin/feature") != null,
          "every branch is fetched, as the plugin's cloneAllBranches: true");
    }
  }

  @Test
  void aBranch_isCheckedOut() {
    CloneResult result = clone("branch: feature\ndirectory: feature\n");

    assertEquals("new\n", read(result.directory().resolve("feature.txt")));
    assertEquals("1\n", read(result.directory().resolve("version.txt")));
    assertEquals(Optional.of("feature"), result.branch());
  }

  @Test
  void aTag_isCheckedOutDetached() {
    CloneResult result = clone("tag: v2\ndirectory: tagged\n");

    assertEquals("2\n", read(result.directory().resolve("version.txt")));
    assertEquals(second.name(), result.commitId());
    assertEquals(Optional.empty(), result.branch());
  }

  @Test
  void aCommit_byItsShortId_isCheckedOut_evenBelowTheDepth() {
    // Over C git's daemon, as on the forges: deepening a shallow clone that auto-followed a tag
    // makes JGit's own server (JGitHttpServer) send the commits without their trees.
    try (GitDaemonServer daemon = GitDaemonServer.start(world.repos().dir())) {
      Clone task = (Clone) TaskFile.parse("type: io.kestra.plugin.git.Clone\nurl: " + daemon.url("kestra")
          + "\ncommit: " + first.name().substring(0, 7) + "\ndirectory: pinned\n", "clone.yaml", world.secrets()).get(0);

      CloneResult result = world.runner().clone(task, world.work("clones"));

      assertEquals("1\n", read(result.directory().resolve("version.txt")));
      assertEquals(first.name(), result.commitId());
      assertEquals(Optional.empty(), result.branch());
      assertFalse(Files.exists(result.directory().resolve("feature.txt")));
    }
  }

  @Test
  void depth_limitsTheHistory() {
    // noTags: as in Git, a tag fetched with the branch brings its own depth of history.
    CloneResult two = clone("depth: 2\nnoTags: true\ndirectory: two\n");

    assertEquals(List.of("three", "two"), history(two.directory()).stream().map(RevCommit::getShortMessage).toList());
  }

  @Test
  void aBranchThatDoesNotExist_isAnErrorNamingIt() {
    SourceNotFoundException e = assertThrows(SourceNotFoundException.class,
        () -> clone("branch: mian\ndirectory: typo\n"));

    assertTrue(e.getMessage().contains("'mian'"), e.getMessage());
    assertFalse(Files.exists(world.work("clones").resolve("typo")), "nothing is left behind");
  }

  @Test
  void aDirectoryThatIsNotEmpty_isRefused() throws IOException {
    Files.createDirectories(world.work("clones").resolve("busy"));
    Files.writeString(world.work("clones").resolve("busy/keep.txt"), "mine\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clone("directory: busy\n"));

    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("mine\n", read(world.work("clones").resolve("busy/keep.txt")));
  }

  @Test
  void aTagAndABranchTogether_checkOutTheTag_asInThePlugin() {
    CloneResult result = clone("tag: v2\nbranch: feature\ndirectory: tag-wins\n");

    assertEquals(second.name(), result.commitId());
    assertEquals(Optional.empty(), result.branch());
    assertFalse(Files.exists(result.directory().resolve("feature.txt")));
  }

  @Test
  void aCommitAndATagTogether_checkOutTheCommit_asInThePlugin() {
    CloneResult result = clone("commit: " + first.name() + "\ntag: v2\ndirectory: commit-wins\n");

    assertEquals(first.name(), result.commitId());
    assertEquals("1\n", read(result.directory().resolve("version.txt")));
  }

  private static List<String> list(Path directory) throws IOException {
    try (var entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
