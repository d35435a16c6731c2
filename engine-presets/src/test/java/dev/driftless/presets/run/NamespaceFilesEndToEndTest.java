package dev.driftless.presets.run;

import static dev.driftless.presets.run.PresetWorld.MAIN;
import static dev.driftless.presets.run.PresetWorld.TENANT;
import static dev.driftless.presets.run.PresetWorld.row;
import static dev.driftless.presets.run.PresetWorld.states;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SyncNamespaceFiles and PushNamespaceFiles against a real Git server and the Kestra emulator,
 * including what Driftless adds: child namespaces (one folder each) and a namespace directory.
 */
@Timeout(60)
class NamespaceFilesEndToEndTest {

  /** The guide's SyncNamespaceFiles task. */
  private static final String SYNC = """
      id: git
      type: io.kestra.plugin.git.SyncNamespaceFiles
      namespace: prod
      gitDirectory: _files
      branch: main
      """;

  /** The guide's PushNamespaceFiles task, on main. */
  private static final String PUSH = """
      id: commit_and_push
      type: io.kestra.plugin.git.PushNamespaceFiles
      namespace: dev
      files: "**"
      gitDirectory: _files
      branch: main
      commitMessage: "add namespace files"
      """;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, (byte) 0xff, 0};

  @TempDir
  Path dir;
  PresetWorld world;

  @BeforeEach
  void start() {
    world = PresetWorld.start(dir);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void syncNamespaceFiles_writesGitFilesIntoTheNamespace_andASecondRunChangesNothing() {
    world.commit()
        .add("_files/run.py", "print('hello')\n")
        .add("_files/sql/query.sql", "select 1;\n")
        .add("_files/img/logo.png", PNG)
        .add("README.md", "not a namespace file\n")
        .push();

    PresetResult run = world.run(SYNC);

    assertEquals(Map.of("_files/run.py", "ADDED", "_files/sql/query.sql", "ADDED", "_files/img/logo.png", "ADDED"),
        states(run, "gitPath"));
    Map<String, Object> row = row(run, "gitPath", "_files/sql/query.sql");
    assertEquals("/sql/query.sql", row.get("kestraPath"));
    assertEquals(Optional.of("select 1;\n"), world.file("prod", "/sql/query.sql"));
    assertArrayEquals(PNG, world.kestra().namespaceFile(TENANT, "prod", "/img/logo.png").orElseThrow(),
        "binary files keep every byte");
    assertEquals(List.of("/img/logo.png", "/run.py", "/sql/query.sql"), world.kestra().namespaceFilePaths(TENANT, "prod"));

    world.assertSecondRunIsNoOp(SYNC, MAIN, "UNCHANGED");
  }

  @Test
  void syncNamespaceFiles_overwritesChangedFiles_andKeepsOrDeletesTheOthers() {
    world.commit().add("_files/run.py", "print(1)\n").add("_files/keep.txt", "same\n").push();
    world.putFile("prod", "/run.py", "print(0)\n");
    world.putFile("prod", "/keep.txt", "same\n");
    world.putFile("prod", "/ui.txt", "made in the UI\n");

    PresetResult run = world.run(SYNC);

    assertEquals("OVERWRITTEN", row(run, "kestraPath", "/run.py").get("syncState"), "the plugin's word for an update");
    assertEquals("UNCHANGED", row(run, "kestraPath", "/keep.txt").get("syncState"));
    assertEquals("KEPT", row(run, "kestraPath", "/ui.txt").get("syncState"), "delete defaults to false");
    assertEquals(Optional.of("print(1)\n"), world.file("prod", "/run.py"));
    assertTrue(world.file("prod", "/ui.txt").isPresent());

    PresetResult deleting = world.run(SYNC + "delete: true\n");

    assertEquals("DELETED", row(deleting, "kestraPath", "/ui.txt").get("syncState"));
    assertTrue(world.file("prod", "/ui.txt").isEmpty());
    world.assertSecondRunIsNoOp(SYNC + "delete: true\n", MAIN, "UNCHANGED");
  }

  @Test
  void syncNamespaceFiles_withChildNamespaces_oneFolderPerNamespace() {
    world.commit()
        .add("_files/prod/run.py", "print('prod')\n")
        .add("_files/prod.team/report.sql", "select 2;\n")
        .add("_files/prod.team.data/load.sh", "echo load\n")
        .add("_files/other/x.txt", "another namespace: not ours\n")
        .push();
    String task = SYNC + "includeChildNamespaces: true\n";

    PresetResult run = world.run(task);

    assertEquals(Optional.of("print('prod')\n"), world.file("prod", "/run.py"));
    assertEquals(Optional.of("select 2;\n"), world.file("prod.team", "/report.sql"));
    assertEquals(Optional.of("echo load\n"), world.file("prod.team.data", "/load.sh"));
    assertTrue(world.kestra().namespaceFilePaths(TENANT, "other").isEmpty());
    assertEquals("prod.team", row(run, "gitPath", "_files/prod.team/report.sql").get("namespace"));
    assertEquals("/report.sql", row(run, "gitPath", "_files/prod.team/report.sql").get("kestraPath"));
    assertEquals(3, run.rows().size(), run.rows()::toString);

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void syncNamespaceFiles_intoANamespaceDirectory_leavesTheRestOfTheNamespaceAlone() {
    world.commit().add("_files/run.py", "print('run')\n").add("_files/keep.py", "print('keep')\n").push();
    world.putFile("prod", "/scripts/keep.py", "print('keep')\n");
    world.putFile("prod", "/scripts/old.py", "print('old')\n");
    world.putFile("prod", "/notes.txt", "outside the directory\n");
    String task = SYNC + "namespaceDirectory: scripts\ndelete: true\n";

    PresetResult run = world.run(task);

    assertEquals(Map.of("/scripts/run.py", "ADDED", "/scripts/keep.py", "UNCHANGED", "/scripts/old.py", "DELETED"),
        states(run, "kestraPath"));
    assertEquals(Optional.of("print('run')\n"), world.file("prod", "/scripts/run.py"));
    assertTrue(world.file("prod", "/scripts/old.py").isEmpty());
    assertEquals(Optional.of("outside the directory\n"), world.file("prod", "/notes.txt"),
        "a file outside the namespace directory is not managed, even with delete");
    assertTrue(world.file("prod", "/run.py").isEmpty());

    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void pushNamespaceFiles_commitsTheNamespacesFiles_inOneCommit() {
    world.putFile("dev", "/run.py", "print('hello')\n");
    world.putFile("dev", "/sql/query.sql", "select 1;\n");
    world.kestra().putNamespaceFile(TENANT, "dev", "/img/logo.png", PNG);

    PresetResult run = world.run(PUSH);

    assertEquals(Map.of("_files/run.py", "ADDED", "_files/sql/query.sql", "ADDED", "_files/img/logo.png", "ADDED"),
        states(run, "file"));
    assertEquals("print('hello')\n", world.gitFile(MAIN, "_files/run.py").orElseThrow());
    assertArrayEquals(PNG, world.repo().bytes(MAIN, "_files/img/logo.png").orElseThrow());
    assertEquals(world.head(MAIN).map(ObjectId::name), run.commitId());
    assertEquals(1, world.repo().log(MAIN).size());
    assertEquals("add namespace files", world.repo().log(MAIN).get(0).getShortMessage());
    world.assertNoKestraWrite();

    world.assertSecondRunIsNoOp(PUSH, MAIN, "UNCHANGED");
  }

  @Test
  void pushNamespaceFiles_filesGlobs_pushAndDeleteOnlyWhatTheySelect() {
    world.commit().add("_files/README.md", "kept by hand\n").add("_files/old.py", "print('old')\n")
        .add("_files/keep.py", "print('keep')\n").push();
    world.putFile("dev", "/run.py", "print('run')\n");
    world.putFile("dev", "/keep.py", "print('keep')\n");
    world.putFile("dev", "/notes.md", "not selected\n");
    String task = PUSH.replace("files: \"**\"", "files:\n  - \"*.py\"");

    PresetResult run = world.run(task);

    assertEquals(Map.of("_files/run.py", "ADDED", "_files/keep.py", "UNCHANGED", "_files/old.py", "DELETED"),
        states(run, "file"));
    assertEquals(Set.of("_files/README.md", "_files/keep.py", "_files/run.py"), world.gitFiles(MAIN).keySet(),
        "README.md is not selected by the globs, so it is neither pushed nor deleted; notes.md is not pushed");
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void pushNamespaceFiles_globWithoutASlash_selectsFilesInEveryFolder() {
    world.commit().add("_files/scripts/old.py", "print('old')\n").add("_files/lib/util/keep.py", "print('keep')\n")
        .add("_files/scripts/notes.md", "kept by hand\n").push();
    world.putFile("dev", "/lib/util/keep.py", "print('keep')\n");
    world.putFile("dev", "/etl.py", "print('root')\n");
    world.putFile("dev", "/scripts/etl.py", "print('nested')\n");
    world.putFile("dev", "/scripts/run.sh", "not selected\n");
    String task = PUSH.replace("files: \"**\"", "files: \"*.py\"");

    PresetResult run = world.run(task);

    assertEquals(Map.of("_files/etl.py", "ADDED", "_files/scripts/etl.py", "ADDED", "_files/lib/util/keep.py", "UNCHANGED",
        "_files/scripts/old.py", "DELETED"), states(run, "file"));
    assertEquals(Optional.of("print('nested')\n"), world.gitFile(MAIN, "_files/scripts/etl.py"));
    assertEquals(Set.of("_files/etl.py", "_files/scripts/etl.py", "_files/lib/util/keep.py", "_files/scripts/notes.md"),
        world.gitFiles(MAIN).keySet(),
        "'*.py' matches the last segment of a path, so nested Python files are pushed and deleted; nothing else is");
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }

  @Test
  void pushNamespaceFiles_withChildNamespaces_oneFolderPerNamespace() {
    world.putFile("dev", "/a.txt", "a\n");
    world.putFile("dev.team", "/b.txt", "b\n");
    world.putFile("devops", "/c.txt", "not a child of dev\n");
    String task = PUSH + "includeChildNamespaces: true\n";

    world.run(task);

    assertEquals(Set.of("_files/dev/a.txt", "_files/dev.team/b.txt"), world.gitFiles(MAIN).keySet());
    world.assertSecondRunIsNoOp(task, MAIN, "UNCHANGED");
  }
}
