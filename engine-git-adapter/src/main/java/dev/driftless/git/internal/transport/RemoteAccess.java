package dev.driftless.git.internal.transport;

import dev.driftless.credential.Secret;
import dev.driftless.git.GitRemote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * What it takes to reach one remote, prepared once: the SSH key loaded (so a wrong passphrase is
 * reported as such, before any connection), the CA certificates read, and a scrubber that knows
 * every credential. Each operation then opens its own {@link RemoteLink}.
 */
public final class RemoteAccess {

  private final GitRemote remote;
  private final Optional<KeyPair> key;
  private final Optional<TrustManager[]> trust;
  private final Scrubber scrubber;

  private RemoteAccess(GitRemote remote, Optional<KeyPair> key, Optional<TrustManager[]> trust, Scrubber scrubber) {
    this.remote = remote;
    this.key = key;
    this.trust = trust;
    this.scrubber = scrubber;
  }

  /**
   * Loads the remote's key and CA certificates.
   *
   * @throws IllegalArgumentException listing every problem found (an unreadable key file, a wrong
   *     passphrase, an unsupported key type, a CA file without certificates)
   */
  public static RemoteAccess prepare(GitRemote remote) {
    List<String> problems = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    remote.password().map(Secret::reveal).ifPresent(secrets::add);
    remote.passphrase().map(Secret::reveal).ifPresent(secrets::add);
    remote.privateKey().map(Secret::reveal).ifPresent(secrets::add);

    Optional<String> keyText = remote.privateKey().map(Secret::reveal);
    String keyOrigin = "privateKey";
    if (remote.privateKeyFile().isPresent()) {
      Path file = remote.privateKeyFile().get();
      keyOrigin = "privateKeyFile " + file;
      try {
        keyText = Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        secrets.add(keyText.get());
      } catch (IOException e) {
        problems.add("privateKeyFile " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    Scrubber scrubber = Scrubber.of(secrets);
    Optional<KeyPair> key = Optional.empty();
    if (keyText.isPresent()) {
      try {
        key = Optional.of(SshKeys.load(keyText.get(), remote.passphrase(), keyOrigin));
      } catch (IllegalArgumentException e) {
        problems.add(scrubber.scrub(e.getMessage()));
      }
    }
    Optional<TrustManager[]> trust = Optional.empty();
    if (remote.trustedCaPem().isPresent()) {
      try {
        trust = Optional.of(trustManagers(remote.trustedCaPem().get()));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("cannot use Git remote " + remote.displayUrl() + ":\n  - "
          + String.join("\n  - ", problems));
    }
    return new RemoteAccess(remote, key, trust, scrubber);
  }

  /** Opens what one operation needs (for SSH: its own session factory and home directory); the caller closes it. */
  public RemoteLink link() {
    return RemoteLink.open(this);
  }

  public GitRemote remote() {
    return remote;
  }

  /** The URL as messages show it. */
  public String display() {
    return remote.displayUrl();
  }

  public Scrubber scrubber() {
    return scrubber;
  }

  Optional<KeyPair> key() {
    return key;
  }

  Optional<TrustManager[]> trust() {
    return trust;
  }

  private static TrustManager[] trustManagers(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("trustedCaPem " + pem + " holds no certificate");
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return factory.getTrustManagers();
    } catch (IOException e) {
      throw new IllegalArgumentException("trustedCaPem " + pem + " cannot be read (" + e.getClass().getSimpleName() + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("trustedCaPem " + pem + " holds no usable PEM certificate ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public String toString() {
    return "RemoteAccess[" + display() + "]";
  }
}
