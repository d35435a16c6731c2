package dev.driftless.git.internal.transport;

import dev.driftless.credential.Secret;
import dev.driftless.git.GitRemote;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.SourceNotFoundException;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * One operation's connection setup for a remote: transports configured with the remote's
 * credentials, timeouts, HTTP connection factory and, for SSH, a session factory of its own (its
 * own home and {@code .ssh} directory, the loaded key, host keys checked by {@link HostKeyCheck},
 * no agent, no user config). Nothing is set JVM-wide. Also turns failures into the port's
 * exceptions, with messages that say what and where and never hold a credential.
 */
public final class RemoteLink implements AutoCloseable {

  private static final Pattern HTTP_DENIED = Pattern.compile("(?<![\\d.:])(401|403)(?![\\d.])");

  private final RemoteAccess access;
  private final RemoteConnections http;
  private final Optional<SshdSessionFactory> ssh;
  private final Optional<HostKeyCheck> hostKeys;
  private final Optional<Path> home;

  private RemoteLink(RemoteAccess access, RemoteConnections http, Optional<SshdSessionFactory> ssh,
      Optional<HostKeyCheck> hostKeys, Optional<Path> home) {
    this.access = access;
    this.http = http;
    this.ssh = ssh;
    this.hostKeys = hostKeys;
    this.home = home;
  }

