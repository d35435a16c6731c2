package dev.driftless.git.clone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.git.GitRemote;
import dev.driftless.git.HostKeys;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.git.servers.SshGitServer;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.SourceNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Cloning into a working directory, as the plugin's Clone task does, from real servers. */
@Timeout(60)
class CloneTest {

  @TempDir
  static Path shared;

  static Repos repos;
  static GitDaemonServer daemon;
  static JGitHttpServer https;
  static SshGitServer ssh;
  static BareRepo history;
  static ObjectId first;
  static ObjectId second;
  static ObjectId third;
  static ObjectId featureHead;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    daemon = GitDaemonServer.start(repos.dir());
    https = JGitHttpServer.https(repos.dir(), shared.resolve("tls"));
    ssh = SshGitServer.start(repos.dir(), shared.resolve("ssh"));
    history = repos.bare("history");
    first = history.commit(Repos.MAIN).add("version.txt", "1\n").message("one").push();
    history.tag("v1", first.name());
    second = history.commit(Repos.MAIN).add("version.txt", "2\n").message("two").push();
    history.annotatedTag("v2", second.name(), "release 2");
    third = history.commit(Repos.MAIN).add("version.txt", "3\n").message("three").push();
    history.branch("feature", Repos.MAIN);
    featureHead = history.commit("feature").add("feature.txt", "f\n").message("feature").push();
  }

  @AfterAll
  static void stop() {
    daemon.close();
    https.close();
    ssh.close();
  }

  private CloneRequest.Builder clone(String target) {
    return CloneRequest.builder().remote(GitRemote.of(daemon.url("history"))).directory(dir.resolve(target));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<RevCommit> log(Path workTree) throws Exception {
    try (Git git = Git.open(workTree.toFile())) {
      List<RevCommit> commits = new ArrayList<>();
      git.log().call().forEach(commits::add);
      return commits;
    }
  }

  @Test
  void defaultBranch_depthOne() throws Exception {
    CloneResult result = clone("default").build().run();

    assertEquals(third.name(), result.commitId());
    assertEquals(Optional.of("main"), result.branch());
    assertTrue(result.shallow());
    assertEquals("3\n", read(result.directory().resolve("version.txt")));
    assertEquals(1, log(result.directory()).size(), "depth 1 brings one commit");
    try (Repository repo = Git.open(result.directory().toFile()).getRepository()) {
      assertEquals("refs/heads/main", repo.exactRef(Constants.HEAD).getTarget().getName());
    }
  }

  @Test
  void namedBranch() {
    CloneResult result = clone("feature").branch("feature").build().run();

    assertEquals(featureHead.name(), result.commitId());
    assertEquals(Optional.of("feature"), result.branch());
    assertEquals("f\n", read(result.directory().resolve("feature.txt")));
  }

  @Test
  void fullDepth_bringsTheWholeHistory() throws Exception {
    CloneResult result = clone("full").depth(0).build().run();

    assertFalse(result.shallow());
    assertEquals(3, log(result.directory()).size());
  }

  /** Depth counts from every ref fetched: without tags, from the branch only. */
  @Test
  void depthTwo_withoutTags() throws Exception {
    CloneResult result = clone("two").depth(2).noTags(true).build().run();
    assertEquals(2, log(result.directory()).size());
  }

  @Test
  void lightweightTag_andAnnotatedTag_areCheckedOutDetached() throws Exception {
    CloneResult v1 = clone("v1").tag("v1").build().run();
    CloneResult v2 = clone("v2").tag("v2").build().run();

    assertEquals(first.name(), v1.commitId());
    assertEquals("1\n", read(v1.directory().resolve("version.txt")));
    assertEquals(second.name(), v2.commitId());
    assertEquals("2\n", read(v2.directory().resolve("version.txt")));
    assertEquals(Optional.empty(), v2.branch());
    try (Repository repo = Git.open(v2.directory().toFile()).getRepository()) {
      assertFalse(repo.exactRef(Constants.HEAD).isSymbolic(), "HEAD is detached on a tag");
    }
  }

  @Test
  void commit_byFullId_outsideTheFetchedDepth() {
    CloneResult result = clone("by-id").commit(first.name()).build().run();

    assertEquals(first.name(), result.commitId());
    assertEquals("1\n", read(result.directory().resolve("version.txt")));
  }

  @Test
  void commit_byShortId() {
    CloneResult result = clone("by-short-id").commit(second.abbreviate(7).name()).build().run();

    assertEquals(second.name(), result.commitId());
    assertEquals("2\n", read(result.directory().resolve("version.txt")));
  }

  @Test
  void commit_onAnotherBranch_isFound() {
    CloneResult result = clone("on-feature").commit(featureHead.abbreviate(8).name()).build().run();
    assertEquals(featureHead.name(), result.commitId());
  }

  @Test
  void noTags_andCloneAllBranches() throws Exception {
    CloneResult none = clone("no-tags").noTags(true).depth(0).build().run();
    CloneResult all = clone("all").cloneAllBranches(true).build().run();

    try (Repository repo = Git.open(none.directory().toFile()).getRepository()) {
      assertTrue(repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).isEmpty());
    }
    try (Repository repo = Git.open(all.directory().toFile()).getRepository()) {
      assertTrue(repo.exactRef("refs/remotes/origin/feature") != null);
      assertTrue(repo.exactRef("refs/remotes/origin/main") != null);
    }
  }

  @Test
  void submodules_areClonedWhenAsked() {
    BareRepo library = repos.bare("library");
    library.commit(Repos.MAIN).add("lib.py", "def f(): pass\n").push();
    repos.withSubmodule("super", "vendor/library", library, daemon.url("library"));
    CloneRequest.Builder base = CloneRequest.builder().remote(GitRemote.of(daemon.url("super")));

    CloneResult without = base.directory(dir.resolve("without")).build().run();
    CloneResult with = CloneRequest.builder().remote(GitRemote.of(daemon.url("super"))).directory(dir.resolve("with"))
        .cloneSubmodules(true).build().run();

    assertFalse(Files.exists(without.directory().resolve("vendor/library/lib.py")));
    assertEquals("def f(): pass\n", read(with.directory().resolve("vendor/library/lib.py")));
  }

  @Test
  void privateRepository_overHttps_withItsCa() {
    CloneResult result = CloneRequest.builder()
        .remote(GitRemote.builder().url(https.url("history")).username(https.credentials().user())
            .password(Secret.of(https.credentials().token())).trustedCaPem(https.caCertificatePem().orElseThrow()).build())
        .directory(dir.resolve("https")).tag("v2").build().run();

    assertEquals(second.name(), result.commitId());
  }

  @Test
  void privateRepository_overHttps_withAWrongToken_isRefused_andLeavesNoDirectory() {
    Path target = dir.resolve("refused");
    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> CloneRequest.builder()
        .remote(GitRemote.builder().url(https.url("history")).username(https.credentials().user())
            .password(Secret.of("wrong-token-0000")).trustedCaPem(https.caCertificatePem().orElseThrow()).build())
        .directory(target).build().run());

    assertFalse(e.getMessage().contains("wrong-token-0000"), e.getMessage());
    assertFalse(Files.exists(target));
  }

  @Test
  void privateRepository_overSsh() {
    CloneResult result = CloneRequest.builder()
        .remote(GitRemote.builder().url(ssh.url("history")).privateKeyFile(ssh.clientKeys().openSshWithPassphrase())
            .passphrase(Secret.of(ssh.clientKeys().passphrase())).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine()))
            .build())
        .directory(dir.resolve("ssh")).branch("feature").build().run();

    assertEquals(featureHead.name(), result.commitId());
  }

  @Test
  void nonEmptyDirectory_isRefused_unlessReplaceIsAsked() throws IOException {
    Path target = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(target.resolve("keep.txt"), "mine\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> clone("busy").build().run());
    assertTrue(e.getMessage().contains("it is not empty") && e.getMessage().contains("keep.txt")
        && e.getMessage().contains("REPLACE"), e.getMessage());
    assertEquals("mine\n", read(target.resolve("keep.txt")));

    CloneResult replaced = clone("busy").ifNotEmpty(IfNotEmpty.REPLACE).build().run();
    assertFalse(Files.exists(target.resolve("keep.txt")));
    assertEquals("3\n", read(replaced.directory().resolve("version.txt")));
  }

  @Test
  void emptyExistingDirectory_isFine() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertEquals(third.name(), clone("empty").build().run().commitId());
  }

  @Test
  void missingBranchTagOrCommit_areNamed() {
    SourceNotFoundException branch = assertThrows(SourceNotFoundException.class,
        () -> clone("x1").branch("nope").build().run());
    SourceNotFoundException tag = assertThrows(SourceNotFoundException.class,
        () -> clone("x2").tag("v9").build().run());
    SourceNotFoundException commit = assertThrows(SourceNotFoundException.class,
        () -> clone("x3").commit("deadbeef").build().run());

    assertTrue(branch.getMessage().contains("branch 'nope' does not exist in " + daemon.url("history")), branch.getMessage());
    assertTrue(tag.getMessage().contains("tag 'v9' does not exist"), tag.getMessage());
    assertTrue(commit.getMessage().contains("commit 'deadbeef' does not exist"), commit.getMessage());
    assertFalse(Files.exists(dir.resolve("x3")), "a failed clone leaves nothing behind");
  }

  @Test
  void gitConfig_isAppliedBeforeCheckout() throws Exception {
    BareRepo text = repos.bare("line-endings");
    text.commit(Repos.MAIN).add("script.sh", "echo 1\necho 2\n").push();

    CloneResult result = CloneRequest.builder().remote(GitRemote.of(daemon.url("line-endings"))).directory(dir.resolve("crlf"))
        .putGitConfig("core.autocrlf", "true").putGitConfig("user.name", "Driftless CI").build().run();

    assertEquals("echo 1\r\necho 2\r\n", read(result.directory().resolve("script.sh")));
    try (Repository repo = Git.open(result.directory().toFile()).getRepository()) {
      assertEquals("Driftless CI", repo.getConfig().getString("user", null, "name"));
    }
  }

  @Test
  void settings_areChecked_allAtOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clone("bad").tag("v1")
        .branch("main").commit("xyz").depth(-1).putGitConfig("autocrlf", "true").build());
    assertTrue(e.getMessage().contains("not both") && e.getMessage().contains("'xyz' is not a commit id")
        && e.getMessage().contains("depth must be 0") && e.getMessage().contains("gitConfig key 'autocrlf'"),
        e.getMessage());
  }
}
