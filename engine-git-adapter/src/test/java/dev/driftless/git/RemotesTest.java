package dev.driftless.git;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.credential.Secret;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.GitDaemonServer;
import dev.driftless.git.servers.HttpBackendServer;
import dev.driftless.git.servers.JGitHttpServer;
import dev.driftless.git.servers.Repos;
import dev.driftless.git.servers.SshClientKeys;
import dev.driftless.git.servers.SshGitServer;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and writing over every kind of remote, with its credentials, trust and timeouts. */
@Timeout(60)
class RemotesTest {

  private static final Scope DEV_FLOWS = Scope.namespace("dev", Set.of(ResourceKind.FLOW));

  @TempDir
  static Path shared;

  static Repos repos;
  static GitDaemonServer daemon;
  static HttpBackendServer httpBackend;
  static JGitHttpServer https;
  static SshGitServer ssh;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    daemon = GitDaemonServer.start(repos.dir());
    httpBackend = HttpBackendServer.start(repos.dir());
    https = JGitHttpServer.https(repos.dir(), shared.resolve("tls"));
    ssh = SshGitServer.start(repos.dir(), shared.resolve("ssh"));
  }

  @AfterAll
  static void stop() {
    daemon.close();
    httpBackend.close();
    https.close();
    ssh.close();
  }

  /** Reads a seeded flow, writes another, reads both back: the whole cycle over one remote. */
  private static void roundTrip(BareRepo repo, GitRemote remote) {
    GitSide git = Sides.open(remote, Layout.namespaces());
    Snapshot before = git.reader().read(DEV_FLOWS);
    assertEquals(repo.head(Repos.MAIN).orElseThrow().name(), before.identity());
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "a").resource()).put(Flows.flow("dev", "b").resource());

    Sides.sync(git, kestra, DEV_FLOWS, Sides.policy(Side.KESTRA)).orThrow();

    Snapshot after = git.reader().read(DEV_FLOWS);
    assertEquals(Set.of(ResourceKey.flow("dev", "a"), ResourceKey.flow("dev", "b")),
        Set.copyOf(after.resources().stream().map(r -> r.key()).toList()));
    assertEquals(repo.head(Repos.MAIN).orElseThrow().name(), after.identity());
  }

  private static BareRepo seeded(String name) {
    BareRepo repo = repos.bare(name);
    repo.commit(Repos.MAIN).add("dev/flows/a.yaml", Flows.flow("dev", "a").yaml()).push();
    return repo;
  }

  @Test
  void localPath() {
    BareRepo repo = seeded("local");
    roundTrip(repo, GitRemote.of(repo.gitDir().toString()));
  }

  @Test
  void fileUrl() {
    BareRepo repo = seeded("file-url");
    roundTrip(repo, GitRemote.of(repo.gitDir().toUri().toString()));
  }

  @Test
  void gitDaemon() {
    BareRepo repo = seeded("daemon");
    roundTrip(repo, GitRemote.of(daemon.url(repo.name())));
  }

  @Test
  void httpBackend_withUserAndToken() {
    BareRepo repo = seeded("http-backend");
    roundTrip(repo, GitRemote.builder().url(httpBackend.url(repo.name())).username(httpBackend.credentials().user())
        .password(Secret.of(httpBackend.credentials().token())).build());
  }

  @Test
  void https_withItsOwnCa_forThisRemoteOnly() {
    BareRepo repo = seeded("https");
    GitRemote trusting = GitRemote.builder().url(https.url(repo.name())).username(https.credentials().user())
        .password(Secret.of(https.credentials().token())).trustedCaPem(https.caCertificatePem().orElseThrow()).build();
    roundTrip(repo, trusting);

    GitSide withoutCa = Sides.open(GitRemote.builder().url(https.url(repo.name())).username(https.credentials().user())
        .password(Secret.of(https.credentials().token())).build(), Layout.namespaces());
    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> withoutCa.reader().read(DEV_FLOWS));
    assertTrue(e.getMessage().contains("TLS certificate is not trusted") && e.getMessage().contains("trustedCaPem"),
        e.getMessage());
  }

  @Test
  void https_refusesAnotherCa() throws IOException {
    BareRepo repo = seeded("https-other-ca");
    Path otherCa = shared.resolve("other-ca.pem");
    Files.writeString(otherCa, selfSignedPem(), US_ASCII);
    GitSide git = Sides.open(GitRemote.builder().url(https.url(repo.name())).username(https.credentials().user())
        .password(Secret.of(https.credentials().token())).trustedCaPem(otherCa).build(), Layout.namespaces());

    assertThrows(AccessDeniedException.class, () -> git.reader().read(DEV_FLOWS));
  }

  static List<Arguments> keyFormats() {
    return List.of(
        Arguments.of("OpenSSH", (Function<SshClientKeys, Path>) SshClientKeys::openSsh, false),
        Arguments.of("PEM PKCS#1", (Function<SshClientKeys, Path>) SshClientKeys::pemPkcs1, false),
        Arguments.of("PEM PKCS#8", (Function<SshClientKeys, Path>) SshClientKeys::pemPkcs8, false),
        Arguments.of("OpenSSH with passphrase", (Function<SshClientKeys, Path>) SshClientKeys::openSshWithPassphrase, true),
        Arguments.of("PEM PKCS#1 with passphrase", (Function<SshClientKeys, Path>) SshClientKeys::pemPkcs1WithPassphrase,
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyFormats")
  void ssh_withEveryKeyFormat_givenAsText(String format, Function<SshClientKeys, Path> key, boolean encrypted)
      throws IOException {
    BareRepo repo = seeded("ssh-" + format.replaceAll("[^A-Za-z0-9]", "").toLowerCase());
    GitRemote.Builder remote = GitRemote.builder().url(ssh.url(repo.name()))
        .privateKey(Secret.of(Files.readString(key.apply(ssh.clientKeys()), US_ASCII)))
        .hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine()));
    if (encrypted) {
      remote.passphrase(Secret.of(ssh.clientKeys().passphrase()));
    }
    roundTrip(repo, remote.build());
  }

  @Test
  void ssh_withAKeyFile_andAKnownHostsFile() {
    BareRepo repo = seeded("ssh-files");
    roundTrip(repo, GitRemote.builder().url(ssh.url(repo.name())).privateKeyFile(ssh.clientKeys().pemPkcs1())
        .hostKeys(HostKeys.knownHosts(ssh.knownHostsFile())).build());
  }

  @Test
  void ssh_withAPinnedHostKey_asKeyOrAsFingerprint() {
    BareRepo repo = seeded("ssh-pinned");
    String line = ssh.knownHostsLine();
    String key = line.substring(line.indexOf(' ') + 1);
    roundTrip(repo, GitRemote.builder().url(ssh.url(repo.name())).privateKeyFile(ssh.clientKeys().openSsh())
        .hostKeys(HostKeys.pinned(key)).build());
    String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, parse(key));
    GitSide byFingerprint = Sides.open(GitRemote.builder().url(ssh.url(repo.name()))
        .privateKeyFile(ssh.clientKeys().openSsh()).hostKeys(HostKeys.pinned(fingerprint)).build(), Layout.namespaces());
    assertEquals(repo.head(Repos.MAIN).orElseThrow().name(), byFingerprint.reader().read(DEV_FLOWS).identity());

    GitSide byKnownHostsLine = Sides.open(GitRemote.builder().url(ssh.url(repo.name()))
        .privateKeyFile(ssh.clientKeys().openSsh()).hostKeys(HostKeys.pinned(line)).build(), Layout.namespaces());
    assertEquals(repo.head(Repos.MAIN).orElseThrow().name(), byKnownHostsLine.reader().read(DEV_FLOWS).identity());

    GitSide wrongPin = Sides.open(GitRemote.builder().url(ssh.url(repo.name()))
        .privateKeyFile(ssh.clientKeys().openSsh()).hostKeys(HostKeys.pinned("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
        .build(), Layout.namespaces());
    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> wrongPin.reader().read(DEV_FLOWS));
    assertTrue(e.getMessage().contains("is not the pinned key"), e.getMessage());
  }

  @Test
  void ssh_withoutVerification_onlyWhenAskedByName() {
    BareRepo repo = seeded("ssh-insecure");
    roundTrip(repo, GitRemote.builder().url(ssh.url(repo.name())).privateKeyFile(ssh.clientKeys().openSsh())
        .hostKeys(HostKeys.acceptAnyHostKeyInsecurely()).build());
  }

  @Test
  void ssh_unauthorisedKey_isRefused() {
    BareRepo repo = seeded("ssh-intruder");
    SshClientKeys intruder = SshClientKeys.generate(shared.resolve("intruder"));
    GitSide git = Sides.open(GitRemote.builder().url(ssh.url(repo.name())).privateKeyFile(intruder.openSsh())
        .hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine())).build(), Layout.namespaces());

    AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> git.reader().read(DEV_FLOWS));
    assertTrue(e.getMessage().contains("refused the credentials") && e.getMessage().contains("privateKey"), e.getMessage());
  }

  @Test
  void ed25519Keys_areRefusedClearly_atOpen() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sides.open(GitRemote.builder()
        .url(ssh.url("any")).privateKey(Secret.of(ed25519OpenSshKey())).hostKeys(HostKeys.knownHostsText(ssh.knownHostsLine()))
        .build(), Layout.namespaces()));

    assertTrue(e.getMessage().contains("privateKey is an ssh-ed25519 key, which this build cannot use"), e.getMessage());
    assertTrue(e.getMessage().contains("Use an RSA or ECDSA key"), e.getMessage());
  }

  @Test
  void readTimeout_endsAReadFromAServerThatNeverAnswers() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      GitSide git = Sides.open(GitRemote.builder().url("http://127.0.0.1:" + silent.getLocalPort() + "/x.git")
          .readTimeout(Duration.ofSeconds(1)).build(), Layout.namespaces());

      long start = System.nanoTime();
      SideUnavailableException e = assertThrows(SideUnavailableException.class, () -> git.reader().read(DEV_FLOWS));
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

      assertTrue(seconds < 10, "gave up after " + seconds + " s");
      assertTrue(e.getMessage().contains("no answer in time") && e.getMessage().contains("readTimeout PT1S"), e.getMessage());
    }
  }

  @Test
  void connectionRefused_isSideUnavailable_namingTheRemote() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/x.git";
    SideUnavailableException e = assertThrows(SideUnavailableException.class,
        () -> Sides.open(url, Layout.namespaces()).reader().read(DEV_FLOWS));
    assertTrue(e.getMessage().contains(url), e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------

  private static PublicKey parse(String key) {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(key).resolvePublicKey(null, null, null);
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** An unencrypted OpenSSH-format ed25519 private key (random key material; only its type matters here). */
  static String ed25519OpenSshKey() {
    try {
      byte[] pub = new byte[32];
      byte[] priv = new byte[64];
      new SecureRandom().nextBytes(pub);
      new SecureRandom().nextBytes(priv);
      ByteArrayOutputStream publicBlob = new ByteArrayOutputStream();
      DataOutputStream p = new DataOutputStream(publicBlob);
      string(p, "ssh-ed25519".getBytes(US_ASCII));
      string(p, pub);
      ByteArrayOutputStream privateBlob = new ByteArrayOutputStream();
      DataOutputStream q = new DataOutputStream(privateBlob);
      q.writeInt(42);
      q.writeInt(42);
      string(q, "ssh-ed25519".getBytes(US_ASCII));
      string(q, pub);
      string(q, priv);
      string(q, "test".getBytes(US_ASCII));
      for (int i = 1; privateBlob.size() % 8 != 0; i++) {
        q.write(i);
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(all);
      out.write("openssh-key-v1\0".getBytes(US_ASCII));
      string(out, "none".getBytes(US_ASCII));
      string(out, "none".getBytes(US_ASCII));
      string(out, new byte[0]);
      out.writeInt(1);
      string(out, publicBlob.toByteArray());
      string(out, privateBlob.toByteArray());
      return "-----BEGIN OPENSSH PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(70, "\n".getBytes(UTF_8)).encodeToString(all.toByteArray())
          + "\n-----END OPENSSH PRIVATE KEY-----\n";
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void string(DataOutputStream out, byte[] value) throws IOException {
    out.writeInt(value.length);
    out.write(value);
  }

  /** A CA certificate that signed nothing of the server's. */
  private static String selfSignedPem() {
    Path dir = shared.resolve("other-tls");
    try (JGitHttpServer other = JGitHttpServer.https(repos.dir(), dir)) {
      return Files.readString(other.caCertificatePem().orElseThrow(), US_ASCII);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
