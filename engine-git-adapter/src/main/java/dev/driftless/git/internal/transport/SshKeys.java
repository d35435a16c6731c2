package dev.driftless.git.internal.transport;

import dev.driftless.credential.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.login.FailedLoginException;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Loads an SSH private key (OpenSSH or PEM: PKCS#1, PKCS#8, SEC1; optionally encrypted) into a
 * key pair, once, before any connection: a wrong passphrase or an unusable key is reported as
 * such instead of as a failed login. Messages never quote the key.
 */
final class SshKeys {

  private static final String OPENSSH_HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String OPENSSH_FOOTER = "-----END OPENSSH PRIVATE KEY-----";

  private SshKeys() {}

  /**
   * The key pair in {@code text}.
   *
   * @param origin what the key is, for messages: {@code privateKey} or the file name
   * @throws IllegalArgumentException saying what is wrong with the key
   */
  static KeyPair load(String text, Optional<Secret> passphrase, String origin) {
    Optional<String> type = openSshKeyType(text);
    if (type.filter(t -> t.startsWith("ssh-ed25519") || t.startsWith("ssh-ed448")).isPresent()
        && !SecurityUtils.isEDDSACurveSupported()) {
      throw unsupported(origin, type.get());
    }
    AtomicBoolean asked = new AtomicBoolean();
    FilePasswordProvider passwords = new FilePasswordProvider() {
      @Override
      public String getPassword(SessionContext session, NamedResource resource, int retryIndex) {
        asked.set(true);
        return passphrase.map(Secret::reveal).orElse(null);
      }
    };
    try {
      Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(origin),
          new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), passwords);
      Iterator<KeyPair> found = pairs == null ? null : pairs.iterator();
      if (found == null || !found.hasNext()) {
        throw new IllegalArgumentException(origin + " holds no private key: give the text of an OpenSSH "
            + "(BEGIN OPENSSH PRIVATE KEY) or PEM (BEGIN RSA/EC PRIVATE KEY, BEGIN PRIVATE KEY) key file");
      }
      return found.next();
    } catch (FailedLoginException e) {
      throw new IllegalArgumentException(origin + " is encrypted: give its passphrase");
    } catch (NoSuchAlgorithmException e) {
      throw unsupported(origin, type.orElse("this key type"));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (asked.get() && passphrase.isEmpty()) {
        throw new IllegalArgumentException(origin + " is encrypted: give its passphrase");
      }
      if (asked.get()) {
        throw new IllegalArgumentException(origin + " could not be decrypted: the passphrase is wrong");
      }
      throw new IllegalArgumentException(origin + " could not be read as an SSH private key ("
          + e.getClass().getSimpleName() + "): give the text of an OpenSSH or PEM key file");
    }
  }

  private static IllegalArgumentException unsupported(String origin, String type) {
    return new IllegalArgumentException(origin + " is an " + type + " key, which this build cannot use: "
        + "there is no EdDSA provider on the classpath. Use an RSA or ECDSA key "
        + "(ssh-keygen -t ecdsa -b 256, or -t rsa -b 4096).");
  }

  /**
   * The key type of an OpenSSH private key, read from its public part (stored unencrypted even in
   * encrypted keys), so that an unsupported type is named before trying to load it.
   */
  static Optional<String> openSshKeyType(String text) {
    int start = text.indexOf(OPENSSH_HEADER);
    int end = text.indexOf(OPENSSH_FOOTER);
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    String body = text.substring(start + OPENSSH_HEADER.length(), end).replaceAll("\\s", "");
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // "openssh-key-v1\0", then string cipher, string kdf, string kdfoptions, uint32 count,
    // string publickey (whose first field is the key type).
    int at = "openssh-key-v1".length() + 1;
    try {
      for (int i = 0; i < 3; i++) {
        at += 4 + readInt(blob, at);
      }
      at += 4;
      at += 4;
      int typeLength = readInt(blob, at);
      if (typeLength <= 0 || typeLength > 64) {
        return Optional.empty();
      }
      return Optional.of(new String(blob, at + 4, typeLength, StandardCharsets.US_ASCII));
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static int readInt(byte[] blob, int at) {
    return ((blob[at] & 0xff) << 24) | ((blob[at + 1] & 0xff) << 16) | ((blob[at + 2] & 0xff) << 8) | (blob[at + 3] & 0xff);
  }
}
