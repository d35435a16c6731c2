package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

/**
 * An SSH server (Apache MINA SSHD) that serves the bare repositories under a base directory:
 * {@code git-upload-pack} and {@code git-receive-pack} run JGit's {@link UploadPack} and
 * {@link ReceivePack} over the channel's streams. Only public-key auth is offered, for the user
 * {@value #USER} and the {@linkplain #clientKeys() generated client key} (or any key
 * {@linkplain #authorize(PublicKey) authorized} later). The host key is a fresh ECDSA P-256 key.
 *
 * <p>For host key verification tests: {@link #knownHostsLine()} / {@link #knownHostsFile()}
 * carry the real host key, {@link #knownHostsLineWithOtherKey()} the same host with a different
 * key of the same type (what a client sees as a changed, hence refused, host key).
 */
public final class SshGitServer implements AutoCloseable {

  /** The only user name accepted, as in {@code ssh://git@host/repo.git}. */
  public static final String USER = "git";

  private static final int PACK_TIMEOUT_SECONDS = 30;

  private final Path baseDir;
  private final SshServer server;
  private final KeyPair hostKey;
  private final SshClientKeys clientKeys;
  private final Path knownHosts;
  private final Set<PublicKey> authorized = new CopyOnWriteArraySet<>();

  private SshGitServer(Path baseDir, Path workDir) throws IOException, GeneralSecurityException {
    this.baseDir = baseDir;
    this.hostKey = ecdsaKeyPair();
    this.clientKeys = SshClientKeys.generate(workDir.resolve("client"));
    authorized.add(clientKeys.publicKey());

    server = SshServer.setUpDefaultServer();
    server.setHost(Loopback.HOST);
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setPublickeyAuthenticator((user, key, session) ->
        USER.equals(user) && authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
    server.setCommandFactory(this::command);
    CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ofSeconds(PACK_TIMEOUT_SECONDS));
    CoreModuleProperties.AUTH_TIMEOUT.set(server, Duration.ofSeconds(15));
    server.start();

    this.knownHosts = workDir.resolve("known_hosts");
    Files.writeString(knownHosts, knownHostsLine() + "\n", UTF_8);
  }

  /**
   * Starts on a free port of 127.0.0.1; it accepts connections when this returns. Client keys
   * and the {@code known_hosts} file are written into {@code workDir}.
   */
  public static SshGitServer start(Path baseDir, Path workDir) {
    Path base = baseDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException("no such directory: " + base);
    }
    try {
      Files.createDirectories(workDir);
      return new SshGitServer(base, workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the SSH server", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate SSH keys", e);
    }
  }

  /** {@code ssh://git@127.0.0.1:<port>/<name>.git}. */
  public String url(String repoName) {
    return "ssh://" + USER + "@" + Loopback.HOST + ":" + port() + "/" + BareRepo.plainName(repoName) + ".git";
  }

  public int port() {
    return server.getPort();
  }

  /** The key material of the authorized client key, in every format. */
  public SshClientKeys clientKeys() {
    return clientKeys;
  }

  /** Also accepts {@code key} for {@value #USER} from now on. */
  public void authorize(PublicKey key) {
    authorized.add(key);
  }

  /** {@code [127.0.0.1]:<port> ecdsa-sha2-nistp256 AAAA...}: this server's host key. */
  public String knownHostsLine() {
    return knownHostsLine(hostKey.getPublic());
  }

  /** A {@code known_hosts} file holding {@link #knownHostsLine()} only. */
  public Path knownHostsFile() {
    return knownHosts;
  }

  /** The same host pattern with a freshly generated key of the same type: a host key that must be refused. */
  public String knownHostsLineWithOtherKey() {
    try {
      return knownHostsLine(ecdsaKeyPair().getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops at once, closing open sessions. */
  @Override
  public void close() {
    try {
      server.stop(true);
    } catch (IOException e) {
      throw new UncheckedIOException("SSH server did not stop cleanly", e);
    }
  }

  @Override
  public String toString() {
    return "SshGitServer[" + Loopback.HOST + ":" + port() + " serving " + baseDir + "]";
  }

  private String knownHostsLine(PublicKey key) {
    return "[" + Loopback.HOST + "]:" + port() + " " + PublicKeyEntry.toString(key);
  }

  private static KeyPair ecdsaKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private Command command(ChannelSession channel, String commandLine) {
    return new GitCommand(commandLine);
  }

  /** Resolves {@code '/flows.git'} (or {@code flows}) to a bare repository under the base directory. */
  private Path repository(String argument) throws IOException {
    String name = argument.startsWith("/") ? argument.substring(1) : argument;
    Path dir = baseDir.resolve(name).normalize();
    if (!dir.startsWith(baseDir) || name.isEmpty()) {
      throw new IOException("not a repository under the base directory: " + argument);
    }
    if (!Files.isDirectory(dir) && Files.isDirectory(baseDir.resolve(name + ".git"))) {
      dir = baseDir.resolve(name + ".git");
    }
    if (!Files.isDirectory(dir)) {
      throw new IOException("no such repository: " + argument);
    }
    return dir;
  }

  /** One {@code git-upload-pack} or {@code git-receive-pack}, run on the command's own thread. */
  private final class GitCommand extends AbstractCommandSupport {

    GitCommand(String commandLine) {
      super(commandLine, null);
    }

    @Override
    public void run() {
      List<String> args = CommandFactory.split(getCommand());
      try {
        if (args.size() != 2) {
          throw new IOException("unsupported command: " + getCommand());
        }
        try (Repository repo = new FileRepositoryBuilder()
            .setGitDir(repository(args.get(1)).toFile()).setMustExist(true).build()) {
          switch (args.get(0)) {
            case "git-upload-pack" -> upload(repo);
            case "git-receive-pack" -> receive(repo);
            default -> throw new IOException("unsupported command: " + args.get(0));
          }
        }
        getOutputStream().flush();
        onExit(0);
      } catch (IOException | RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        try {
          OutputStream err = getErrorStream();
          err.write(("fatal: " + message + "\n").getBytes(UTF_8));
          err.flush();
        } catch (IOException ignored) {
          // the client is gone; the exit status still goes out if it can
        }
        onExit(1, message);
      }
    }

    private void upload(Repository repo) throws IOException {
      UploadPack pack = new UploadPack(repo);
      pack.setTimeout(PACK_TIMEOUT_SECONDS);
      String protocol = getEnvironment().getEnv().get("GIT_PROTOCOL");
      if (protocol != null) {
        pack.setExtraParameters(List.of(protocol.split(":")));
      }
      pack.upload(getInputStream(), getOutputStream(), getErrorStream());
    }

    private void receive(Repository repo) throws IOException {
      ReceivePack pack = new ReceivePack(repo);
      pack.setTimeout(PACK_TIMEOUT_SECONDS);
      pack.receive(getInputStream(), getOutputStream(), getErrorStream());
    }
  }
}
