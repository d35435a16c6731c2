package dev.driftless.git.servers;

import dev.driftless.credential.Secret;
import dev.driftless.git.GitRemote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Repositories served by JGit's servlet on Jetty over HTTP with Basic auth, for a whole test class:
 * registered as a static extension, it starts the server before the class's tests (its nested
 * classes' included) and stops it, and deletes the repositories, after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServedRepos served = ServedRepos.overHttp();
 * ...
 * BareRepo repo = served.repos().bare("name");
 * GitRemote remote = served.remote(repo.name());
 * }</pre>
 */
public final class ServedRepos implements BeforeAllCallback, AfterAllCallback {

  /** The class that registered the extension: nested classes share its server. */
  private Class<?> owner;
  private Path dir;
  private Repos repos;
  private JGitHttpServer server;

  private ServedRepos() {}

  public static ServedRepos overHttp() {
    return new ServedRepos();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (owner != null) {
      return;
    }
    owner = context.getRequiredTestClass();
    dir = Files.createTempDirectory("driftless-served-");
    repos = Repos.in(dir.resolve("served"));
    server = JGitHttpServer.http(repos.dir());
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (context.getRequiredTestClass() != owner) {
      return;
    }
    owner = null;
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.deleteIfExists(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  public Repos repos() {
    return repos;
  }

  public JGitHttpServer server() {
    return server;
  }

  /** A folder of the class's own, beside the served repositories (for cache directories). */
  public Path dir() {
    return dir;
  }

  /** The served repository of this name, with the server's credentials. */
  public GitRemote remote(String name) {
    return GitRemote.builder().url(server.url(name)).username(server.credentials().user())
        .password(Secret.of(server.credentials().token())).build();
  }
}