  static RemoteLink open(RemoteAccess access) {
    GitRemote remote = access.remote();
    RemoteConnections http = new RemoteConnections(access.trust(), millis(remote.connectTimeout()),
        millis(remote.readTimeout()), remote.noProxy());
    if (remote.protocol() != GitRemote.Protocol.SSH) {
      return new RemoteLink(access, http, Optional.empty(), Optional.empty(), Optional.empty());
    }
    Path home;
    try {
      home = Files.createTempDirectory("driftless-ssh-" + ProcessHandle.current().pid() + "-");
      Path sshDir = Files.createDirectory(home.resolve(".ssh"));
      Files.writeString(sshDir.resolve("config"), "Host *\n"
          + "  StrictHostKeyChecking yes\n"
          + "  ConnectTimeout " + seconds(remote.connectTimeout()) + "\n"
          + "  PreferredAuthentications publickey\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SideUnavailableException("cannot create a private SSH directory for " + access.display() + ": " + e, e);
    }
    HostKeyCheck check = HostKeyCheck.of(remote.hostKeys());
    List<KeyPair> keys = access.key().map(List::of).orElse(List.of());
    SshdSessionFactory factory = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(home.resolve(".ssh").toFile())
        .setConfigFile(dir -> new File(dir, "config"))
        .setDefaultKnownHostsFiles(dir -> List.of())
        .setDefaultIdentities(dir -> List.of())
        .setDefaultKeysProvider(dir -> keys)
        .setServerKeyDatabase((homeDir, sshDir) -> check)
        .setPreferredAuthentications("publickey")
        .setConnectorFactory(null)
        .build(null);
    return new RemoteLink(access, http, Optional.of(factory), Optional.of(check), Optional.of(home));
  }

  /** A transport to the remote for {@code repo}, configured; the caller closes it. */
  public Transport open(Repository repo) throws IOException {
    URIish uri;
    try {
      uri = new URIish(access.remote().url().strip());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the remote URL was checked when the settings were built", e);
    }
    Transport transport = Transport.open(repo, uri);
    configure(transport);
    return transport;
  }

  /** Configures a transport a JGit command opened (Clone, submodule updates). */
  public TransportConfigCallback configurer() {
    return this::configure;
  }

  private void configure(Transport transport) {
    GitRemote remote = access.remote();
    transport.setTimeout(seconds(remote.readTimeout()));
    // Credentials go only to the remote's own host: a submodule elsewhere gets none.
    transport.setCredentialsProvider(sameHost(transport.getURI()) ? credentials().orElse(null) : null);
    if (transport instanceof SshTransport sshTransport) {
      sshTransport.setSshSessionFactory(ssh.isPresent() ? ssh.get() : NoSsh.INSTANCE);
    }
    if (transport instanceof TransportHttp httpTransport) {
      httpTransport.setHttpConnectionFactory(http);
    }
  }

  private boolean sameHost(URIish other) {
    try {
      String host = new URIish(access.remote().url().strip()).getHost();
      return host == null ? other.getHost() == null : host.equalsIgnoreCase(other.getHost());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The HTTP(S) user and password, when given. */
  public Optional<CredentialsProvider> credentials() {
    GitRemote remote = access.remote();
    if (remote.password().isPresent() && remote.username().isPresent()) {
      return Optional.of(new UsernamePasswordCredentialsProvider(remote.username().get(),
          remote.password().map(Secret::reveal).orElseThrow()));
    }
    return Optional.empty();
  }

  /**
   * The Git directory of a remote on this machine (a local path or a {@code file://} URL), where
   * its files can be looked at; empty for a remote reached over the network.
   */
  public Optional<Path> localGitDir() {
    URIish uri;
    try {
      uri = new URIish(access.remote().url().strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    boolean local = (uri.getScheme() == null || uri.getScheme().equals("file")) && uri.getHost() == null
        && uri.getPath() != null;
    return local ? Optional.ofNullable(RepositoryCache.FileKey.resolve(new File(uri.getPath()), FS.DETECTED))
        .map(File::toPath) : Optional.empty();
  }

  /** The text with every credential of the remote taken out: for what a server says back. */
  public String scrub(String text) {
    return access.scrubber().scrub(text);
  }

  /** The remote's URL as messages show it. */
  public String display() {
    return access.display();
  }

  public int timeoutSeconds() {
    return seconds(access.remote().readTimeout());
  }

  /**
   * The port's exception for a failure while {@code doing} something with the remote: refused
   * credentials or an untrusted host are {@link AccessDeniedException}, a missing repository is
   * {@link SourceNotFoundException}, the rest {@link SideUnavailableException}. The message says
   * what was being done, where, and what to do; credentials are scrubbed from it and from the
   * causes.
   */
  public DriftlessException failure(String doing, Throwable error) {
    Scrubber scrubber = access.scrubber();
    String what = doing + " " + access.display();
    String detail = scrubber.scrub(rootMessage(error));
    Throwable cause = scrubber.scrub(error);
    Optional<String> refusal = hostKeys.flatMap(HostKeyCheck::refusal);
    if (refusal.isPresent()) {
      return new AccessDeniedException(what + " failed: " + refusal.get(), cause);
    }
    if (has(error, SSLHandshakeException.class) || has(error, SSLPeerUnverifiedException.class)
        || has(error, CertPathBuilderException.class) || has(error, CertificateException.class)) {
      return new AccessDeniedException(what + " failed: the server's TLS certificate is not trusted (" + detail
          + "). If it is signed by your own CA, give that CA's PEM file as trustedCaPem.", cause);
    }
    if (has(error, UnknownHostException.class)) {
      return new SideUnavailableException(what + " failed: unknown host (" + detail + "). Check the url and DNS.",
          cause);
    }
    if (has(error, ConnectException.class) || has(error, NoRouteToHostException.class)) {
      return new SideUnavailableException(what + " failed: the host refused the connection or cannot be reached ("
          + detail + ").", cause);
    }
    String lower = chainText(error).toLowerCase(Locale.ROOT);
    if (has(error, SocketTimeoutException.class) || has(error, InterruptedIOException.class)
        || lower.contains("timed out") || lower.contains("timeout")) {
      return new SideUnavailableException(what + " failed: no answer in time (connectTimeout "
          + access.remote().connectTimeout() + ", readTimeout " + access.remote().readTimeout() + "; " + detail + ").",
          cause);
    }
    if (lower.contains("not authorized") || lower.contains("authentication is required")
        || lower.contains("authentication not supported") || HTTP_DENIED.matcher(lower).find()
        || lower.contains("no more authentication methods")
        || lower.contains("cannot log in") || lower.contains("permission denied")
        || lower.contains("auth fail") || lower.contains("not permitted")) {
      return new AccessDeniedException(what + " failed: the remote refused the credentials (" + detail + "). "
          + credentialsHint(), cause);
    }
    if (has(error, NoRemoteRepositoryException.class) || lower.contains("repository not found")
        || lower.contains("not found") || lower.contains("no such repository")
        || lower.contains("does not appear to be a git repository") || lower.contains("not exported")) {
      return new SourceNotFoundException(what + " failed: there is no repository at this URL, or it is not "
          + "visible with these credentials (" + detail + "). Check the url.");
    }
    return new SideUnavailableException(what + " failed: " + detail, cause);
  }

  private String credentialsHint() {
    return switch (access.remote().protocol()) {
      case SSH -> "Check that privateKey is authorized for this repository and that the user in the URL is right.";
      case HTTP, HTTPS -> access.remote().password().isPresent()
          ? "Check username and password (or token) and the token's scopes."
          : "This remote needs a username and a password or token.";
      case LOCAL, FILE, GIT -> "Check the file permissions or the server's access rules.";
    };
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    return chain(error).anyMatch(type::isInstance);
  }

  private static Stream<Throwable> chain(Throwable error) {
    return Stream.iterate(error, t -> t != null, t -> t.getCause() == t ? null : t.getCause()).limit(20);
  }

  private static String chainText(Throwable error) {
    StringBuilder out = new StringBuilder();
    chain(error).forEach(t -> out.append(t.getMessage()).append('\n'));
    return out.toString();
  }

  /** The most specific message in the chain: the deepest non-blank one, else the top one. */
  private static String rootMessage(Throwable error) {
    String found = String.valueOf(error.getMessage());
    for (Throwable t : (Iterable<Throwable>) chain(error)::iterator) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        found = t.getMessage();
      }
    }
    String top = error.getMessage();
    if (top != null && !top.isBlank() && !top.equals(found) && top.length() < 300 && !top.contains(found)) {
      return top + ": " + found;
    }
    return top != null && top.contains(found) ? top : found;
  }

  /** Closes the SSH session factory and deletes this operation's SSH directory. */
  @Override
  public void close() {
    ssh.ifPresent(SshdSessionFactory::close);
    home.ifPresent(RemoteLink::deleteTree);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // a leftover temporary file is not worth failing an operation for
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // as above
    }
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }

  private static int seconds(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (duration.toMillis() + 999) / 1000));
  }

  @Override
  public String toString() {
    return "RemoteLink[" + access.display() + "]";
  }
}
