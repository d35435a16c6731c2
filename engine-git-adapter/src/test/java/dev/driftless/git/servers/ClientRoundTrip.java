package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * What every smoke test does with a JGit client against a server: clone a seeded repository,
 * see the seeded file, commit a new one and push it.
 */
final class ClientRoundTrip {

  static final String SEEDED_PATH = "dev/flows/a.yaml";
  static final String SEEDED_YAML = "id: a\nnamespace: dev\n";
  static final String PUSHED_PATH = "dev/flows/b.yaml";
  static final String PUSHED_YAML = "id: b\nnamespace: dev\n";
  static final int TIMEOUT_SECONDS = 20;

  /** How a client reaches one server: credentials and a transport tweak, each optional. */
  record Access(Optional<CredentialsProvider> credentials, Optional<TransportConfigCallback> transport) {

    static Access anonymous() {
      return new Access(Optional.empty(), Optional.empty());
    }

    static Access with(CredentialsProvider credentials) {
      return new Access(Optional.of(credentials), Optional.empty());
    }

    Access and(CredentialsProvider provider) {
      return new Access(Optional.of(provider), transport);
    }

    Access via(TransportConfigCallback callback) {
      return new Access(credentials, Optional.of(callback));
    }

    <C extends TransportCommand<C, ?>> C applyTo(C command) {
      command.setTimeout(TIMEOUT_SECONDS);
      credentials.ifPresent(command::setCredentialsProvider);
      transport.ifPresent(command::setTransportConfigCallback);
      return command;
    }
  }

  private ClientRoundTrip() {
  }

  /** A new repository {@code name} with one commit on main holding {@link #SEEDED_PATH}. */
  static BareRepo seeded(Repos repos, String name) {
    BareRepo repo = repos.bare(name);
    repo.commit(Repos.MAIN).add(SEEDED_PATH, SEEDED_YAML).message("Seed").push();
    return repo;
  }

  /** Clones {@code url}, checks the seeded file, commits {@link #PUSHED_PATH} and pushes it; returns the pushed commit. */
  static ObjectId cloneCommitPush(String url, Path workDir, Access access) throws GitAPIException {
    try (Git clone = access.applyTo(Git.cloneRepository().setURI(url).setDirectory(workDir.toFile())).call()) {
      assertEquals(SEEDED_YAML, Files.readString(workDir.resolve(SEEDED_PATH), UTF_8));
      Files.createDirectories(workDir.resolve(PUSHED_PATH).getParent());
      Files.writeString(workDir.resolve(PUSHED_PATH), PUSHED_YAML, UTF_8);
      clone.add().addFilepattern(PUSHED_PATH).call();
      RevCommit commit = clone.commit().setMessage("Add b").setAuthor("Tester", "tester@driftless.invalid")
          .setCommitter("Tester", "tester@driftless.invalid").setSign(false).call();
      Iterable<PushResult> results = access.applyTo(clone.push().setRemote("origin").add(Repos.MAIN)).call();
      for (PushResult result : results) {
        Collection<RemoteRefUpdate> updates = result.getRemoteUpdates();
        assertTrue(!updates.isEmpty(), "no ref update reported");
        for (RemoteRefUpdate update : updates) {
          assertEquals(RemoteRefUpdate.Status.OK, update.getStatus(),
              update.getRemoteName() + ": " + update.getMessage() + " " + result.getMessages());
        }
      }
      return commit.getId();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The remote's refs, as {@code git ls-remote} lists them. */
  static Collection<Ref> lsRemote(String url, Access access) throws GitAPIException {
    return access.applyTo(Git.lsRemoteRepository().setRemote(url).setHeads(false).setTags(false)).call();
  }

  /** Asserts the server now has the pushed commit and file on main. */
  static void assertPushed(BareRepo origin, ObjectId pushed) {
    assertEquals(pushed, origin.head(Repos.MAIN).orElseThrow(), "main of " + origin.name());
    assertEquals(PUSHED_YAML, origin.file(Repos.MAIN, PUSHED_PATH).orElseThrow());
    assertEquals(SEEDED_YAML, origin.file(Repos.MAIN, SEEDED_PATH).orElseThrow());
  }
}
