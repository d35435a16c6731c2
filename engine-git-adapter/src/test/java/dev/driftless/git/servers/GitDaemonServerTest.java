package dev.driftless.git.servers;

import static dev.driftless.git.servers.ClientRoundTrip.Access.anonymous;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class GitDaemonServerTest {

  @TempDir
  Path dir;

  @Test
  void jgitClient_clonesAndPushes_overGitProtocol() throws Exception {
    Repos repos = Repos.in(dir.resolve("served"));
    BareRepo origin = ClientRoundTrip.seeded(repos, "flows");

    try (GitDaemonServer daemon = GitDaemonServer.start(repos.dir())) {
      assertTrue(daemon.url("flows").matches("git://127\\.0\\.0\\.1:\\d+/flows\\.git"), daemon.url("flows"));
      ObjectId pushed = ClientRoundTrip.cloneCommitPush(daemon.url("flows"), dir.resolve("clone"), anonymous());
      ClientRoundTrip.assertPushed(origin, pushed);
    }
  }

  @Test
  void lsRemote_listsBranchesAndTags() throws Exception {
    Repos repos = Repos.in(dir.resolve("served"));
    BareRepo origin = ClientRoundTrip.seeded(repos, "flows");
    ObjectId main = origin.head("main").orElseThrow();
    origin.branch("dev", "main");
    origin.tag("v1", "main");

    try (GitDaemonServer daemon = GitDaemonServer.start(repos.dir())) {
      Map<String, ObjectId> refs = ClientRoundTrip.lsRemote(daemon.url("flows"), anonymous()).stream()
          .collect(Collectors.toMap(Ref::getName, Ref::getObjectId, (a, b) -> a));
      assertEquals(main, refs.get("refs/heads/main"));
      assertEquals(main, refs.get("refs/heads/dev"));
      assertEquals(main, refs.get("refs/tags/v1"));
    }
  }

  @Test
  void cloneWithSubmodules_fetchesTheChildFromTheSameServer() throws Exception {
    Repos repos = Repos.in(dir.resolve("served"));
    BareRepo child = repos.bare("lib");
    child.commit("main").add("lib.yaml", "id: lib\n").push();

    try (GitDaemonServer daemon = GitDaemonServer.start(repos.dir())) {
      repos.withSubmodule("app", "modules/lib", child, daemon.url("lib"));
      Path work = dir.resolve("clone");
      try (Git clone = Git.cloneRepository().setURI(daemon.url("app")).setDirectory(work.toFile())
          .setCloneSubmodules(true).setTimeout(ClientRoundTrip.TIMEOUT_SECONDS).call()) {
        assertEquals("id: lib\n", Files.readString(work.resolve("modules/lib/lib.yaml"), UTF_8));
        assertEquals(Set.of("modules/lib"), clone.submoduleStatus().call().keySet());
      }
    }
  }

  @Test
  void close_stopsTheDaemon() {
    Repos repos = Repos.in(dir.resolve("served"));
    GitDaemonServer daemon = GitDaemonServer.start(repos.dir());
    int port = daemon.port();
    assertTrue(listening(port));

    daemon.close();

    assertFalse(Loopback.awaitListening(port, () -> true, Duration.ofMillis(300)), "still listening on " + port);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(Loopback.address(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
