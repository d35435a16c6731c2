package dev.driftless.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.core.codec.DiffRows;
import dev.driftless.emulator.EmulatorState;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.Mode;
import dev.driftless.emulator.RecordedRequest;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.BasicCredentials;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.Repos;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One Git repository served over HTTP (JGit's servlet on 127.0.0.1) and one Kestra API emulator, both with
 * the credentials that the tests' Kestra secrets {@code GIT_TOKEN} and {@code KESTRA_PASSWORD} hold (set
 * as {@code SECRET_*} environment variables by the build), so that a task can say
 * {@code password: "{{ secret('GIT_TOKEN') }}"}; {@link #connect} sets them on any task.
 */
final class PluginWorld implements AutoCloseable {

  static final String GIT_USER = "git-user";
  static final String GIT_TOKEN = "git-token-7d4b19e2";
  static final String KESTRA_USER = "admin@kestra.io";
  static final String KESTRA_PASSWORD = "Kestra-Pw-3c8a5f10";
  static final String TENANT = KestraEmulator.DEFAULT_TENANT;
  static final String MAIN = Repos.MAIN;
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "DELETE", "PATCH");

  private final BareRepo repo;
  private final JGitHttpServer git;
  private final KestraEmulator kestra;

  private PluginWorld(BareRepo repo, JGitHttpServer git, KestraEmulator kestra) {
    this.repo = repo;
    this.git = git;
    this.kestra = kestra;
  }

  static PluginWorld start(Path dir) {
    Repos repos = Repos.in(dir.resolve("repos"));
    BareRepo repo = repos.bare("kestra");
    JGitHttpServer git = JGitHttpServer.http(repos.dir(), new BasicCredentials(GIT_USER, GIT_TOKEN));
    try {
      KestraEmulator kestra = KestraEmulator.builder().mode(Mode.OSS).version("1.0.0")
          .basicAuth(KESTRA_USER, KESTRA_PASSWORD).start();
      return new PluginWorld(repo, git, kestra);
    } catch (RuntimeException e) {
      git.close();
      throw e;
    }
  }

  BareRepo repo() {
    return repo;
  }

  KestraEmulator kestra() {
    return kestra;
  }

  String url() {
    return git.url(repo.name());
  }

  String kestraUrl() {
    return kestra.url().toString();
  }

  /** Sets the Git connection on a task: this world's repository, its user and {@code {{ secret('GIT_TOKEN') }}}. */
  <T extends AbstractGitTask.AbstractGitTaskBuilder<?, ?>> T git(T builder) {
    builder.url(Property.ofValue(url()));
    builder.username(Property.ofValue(GIT_USER));
    builder.password(Property.ofExpression("{{ secret('GIT_TOKEN') }}"));
    return builder;
  }

  /** Sets both connections on a task: Git's, and this world's Kestra with {@code {{ secret('KESTRA_PASSWORD') }}}. */
  <T extends AbstractSyncTask.AbstractSyncTaskBuilder<?, ?, ?>> T connect(T builder) {
    git(builder);
    builder.kestraUrl(Property.ofValue(kestraUrl()));
    builder.auth(Auth.builder().username(Property.ofValue(KESTRA_USER))
        .password(Property.ofExpression("{{ secret('KESTRA_PASSWORD') }}")).build());
    return builder;
  }

  // ---- Git

  PendingCommit commit() {
    return repo.commit(MAIN);
  }

  Optional<ObjectId> head(String branch) {
    return repo.head(branch);
  }

  /** Every file on a branch, path to text. */
  Map<String, String> gitFiles(String branch) {
    return repo.files(branch);
  }

  Optional<String> gitFile(String branch, String path) {
    return repo.file(branch, path);
  }

  // ---- Kestra

  EmulatorState state() {
    return kestra.state();
  }

  void putFlow(String source) {
    kestra.state().putFlowSource(TENANT, source);
  }

  Optional<String> flow(String namespace, String id) {
    return kestra.state().flowSource(TENANT, namespace, id);
  }

  void putFile(String namespace, String path, String content) {
    kestra.state().putNamespaceFile(TENANT, namespace, path, content.getBytes(StandardCharsets.UTF_8));
  }

  Optional<String> file(String namespace, String path) {
    return kestra.state().namespaceFile(TENANT, namespace, path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** Forgets the requests seen so far, so that {@link #assertNoKestraWrite()} looks only at what follows. */
  void forgetRequests() {
    kestra.requests().clear();
  }

  /** The requests that changed something in Kestra, except the calls that only validate or export. */
  List<RecordedRequest> kestraWrites() {
    return kestra.requests().all().stream()
        .filter(r -> WRITE_METHODS.contains(r.method()))
        .filter(r -> !r.path().endsWith("/validate") && !r.path().endsWith("/apps/export"))
        .toList();
  }

  void assertNoKestraWrite() {
    assertTrue(kestraWrites().isEmpty(), () -> "Kestra was written: " + kestraWrites());
  }

  // ---- outputs

  /** The Ion rows a task stored in Kestra's internal storage, each sorted by key. */
  static List<Map<String, Object>> rows(RunContext context, URI uri) throws Exception {
    try (InputStream in = context.storage().getFile(uri)) {
      return DiffRows.fromIon(in.readAllBytes()).stream().map(r -> (Map<String, Object>) new TreeMap<>(r)).toList();
    }
  }

  /**
   * The state of each row by one of its fields, sorted: {@code syncState} or {@code action}; for the
   * plugin's push rows, which have neither, the line counts ({@code "+2 -0 0"}).
   */
  static SortedMap<String, String> states(List<Map<String, Object>> rows, String field) {
    SortedMap<String, String> out = new TreeMap<>();
    for (Map<String, Object> row : rows) {
      Object state = row.containsKey("syncState") ? row.get("syncState") : row.containsKey("action") ? row.get("action")
          : row.get("additions") + " " + row.get("deletions") + " " + row.get("changes");
      out.put(String.valueOf(row.get(field)), String.valueOf(state));
    }
    return out;
  }

  @Override
  public void close() {
    try {
      kestra.close();
    } finally {
      git.close();
    }
  }
}
