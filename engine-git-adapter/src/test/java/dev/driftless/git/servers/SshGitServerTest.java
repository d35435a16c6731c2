package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(60)
class SshGitServerTest {

  @TempDir
  static Path shared;

  static Repos repos;
  static SshGitServer server;

  @TempDir
  Path dir;

  private final List<SshdSessionFactory> factories = new ArrayList<>();

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("served"));
    server = SshGitServer.start(repos.dir(), shared.resolve("ssh"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeFactories() {
    factories.forEach(SshdSessionFactory::close);
  }

  @Test
  void jgitClient_clonesAndPushes_withOpenSshKeyAndStrictHostKeyChecking() throws Exception {
    BareRepo origin = ClientRoundTrip.seeded(repos, "round-trip");
    assertTrue(server.url("round-trip").matches("ssh://git@127\\.0\\.0\\.1:\\d+/round-trip\\.git"));

    ObjectId pushed = ClientRoundTrip.cloneCommitPush(server.url("round-trip"), dir.resolve("clone"),
        ssh(server.clientKeys().openSsh(), server.knownHostsFile()));

    ClientRoundTrip.assertPushed(origin, pushed);
  }

  static List<Arguments> keyFormats() {
    return List.of(
        Arguments.of("OpenSSH", (Function<SshClientKeys, Path>) SshClientKeys::openSsh, false),
        Arguments.of("PEM PKCS#1", (Function<SshClientKeys, Path>) SshClientKeys::pemPkcs1, false),
        Arguments.of("PEM PKCS#8", (Function<SshClientKeys, Path>) SshClientKeys::pemPkcs8, false),
        Arguments.of("OpenSSH with passphrase",
            (Function<SshClientKeys, Path>) SshClientKeys::openSshWithPassphrase, true),
        Arguments.of("PEM PKCS#1 with passphrase",
            (Function<SshClientKeys, Path>) SshClientKeys::pemPkcs1WithPassphrase, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyFormats")
  void everyKeyFormat_authenticates(String format, Function<SshClientKeys, Path> key, boolean encrypted)
      throws Exception {
    String name = "format-" + format.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    ClientRoundTrip.seeded(repos, name);
    SshClientKeys keys = server.clientKeys();
    ClientRoundTrip.Access access = ssh(key.apply(keys), server.knownHostsFile());
    if (encrypted) {
      access = access.and(new UsernamePasswordCredentialsProvider(SshGitServer.USER, keys.passphrase()));
    }

    assertFalse(ClientRoundTrip.lsRemote(server.url(name), access).isEmpty());
  }

  @Test
  void pemFiles_haveTheirUsualHeaders() throws IOException {
    SshClientKeys keys = server.clientKeys();
    assertTrue(Files.readString(keys.openSsh(), UTF_8).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
    assertTrue(Files.readString(keys.pemPkcs1(), UTF_8).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    assertTrue(Files.readString(keys.pemPkcs8(), UTF_8).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(Files.readString(keys.pemPkcs1WithPassphrase(), UTF_8).contains("Proc-Type: 4,ENCRYPTED"));
    assertFalse(keys.toString().contains(keys.passphrase()));
  }

  @Test
  void encryptedKeyWithoutPassphrase_isRefused() {
    ClientRoundTrip.seeded(repos, "no-passphrase");

    assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(server.url("no-passphrase"),
        ssh(server.clientKeys().openSshWithPassphrase(), server.knownHostsFile())));
  }

  @Test
  void wrongPassphrase_isRefused() {
    ClientRoundTrip.seeded(repos, "wrong-passphrase");
    ClientRoundTrip.Access wrong = ssh(server.clientKeys().openSshWithPassphrase(), server.knownHostsFile())
        .and(new UsernamePasswordCredentialsProvider(SshGitServer.USER, "not-the-passphrase"));

    assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(server.url("wrong-passphrase"), wrong));
  }

  @Test
  void changedHostKey_isRefused_andTheRightOneAccepted() throws Exception {
    ClientRoundTrip.seeded(repos, "host-key");
    Path wrongKnownHosts = dir.resolve("wrong_known_hosts");
    Files.writeString(wrongKnownHosts, server.knownHostsLineWithOtherKey() + "\n", UTF_8);

    TransportException refused = assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
        server.url("host-key"), ssh(server.clientKeys().openSsh(), wrongKnownHosts)));
    assertTrue(refused.getMessage().contains("Server key did not validate"), refused.getMessage());

    assertFalse(ClientRoundTrip.lsRemote(server.url("host-key"),
        ssh(server.clientKeys().openSsh(), server.knownHostsFile())).isEmpty());
  }

  @Test
  void unknownHost_isRefused_whenKnownHostsIsEmpty() throws Exception {
    ClientRoundTrip.seeded(repos, "unknown-host");
    Path empty = Files.createFile(dir.resolve("empty_known_hosts"));

    TransportException refused = assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
        server.url("unknown-host"), ssh(server.clientKeys().openSsh(), empty)));
    assertTrue(refused.getMessage().contains("Server key did not validate"), refused.getMessage());
  }

  @Test
  void unauthorizedClientKey_isRefused() {
    ClientRoundTrip.seeded(repos, "intruder");
    SshClientKeys intruder = SshClientKeys.generate(dir.resolve("intruder"));

    TransportException refused = assertThrows(TransportException.class, () -> ClientRoundTrip.lsRemote(
        server.url("intruder"), ssh(intruder.openSsh(), server.knownHostsFile())));
    assertTrue(refused.getMessage().contains("Cannot log in"), refused.getMessage());
  }

  @Test
  void knownHostsLine_namesTheHostAndPort() {
    assertTrue(server.knownHostsLine().startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 "),
        server.knownHostsLine());
    assertEquals(server.knownHostsLine().split(" ")[0], server.knownHostsLineWithOtherKey().split(" ")[0]);
    assertFalse(server.knownHostsLine().equals(server.knownHostsLineWithOtherKey()));
  }

  /**
   * A per-command JGit SSH client: its own home and ~/.ssh (so the machine's are never read),
   * one identity, one known_hosts file, and {@code StrictHostKeyChecking yes}.
   */
  private ClientRoundTrip.Access ssh(Path identity, Path knownHosts) {
    Path home = dir.resolve("home-" + System.nanoTime());
    Path sshDir = home.resolve(".ssh");
    try {
      Files.createDirectories(sshDir);
      Files.writeString(sshDir.resolve("config"), "Host *\n  StrictHostKeyChecking yes\n", UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SshdSessionFactory factory = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(sshDir.toFile())
        .setDefaultKnownHostsFiles(ignored -> List.of(knownHosts))
        .setDefaultIdentities(ignored -> List.of(identity))
        .setPreferredAuthentications("publickey")
        .build(null);
    factories.add(factory);
    TransportConfigCallback useFactory = transport -> ((SshTransport) transport).setSshSessionFactory(factory);
    return ClientRoundTrip.Access.anonymous().via(useFactory);
  }
}
