package dev.driftless.git.internal.transport;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * The HTTP(S) connections of one remote: its connect and read timeouts, its proxy choice, and, when
 * it has a CA of its own, trust in exactly that CA for its HTTPS connections (hostname verification
 * stays on). Installed per transport with {@code TransportHttp.setHttpConnectionFactory}, never
 * JVM-wide. TLS verification cannot be turned off here, whatever a Git config says.
 */
final class RemoteConnections implements HttpConnectionFactory2 {

  private final JDKHttpConnectionFactory jdk = new JDKHttpConnectionFactory();
  private final Optional<TrustManager[]> trust;
  private final int connectMillis;
  private final int readMillis;
  private final boolean noProxy;

  RemoteConnections(Optional<TrustManager[]> trust, int connectMillis, int readMillis, boolean noProxy) {
    this.trust = trust;
    this.connectMillis = connectMillis;
    this.readMillis = readMillis;
    this.noProxy = noProxy;
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return new TimedConnection(noProxy ? jdk.create(url, Proxy.NO_PROXY) : jdk.create(url), connectMillis, readMillis);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return new TimedConnection(jdk.create(url, noProxy ? Proxy.NO_PROXY : proxy), connectMillis, readMillis);
  }

  @Override
  public GitSession newSession() {
    return new GitSession() {
      @Override
      public HttpConnection configure(HttpConnection connection, boolean sslVerify)
          throws GeneralSecurityException {
        if (trust.isPresent() && "https".equals(connection.getURL().getProtocol())) {
          connection.configure(null, trust.get(), null);
        }
        return connection;
      }

      @Override
      public void close() {
        // nothing held
      }
    };
  }

  @Override
  public String toString() {
    return "RemoteConnections[" + (trust.isPresent() ? "own CA" : "JVM trust") + ", connect " + connectMillis
        + " ms, read " + readMillis + " ms" + (noProxy ? ", no proxy" : "") + "]";
  }
}
