package dev.driftless.git.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * A JGit HTTP connection factory whose HTTPS connections trust exactly the CA certificates of
 * one PEM file (and keep the JDK's hostname verification), for one transport at a time:
 *
 * <pre>{@code
 * git.fetch().setTransportConfigCallback(t ->
 *         ((TransportHttp) t).setHttpConnectionFactory(PemTrustConnectionFactory.trusting(pem)))
 * }</pre>
 *
 * <p>Why this exists: JGit 7.5 has no {@code http.sslCAInfo}; its only TLS setting is
 * {@code http.sslVerify}, and {@code HttpTransport.setConnectionFactory} is JVM-global.
 * {@link TransportHttp#setHttpConnectionFactory} (since 5.11) takes a factory per transport,
 * and an {@link HttpConnectionFactory2} session configures each new connection through
 * {@link HttpConnection#configure}, which installs the trust managers on that connection only.
 * A test-tree stand-in for what the adapter will need in main.
 */
public final class PemTrustConnectionFactory implements HttpConnectionFactory2 {

  private final JDKHttpConnectionFactory jdk = new JDKHttpConnectionFactory();
  private final TrustManager[] trustManagers;

  private PemTrustConnectionFactory(TrustManager[] trustManagers) {
    this.trustManagers = trustManagers;
  }

  /** Trusts the certificates in {@code pem} and nothing else. */
  public static PemTrustConnectionFactory trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + pem);
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return new PemTrustConnectionFactory(factory.getTrustManagers());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not usable as trusted certificates: " + pem, e);
    }
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return jdk.create(url);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return jdk.create(url, proxy);
  }

  @Override
  public GitSession newSession() {
    GitSession unverified = jdk.newSession();
    return new GitSession() {
      @Override
      public HttpConnection configure(HttpConnection connection, boolean sslVerify)
          throws IOException, GeneralSecurityException {
        if (!"https".equals(connection.getURL().getProtocol())) {
          return connection;
        }
        if (!sslVerify) {
          return unverified.configure(connection, false);
        }
        connection.configure(null, trustManagers, null);
        return connection;
      }

      @Override
      public void close() {
        unverified.close();
      }
    };
  }

  @Override
  public String toString() {
    return "PemTrustConnectionFactory[" + trustManagers.length + " trust managers]";
  }
}
