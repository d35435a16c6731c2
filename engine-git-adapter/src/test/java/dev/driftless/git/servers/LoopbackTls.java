package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS material for a server on 127.0.0.1, made with the JDK's {@code keytool} (no extra
 * library): a throw-away CA, and a server certificate it signed for {@code IP:127.0.0.1} and
 * {@code DNS:localhost}. Clients trust the server by trusting {@link #caPem()}; the JVM's default
 * trust store does not know the CA, so a client without it fails the handshake.
 */
final class LoopbackTls {

  private static final String PASSWORD_VARIABLE = "DRIFTLESS_TEST_STOREPASS";
  private static final String VALIDITY_DAYS = "7";

  private final Path caPem;
  private final KeyStore serverKeyStore;
  private final char[] storePassword;

  private LoopbackTls(Path caPem, KeyStore serverKeyStore, char[] storePassword) {
    this.caPem = caPem;
    this.serverKeyStore = serverKeyStore;
    this.storePassword = storePassword;
  }

  /** Generates a CA and a server certificate into {@code dir} (about a second: four keytool runs). */
  static LoopbackTls generate(Path dir) {
    try {
      Files.createDirectories(dir);
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      String password = HexFormat.of().formatHex(random);
      Path caStore = dir.resolve("ca.p12");
      Path serverStore = dir.resolve("server.p12");
      Path csr = dir.resolve("server.csr");
      Path serverCrt = dir.resolve("server.crt");

      List<Process> keypairs = List.of(
          keytool(password, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
              "-dname", "CN=Driftless Test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign",
              "-validity", VALIDITY_DAYS, "-keystore", caStore.toString()),
          keytool(password, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
              "-dname", "CN=127.0.0.1", "-validity", VALIDITY_DAYS, "-keystore", serverStore.toString()));
      for (Process process : keypairs) {
        await(process, "keytool -genkeypair");
      }
      await(keytool(password, "-certreq", "-alias", "server", "-keystore", serverStore.toString(),
          "-file", csr.toString()), "keytool -certreq");
      await(keytool(password, "-gencert", "-alias", "ca", "-keystore", caStore.toString(),
          "-infile", csr.toString(), "-outfile", serverCrt.toString(), "-rfc", "-validity", VALIDITY_DAYS,
          "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth",
          "-ext", "ku:c=digitalSignature"), "keytool -gencert");

      char[] pass = password.toCharArray();
      KeyStore ca = load(caStore, pass);
      X509Certificate caCert = (X509Certificate) ca.getCertificate("ca");
      Path caPem = dir.resolve("ca.pem");
      Files.writeString(caPem, pem("CERTIFICATE", caCert.getEncoded()), US_ASCII);

      KeyStore generated = load(serverStore, pass);
      Key key = generated.getKey("server", pass);
      Certificate serverCert;
      try (InputStream in = Files.newInputStream(serverCrt)) {
        serverCert = CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore server = KeyStore.getInstance("PKCS12");
      server.load(null, null);
      server.setKeyEntry("server", (PrivateKey) key, pass, new Certificate[] {serverCert, caCert});
      return new LoopbackTls(caPem, server, pass);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot generate TLS material in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate TLS material in " + dir, e);
    }
  }

  /** The CA certificate in PEM, the one thing a client must trust. */
  Path caPem() {
    return caPem;
  }

  /** The server's key and chain (server, CA), in memory. */
  KeyStore serverKeyStore() {
    return serverKeyStore;
  }

  char[] storePassword() {
    return storePassword.clone();
  }

  @Override
  public String toString() {
    return "LoopbackTls[ca=" + caPem + "]";
  }

  static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static KeyStore load(Path store, char[] password) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, password);
    }
    return keyStore;
  }

  /** Runs keytool with the store password passed through the environment, never the command line. */
  private static Process keytool(String password, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass:env", PASSWORD_VARIABLE, "-noprompt"));
    if ("-genkeypair".equals(args[0])) {
      command.addAll(List.of("-keypass:env", PASSWORD_VARIABLE));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(PASSWORD_VARIABLE, password);
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private static void await(Process process, String what) throws IOException {
    StreamCapture output = StreamCapture.of(process.getInputStream(), "keytool-output");
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(what + " did not finish in 30 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException(what + " interrupted", e);
    }
    output.awaitEnd();
    if (process.exitValue() != 0) {
      throw new IOException(what + " failed: " + output.text());
    }
  }
}
