package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.port.CommitResult;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Git side never writes a file it would refuse to read back: one over {@code maxFileBytes}. */
@Timeout(60)
class GitWriteSizeLimitTest {

  @TempDir
  Path dir;

  @Test
  void put_overMaxFileBytes_fails_andIsNotCommitted() {
    Repos repos = Repos.in(dir.resolve("served"));
    try (GitDaemonServer daemon = GitDaemonServer.start(repos.dir())) {
      BareRepo repo = repos.bare("sized");
      ObjectId head = repo.commit(Repos.MAIN).add("dev/files/small.txt", "hi\n").push();
      GitSide git = Sides.open(daemon.url(repo.name()), Layout.namespaces(), b -> b.maxFileBytes(1024));
      ResourceKey big = ResourceKey.namespaceFile("dev", "big.bin");

      try (WriteSession session = git.writer().begin(new WriteIntent("plan-1", Set.of(big), "Plan: 1 to create."))) {
        List<WriteResult> results = session.write(List.of(new Write.Put(Resource.of(big, Content.of(new byte[2048])))));
        String failure = results.get(0).failure().orElseThrow(() -> new AssertionError("written: " + results));
        assertTrue(failure.contains("2048 bytes, more than the size limit of 1024 bytes (maxFileBytes)"), failure);
        assertEquals(CommitResult.none(), session.commit());
      }
      assertEquals(Optional.of(head), repo.head(Repos.MAIN));
    }
  }
}
