package dev.driftless.git.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * JGit's {@link GitServlet} on embedded Jetty 12 (ee11), over HTTP or HTTPS, guarded by HTTP
 * Basic auth with one user and token. Every request needs the credentials; the authenticated
 * user may fetch and push (JGit enables receive-pack for an authenticated remote user).
 *
 * <p>With {@link #https(Path, Path)} the server presents a certificate for 127.0.0.1 signed by a
 * CA generated at start; {@link #caCertificatePem()} is the file a client trusts for it, so a
 * test can show that trusting it per connection works and that the JVM's defaults fail.
 */
public final class JGitHttpServer implements AutoCloseable {

  private static final String REALM = "driftless-jgit";

  private final Path baseDir;
  private final BasicCredentials credentials;
  private final Optional<Path> caPem;
  private final Server server;
  private final int port;

  private JGitHttpServer(Path baseDir, BasicCredentials credentials, Optional<LoopbackTls> tls) throws Exception {
    this.baseDir = baseDir;
    this.credentials = credentials;
    this.caPem = tls.map(LoopbackTls::caPem);

    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("jgit-http");
    threads.setDaemon(true);
    server = new Server(threads);
    // No graceful phase on stop: it only waits for clients' idle keep-alive connections.
    server.setStopTimeout(0);

    ServerConnector connector;
    if (tls.isPresent()) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStore(tls.get().serverKeyStore());
      ssl.setKeyStorePassword(new String(tls.get().storePassword()));
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory());
    } else {
      connector = new ServerConnector(server);
    }
    connector.setHost(Loopback.HOST);
    connector.setPort(0);
    server.addConnector(connector);

    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new FileResolver<>(baseDir.toFile(), true));
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(new FilterHolder(new BasicAuthFilter(credentials)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder("git", git), "/*");
    server.setHandler(context);

    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    port = connector.getLocalPort();
  }

  /** Starts plain HTTP on a free port of 127.0.0.1 with random credentials. */
  public static JGitHttpServer http(Path baseDir) {
    return start(baseDir, BasicCredentials.random(), Optional.empty());
  }

  /**
   * Starts plain HTTP on a free port of 127.0.0.1 with the given credentials (for a test that has to
   * name the token before the server starts, as a Kestra secret).
   */
  public static JGitHttpServer http(Path baseDir, BasicCredentials credentials) {
    return start(baseDir, credentials, Optional.empty());
  }

  /**
   * Starts HTTPS on a free port of 127.0.0.1 with random credentials, generating its CA and
   * certificate into {@code tlsDir}.
   */
  public static JGitHttpServer https(Path baseDir, Path tlsDir) {
    return start(baseDir, BasicCredentials.random(), Optional.of(LoopbackTls.generate(tlsDir)));
  }

  private static JGitHttpServer start(Path baseDir, BasicCredentials credentials, Optional<LoopbackTls> tls) {
    Path base = baseDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(base)) {
      throw new IllegalArgumentException("no such directory: " + base);
    }
    try {
      return new JGitHttpServer(base, credentials, tls);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Jetty with JGit's GitServlet", e);
    }
  }

  /** {@code http(s)://127.0.0.1:<port>/<name>.git}. */
  public String url(String repoName) {
    return baseUrl() + "/" + BareRepo.plainName(repoName) + ".git";
  }

  public int port() {
    return port;
  }

  public boolean isHttps() {
    return caPem.isPresent();
  }

  /** The only credentials it accepts. */
  public BasicCredentials credentials() {
    return credentials;
  }

  /** The PEM file of the CA that signed the HTTPS certificate; empty for plain HTTP. */
  public Optional<Path> caCertificatePem() {
    return caPem;
  }

  /** Stops Jetty at once, closing open connections; its threads end with it. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop cleanly", e);
    }
  }

  @Override
  public String toString() {
    return "JGitHttpServer[" + baseUrl() + " serving " + baseDir + " for " + credentials + "]";
  }

  private String baseUrl() {
    return (isHttps() ? "https" : "http") + "://" + Loopback.HOST + ":" + port;
  }

  /** HTTP Basic auth in front of the servlet; it passes the user on as the remote user. */
  private static final class BasicAuthFilter implements Filter {
    private final BasicCredentials credentials;

    BasicAuthFilter(BasicCredentials credentials) {
      this.credentials = credentials;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      if (!credentials.accepts(http.getHeader("Authorization"))) {
        HttpServletResponse denied = (HttpServletResponse) response;
        denied.setHeader("WWW-Authenticate", BasicCredentials.challenge(REALM));
        denied.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      String user = credentials.user();
      chain.doFilter(new HttpServletRequestWrapper(http) {
        @Override
        public String getRemoteUser() {
          return user;
        }

        @Override
        public String getAuthType() {
          return HttpServletRequest.BASIC_AUTH;
        }

        @Override
        public Principal getUserPrincipal() {
          return () -> user;
        }
      }, response);
    }
  }
}
