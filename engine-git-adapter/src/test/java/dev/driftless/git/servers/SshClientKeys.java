package dev.driftless.git.servers;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * One RSA client key pair, written in every private-key format a user may hand the adapter:
 * OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}), PEM PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), PEM
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), and passphrase-protected OpenSSH (bcrypt KDF, aes256-ctr)
 * and PKCS#1 (OpenSSL's {@code DEK-Info: AES-128-CBC}). All are the same key, so any of them
 * authenticates wherever {@link #publicKey()} is authorized. Generated in pure Java (the JDK and
 * MINA SSHD's writer); files are owner-only.
 *
 * <p>RSA, not ed25519: JGit 7.5's Apache MINA transport has no EdDSA provider unless
 * BouncyCastle or net.i2p eddsa is on the classpath, and PKCS#1 exists only for RSA.
 */
public final class SshClientKeys {

  private static final String COMMENT = "driftless-test";

  private final PublicKey publicKey;
  private final Path openSsh;
  private final Path pemPkcs1;
  private final Path pemPkcs8;
  private final Path openSshWithPassphrase;
  private final Path pemPkcs1WithPassphrase;
  private final String passphrase;

  private SshClientKeys(PublicKey publicKey, Path dir, String passphrase) {
    this.publicKey = publicKey;
    this.openSsh = dir.resolve("id_rsa_openssh");
    this.pemPkcs1 = dir.resolve("id_rsa_pkcs1.pem");
    this.pemPkcs8 = dir.resolve("id_rsa_pkcs8.pem");
    this.openSshWithPassphrase = dir.resolve("id_rsa_openssh_passphrase");
    this.pemPkcs1WithPassphrase = dir.resolve("id_rsa_pkcs1_passphrase.pem");
    this.passphrase = passphrase;
  }

  /** Generates a 2048-bit RSA key pair with a random passphrase and writes all formats into {@code dir}. */
  public static SshClientKeys generate(Path dir) {
    try {
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      byte[] random = new byte[12];
      new SecureRandom().nextBytes(random);
      SshClientKeys keys = new SshClientKeys(pair.getPublic(), dir, "pass-" + HexFormat.of().formatHex(random));
      keys.write(pair);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write SSH keys into " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate SSH keys", e);
    }
  }

  /** Unencrypted, OpenSSH format ({@code -----BEGIN OPENSSH PRIVATE KEY-----}). */
  public Path openSsh() {
    return openSsh;
  }

  /** Unencrypted, PEM PKCS#1 ({@code -----BEGIN RSA PRIVATE KEY-----}), as {@code ssh-keygen -m PEM} writes. */
  public Path pemPkcs1() {
    return pemPkcs1;
  }

  /** Unencrypted, PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
  public Path pemPkcs8() {
    return pemPkcs8;
  }

  /** OpenSSH format encrypted with {@link #passphrase()}. */
  public Path openSshWithPassphrase() {
    return openSshWithPassphrase;
  }

  /** PEM PKCS#1 encrypted with {@link #passphrase()} the OpenSSL way ({@code Proc-Type: 4,ENCRYPTED}). */
  public Path pemPkcs1WithPassphrase() {
    return pemPkcs1WithPassphrase;
  }

  /** The passphrase of the encrypted variants. */
  public String passphrase() {
    return passphrase;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** {@code ssh-rsa AAAA... driftless-test}, as in {@code authorized_keys}. */
  public String authorizedKeysLine() {
    return PublicKeyEntry.toString(publicKey) + " " + COMMENT;
  }

  @Override
  public String toString() {
    return "SshClientKeys[" + openSsh.getParent() + ", passphrase=***]";
  }

  private void write(KeyPair pair) throws IOException, GeneralSecurityException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, COMMENT, null, plain);
    writeSecret(openSsh, plain.toByteArray());

    OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
    encryption.setPassword(passphrase);
    encryption.setCipherType("256");
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, COMMENT, encryption, encrypted);
    writeSecret(openSshWithPassphrase, encrypted.toByteArray());

    byte[] pkcs8 = pair.getPrivate().getEncoded();
    byte[] pkcs1 = pkcs1FromPkcs8(pkcs8);
    writeSecret(pemPkcs8, LoopbackTls.pem("PRIVATE KEY", pkcs8).getBytes(US_ASCII));
    writeSecret(pemPkcs1, LoopbackTls.pem("RSA PRIVATE KEY", pkcs1).getBytes(US_ASCII));
    writeSecret(pemPkcs1WithPassphrase, opensslEncryptedPem(pkcs1).getBytes(US_ASCII));
    Files.writeString(openSsh.resolveSibling(openSsh.getFileName() + ".pub"), authorizedKeysLine() + "\n", US_ASCII);
  }

  /**
   * OpenSSL's traditional encrypted PEM: AES-128-CBC, key = MD5(passphrase || first 8 IV bytes)
   * (EVP_BytesToKey with one round, which yields exactly the 16 bytes AES-128 needs).
   */
  private String opensslEncryptedPem(byte[] pkcs1) throws GeneralSecurityException {
    byte[] iv = new byte[16];
    new SecureRandom().nextBytes(iv);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(passphrase.getBytes(US_ASCII));
    md5.update(iv, 0, 8);
    byte[] key = md5.digest();
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    byte[] body = cipher.doFinal(pkcs1);
    Arrays.fill(key, (byte) 0);
    return "-----BEGIN RSA PRIVATE KEY-----\n"
        + "Proc-Type: 4,ENCRYPTED\n"
        + "DEK-Info: AES-128-CBC," + HexFormat.of().formatHex(iv).toUpperCase(Locale.ROOT) + "\n\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(body) + "\n"
        + "-----END RSA PRIVATE KEY-----\n";
  }

  /**
   * The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo:
   * {@code SEQUENCE { INTEGER version, SEQUENCE algorithm, OCTET STRING privateKey }}.
   */
  static byte[] pkcs1FromPkcs8(byte[] der) {
    int[] at = {0};
    expectTag(der, at, 0x30);
    readLength(der, at);
    expectTag(der, at, 0x02);
    int version = readLength(der, at);
    at[0] += version;
    expectTag(der, at, 0x30);
    int algorithm = readLength(der, at);
    at[0] += algorithm;
    expectTag(der, at, 0x04);
    int length = readLength(der, at);
    return Arrays.copyOfRange(der, at[0], at[0] + length);
  }

  private static void expectTag(byte[] der, int[] at, int tag) {
    if ((der[at[0]] & 0xff) != tag) {
      throw new IllegalArgumentException("unexpected DER tag " + (der[at[0]] & 0xff) + " at " + at[0]);
    }
    at[0]++;
  }

  private static int readLength(byte[] der, int[] at) {
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
  }

  private static void writeSecret(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content);
  }
}
