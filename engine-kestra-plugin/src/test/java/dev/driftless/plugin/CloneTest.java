package dev.driftless.plugin;

import static dev.driftless.plugin.PluginWorld.MAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kestra.core.context.TestRunContextFactory;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clone into the task's working directory, with Kestra's own run context. The repository: {@code main} has
 * two commits changing {@code version.txt} from 1 to 2; tag {@code v1} is on the first.
 */
@KestraTest
@Timeout(120)
class CloneTest {

  @Inject
  TestRunContextFactory runContextFactory;

  @TempDir
  Path dir;
  PluginWorld world;
  ObjectId first;
  ObjectId second;

  @BeforeEach
  void start() {
    world = PluginWorld.start(dir);
    first = world.commit().add("version.txt", "1\n").message("one").push();
    world.repo().annotatedTag("v1", first.name(), "release 1");
    second = world.commit().add("version.txt", "2\n").add("scripts/etl.py", "print('etl')\n").message("two").push();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private Clone.CloneBuilder<?, ?> cloneTask() {
    return world.git(Clone.builder()).id("clone").type(Clone.class.getName());
  }

  private RunContext context() {
    return runContextFactory.of("company.team", Map.of());
  }

  @Test
  void withoutDirectory_clonesIntoTheWorkingDirectoryItself_asThePluginDoes() throws Exception {
    RunContext context = context();
    Path workingDirectory = context.workingDir().path();

    Clone.Output out = cloneTask().branch(Property.ofValue(MAIN)).build().run(context);

    assertEquals("2\n", Files.readString(workingDirectory.resolve("version.txt")));
    assertEquals("print('etl')\n", Files.readString(workingDirectory.resolve("scripts/etl.py")));
    assertEquals(workingDirectory.toAbsolutePath().normalize().toString(), out.getDirectory());
    assertEquals(second.name(), out.getCommitId());
  }

  @Test
  void aTag_intoADirectory() throws Exception {
    RunContext context = context();

    Clone.Output out = cloneTask().tag(Property.ofExpression("{{ inputs.tag }}")).directory(Property.ofValue("repo"))
        .build().run(runContextFactory.of("company.team", Map.of("inputs", Map.of("tag", "v1"))));

    assertEquals("1\n", Files.readString(Path.of(out.getDirectory()).resolve("version.txt")));
    assertTrue(out.getDirectory().endsWith("/repo"), out.getDirectory());
    assertEquals(first.name(), out.getCommitId());
    assertFalse(Files.exists(context.workingDir().path().resolve("version.txt")));
  }

  @Test
  void aSecondCloneIntoTheSameDirectory_isRefused_andLeavesTheFirstAlone() throws Exception {
    RunContext context = context();
    cloneTask().directory(Property.ofValue("repo")).build().run(context);
    Path file = context.workingDir().path().resolve("repo/version.txt");
    Files.writeString(file, "edited\n");

    Exception e = assertThrows(Exception.class, () -> cloneTask().directory(Property.ofValue("repo")).build().run(context));

    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("edited\n", Files.readString(file));
  }

  @Test
  void aDirectoryOutsideTheWorkingDirectory_isRefused_namingTheProperty() {
    Exception e = assertThrows(Exception.class,
        () -> cloneTask().directory(Property.ofValue("../elsewhere")).build().run(context()));

    assertFalse(Files.exists(dir.resolve("elsewhere")));
    assertTrue(e.getMessage().startsWith("directory: '../elsewhere' is not a relative path inside"), e.getMessage());
  }

  @Test
  void aCommitThatIsNoCommitId_failsNamingTheProperty() {
    Exception e = assertThrows(Exception.class, () -> cloneTask().commit(Property.ofValue("not-a-sha")).build().run(context()));

    assertTrue(e.getMessage().contains("commit: 'not-a-sha' is not a commit id"), e.getMessage());
    assertFalse(e.getMessage().contains(PluginWorld.GIT_TOKEN));
  }
}
