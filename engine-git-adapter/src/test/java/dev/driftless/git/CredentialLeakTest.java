package dev.driftless.git;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.driftless.apply.ApplyResult;
import dev.driftless.core.apply.Sync;
import dev.driftless.core.apply.SyncResult;
import dev.driftless.core.render.PlanText;
import dev.driftless.credential.Secret;
import dev.driftless.git.clone.CloneRequest;
import dev.driftless.git.clone.CloneResult;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.HttpBackendServer;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.git.servers.SshClientKeys;
import dev.driftless.git.servers.SshGitServer;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No credential appears in any message, log, exception (with its causes and stack traces) or
 * {@code toString()} produced by operations that succeed and operations that fail, over HTTPS
 * with a token and over SSH with an encrypted key given as text.
 */
@Timeout(120)
class CredentialLeakTest {

  private static final Scope FLOWS = Scope.namespace("dev", Set.of(ResourceKind.FLOW));

  @TempDir
  static Path shared;

  static Repos repos;
  static JGitHttpServer https;
  static HttpBackendServer httpBackend;
  static SshGitServer ssh;

  @TempDir
  Path dir;

  private final List<String> produced = new ArrayList<>();

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    https = JGitHttpServer.https(repos.dir(), shared.resolve("tls"));
    httpBackend = HttpBackendServer.start(repos.dir());
    ssh = SshGitServer.start(repos.dir(), shared.resolve("ssh"));
    BareRepo repo = repos.bare("secret-flows");
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
  }

  @AfterAll
  static void stop() {
    https.close();
    httpBackend.close();
    ssh.close();
  }

  private void keep(Object... things) {
    for (Object thing : things) {
      produced.add(String.valueOf(thing));
    }
  }

  private void keepFailure(Failing operation) {
    try {
      operation.run();
      fail("expected a failure");
    } catch (RuntimeException | IOException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      keep(e, e.getMessage(), trace);
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        keep(t, t.getMessage());
      }
    }
  }

  @Test
  void noCredentialAppearsAnywhere() throws IOException {
    String token = https.credentials().token();
    String backendToken = httpBackend.credentials().token();
    String wrongToken = "tok_wrong_" + token.substring(4);
    String passphrase = ssh.clientKeys().passphrase();
    String encryptedKey = Files.readString(ssh.clientKeys().openSshWithPassphrase(), US_ASCII);
    String plainKey = Files.readString(ssh.clientKeys().pemPkcs1(), US_ASCII);

    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      runEverything(token, wrongToken, backendToken, passphrase, encryptedKey, plainKey);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    keep(console.toString(UTF_8));

    List<String> secrets = new ArrayList<>(List.of(token, wrongToken, backendToken, passphrase));
    for (String key : List.of(encryptedKey, plainKey)) {
      for (String line : key.split("\\R")) {
        if (line.length() >= 16 && !line.startsWith("-----") && !line.startsWith("Proc-Type") && !line.startsWith("DEK-Info")) {
          secrets.add(line);
        }
      }
    }
    assertTrue(produced.size() > 40, "the test looked at " + produced.size() + " texts");
    String all = String.join("\n", produced);
    for (String failure : List.of("refused the credentials", "is not trusted", "the passphrase is wrong",
        "is encrypted: give its passphrase", "url holds a password", "password is used for HTTP(S) remotes only",
        "could not be read as an SSH private key", "password=***")) {
      assertTrue(all.contains(failure), "the failures looked at include '" + failure + "'");
    }
    for (String text : produced) {
      for (String secret : secrets) {
        assertFalse(text.contains(secret), () -> "a credential leaked into:\n" + text);
      }
    }
  }

  private void runEverything(String token, String wrongToken, String backendToken, String passphrase,
      String encryptedKey, String plainKey) {
    // HTTPS with a token: read, plan, apply, read back, through Sync.
    GitRemote httpsRemote = GitRemote.builder().url(https.url("secret-flows")).username(https.credentials().user())
        .password(Secret.of(token)).trustedCaPem(https.caCertificatePem().orElseThrow()).build();
    GitSettings httpsSettings = GitSettings.builder().remote(httpsRemote).layout(Layout.namespaces()).build();
    GitSide httpsSide = GitSide.open(httpsSettings);
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").resource()).put(Flows.flow("dev", "b").resource());
    SyncResult run = Sync.between(httpsSide.reader(), FLOWS, kestra, FLOWS).withPolicy(Sides.policy(Side.KESTRA))
        .withWriters(httpsSide.writer()).apply();
    Snapshot snapshot = httpsSide.reader().read(FLOWS);
    keep(httpsRemote, httpsSettings, httpsSide, httpsSide.reader(), httpsSide.writer(), run, snapshot,
        snapshot.entries(), snapshot.diagnostics(), PlanText.render(run.plan()));
    run.result().ifPresent(r -> keep(r, r.line(), r.results(), r.commits(), r.diagnostics()));
    try (WriteSession session = httpsSide.writer().begin(new WriteIntent("p", Set.of(ResourceKey.flow("dev", "c")), "s"))) {
      keep(session, session.current(ResourceKey.flow("dev", "c")), session.commit());
    }

    // HTTPS and HTTP with a wrong token; settings that are refused.
    GitSide wrongHttps = Sides.open(GitRemote.builder().url(https.url("secret-flows")).username("someone")
        .password(Secret.of(wrongToken)).trustedCaPem(https.caCertificatePem().orElseThrow()).build(), Layout.namespaces());
    keepFailure(() -> wrongHttps.reader().read(FLOWS));
    keepFailure(() -> wrongHttps.writer().begin(new WriteIntent("p", Set.of(ResourceKey.flow("dev", "c")), "s")));
    GitSide wrongBackend = Sides.open(GitRemote.builder().url(httpBackend.url("secret-flows")).username("someone")
        .password(Secret.of(wrongToken)).build(), Layout.namespaces());
    keepFailure(() -> wrongBackend.reader().read(FLOWS));
    GitSide rightBackend = Sides.open(GitRemote.builder().url(httpBackend.url("secret-flows"))
        .username(httpBackend.credentials().user()).password(Secret.of(backendToken)).build(), Layout.namespaces());
    keep(rightBackend.reader().read(FLOWS));
    keepFailure(() -> GitRemote.builder().url("ssh://git@h/x.git").password(Secret.of(token)).build());
    keepFailure(() -> GitRemote.of("https://someone:" + token + "@github.com/acme/flows.git"));

    // SSH with an encrypted key given as text: success, wrong passphrase, unknown host, unauthorised key.
    GitRemote sshRemote = GitRemote.builder().url(ssh.url("secret-flows")).privateKey(Secret.of(encryptedKey))
        .passphrase(Secret.of(passphrase)).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine())).build();
    GitSide sshSide = Sides.open(sshRemote, Layout.namespaces());
    ApplyResult applied = Sides.sync(sshSide, InMemorySide.kestra().put(Flows.flow("dev", "d").resource()), FLOWS,
        Sides.policy(Side.KESTRA));
    keep(sshRemote, sshSide, applied, applied.line(), sshSide.reader().read(FLOWS));
    keepFailure(() -> Sides.open(GitRemote.builder().url(ssh.url("secret-flows")).privateKey(Secret.of(encryptedKey))
        .passphrase(Secret.of(passphrase + "x")).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine())).build(),
        Layout.namespaces()));
    keepFailure(() -> Sides.open(GitRemote.builder().url(ssh.url("secret-flows")).privateKey(Secret.of(encryptedKey))
        .hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine())).build(), Layout.namespaces()));
    keepFailure(() -> Sides.open(GitRemote.builder().url(ssh.url("secret-flows")).privateKey(Secret.of(encryptedKey))
        .passphrase(Secret.of(passphrase)).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLineWithOtherKey())).build(),
        Layout.namespaces()).reader().read(FLOWS));
    keepFailure(() -> Sides.open(GitRemote.builder().url(ssh.url("secret-flows"))
        .privateKey(Secret.of(Files.readString(otherKey(), US_ASCII).strip()))
        .hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine())).build(), Layout.namespaces()).reader().read(FLOWS));
    keepFailure(() -> Sides.open(GitRemote.builder().url(ssh.url("secret-flows")).privateKey(Secret.of("not a key "
        + plainKey.substring(40, 120))).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine())).build(),
        Layout.namespaces()));

    // Clone over HTTPS: success, and a refused token.
    CloneResult cloned = CloneRequest.builder().remote(httpsRemote).directory(dir.resolve("clone")).build().run();
    keep(cloned, CloneRequest.builder().remote(httpsRemote).directory(dir.resolve("x")).build());
    keepFailure(() -> CloneRequest.builder().remote(GitRemote.builder().url(https.url("secret-flows")).username("someone")
        .password(Secret.of(wrongToken)).trustedCaPem(https.caCertificatePem().orElseThrow()).build())
        .directory(dir.resolve("refused")).build().run());
  }

  private Path otherKey() {
    return SshClientKeys.generate(dir.resolve("intruder")).openSsh();
  }

  /** A failing operation that declares an IOException, for {@link #keepFailure}. */
  @FunctionalInterface
  interface Failing {
    void run() throws IOException;
  }
}
