package dev.driftless.git.internal.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree editor is the last line: whatever reaches it, it never writes a path the shared rule refuses. */
class TreeEditorTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev/files/.git/config", "dev/files/.GIT/config", "dev/files/.git./hooks/x",
      "dev/files/../escape", "dev/./files/x", "dev//files/x", "/dev/files/x", "C:/x", "dev/files/a\\b"})
  void apply_refusesAPathTheRuleRefuses_andInsertsNothing(String path) throws IOException {
    try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("t"));
        ObjectInserter inserter = repo.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "x".getBytes(StandardCharsets.UTF_8));

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TreeEditor.apply(reader, inserter, Optional.empty(), Map.of(path, Optional.of(blob))));

      assertTrue(e.getMessage().startsWith("refused to write " + path + " into a tree: the path "), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev/files/.gitignore", "dev/files/.github/workflows/ci.yml", "dev/flows/a.yaml"})
  void apply_writesPathsThatOnlyLookClose(String path) throws IOException {
    try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("t"));
        ObjectInserter inserter = repo.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "x".getBytes(StandardCharsets.UTF_8));

      ObjectId tree = TreeEditor.apply(reader, inserter, Optional.empty(), Map.of(path, Optional.of(blob)));
      inserter.flush();

      try (TreeWalk walk = TreeWalk.forPath(repo, path, tree)) {
        assertEquals(blob, walk.getObjectId(0));
      }
    }
  }
}
