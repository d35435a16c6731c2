package dev.driftless.git.internal.transport;

import dev.driftless.git.HostKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Decides whether an SSH server's host key is trusted, from {@link HostKeys} only: a
 * {@code known_hosts} file or text, or one pinned key. Nothing is ever added to a known-hosts
 * file and nobody is asked. A refusal is remembered with the key the server offered, so that the
 * failure can say which key that was.
 */
final class HostKeyCheck implements ServerKeyDatabase {

  private static final String REVOKED = "revoked";
  private static final String CERT_AUTHORITY = "cert-authority";

  private final HostKeys hostKeys;
  private final List<KnownHostEntry> entries;
  private volatile Optional<String> refusal = Optional.empty();

  private HostKeyCheck(HostKeys hostKeys, List<KnownHostEntry> entries) {
    this.hostKeys = hostKeys;
    this.entries = entries;
  }

  /** Reads the known-hosts lines now (a missing file holds no keys, and every host is refused). */
  static HostKeyCheck of(HostKeys hostKeys) {
    return switch (hostKeys.source()) {
      case KNOWN_HOSTS_FILE -> new HostKeyCheck(hostKeys, readFile(Path.of(hostKeys.value())));
      case KNOWN_HOSTS_TEXT -> new HostKeyCheck(hostKeys, parse(hostKeys.value()));
      case PINNED, ACCEPT_ANY_INSECURE -> new HostKeyCheck(hostKeys, List.of());
    };
  }

  /** Why the last host key was refused, naming the key offered. */
  Optional<String> refusal() {
    return refusal;
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    HostPort host = HostPort.parse(connectAddress);
    List<PublicKey> keys = new ArrayList<>();
    for (KnownHostEntry entry : entries) {
      if (!REVOKED.equals(entry.getMarker()) && !CERT_AUTHORITY.equals(entry.getMarker())
          && entry.isHostMatch(host.host(), host.port())) {
        resolve(entry.getKeyEntry()).ifPresent(keys::add);
      }
    }
    return keys;
  }

  @Override
  public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
      Configuration config, CredentialsProvider provider) {
    HostPort host = HostPort.parse(connectAddress);
    boolean accepted = switch (hostKeys.source()) {
      case ACCEPT_ANY_INSECURE -> true;
      case PINNED -> pinnedMatches(serverKey);
      case KNOWN_HOSTS_FILE, KNOWN_HOSTS_TEXT -> knownHostsAccept(host, serverKey);
    };
    if (!accepted && refusal.isEmpty()) {
      refusal = Optional.of("the SSH host key of " + connectAddress + " is not trusted: it offered "
          + describe(serverKey) + ", which " + where() + ". If this is the right host, add its key there"
          + " (for example from ssh-keyscan, checked against the provider's published fingerprints)");
    }
    return accepted;
  }

  private boolean knownHostsAccept(HostPort host, PublicKey serverKey) {
    boolean matched = false;
    for (KnownHostEntry entry : entries) {
      if (CERT_AUTHORITY.equals(entry.getMarker()) || !entry.isHostMatch(host.host(), host.port())) {
        continue;
      }
      boolean same = sameKey(entry.getKeyEntry(), serverKey);
      if (same && REVOKED.equals(entry.getMarker())) {
        refusal = Optional.of("the SSH host key of " + host + " (" + describe(serverKey) + ") is marked @revoked in "
            + source());
        return false;
      }
      matched |= same && entry.getMarker() == null;
    }
    return matched;
  }

  private boolean pinnedMatches(PublicKey serverKey) {
    String pin = hostKeys.value();
    if (pin.startsWith("SHA256:")) {
      return pin.equals(KeyUtils.getFingerPrint(BuiltinDigests.sha256, serverKey));
    }
    // A key line: "<type> <base64>", possibly after a known_hosts host pattern and before a comment.
    String[] tokens = pin.split("\\s+");
    for (int i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].equals(KeyUtils.getKeyType(serverKey))) {
        try {
          return Arrays.equals(Base64.getDecoder().decode(tokens[i + 1]), blob(serverKey));
        } catch (IllegalArgumentException notBase64) {
          return false;
        }
      }
    }
    return false;
  }

  private static boolean sameKey(AuthorizedKeyEntry entry, PublicKey serverKey) {
    return entry != null && Arrays.equals(entry.getKeyData(), blob(serverKey))
        && entry.getKeyType().equals(KeyUtils.getKeyType(serverKey));
  }

  /** The key's wire encoding, as known_hosts stores it in base64. */
  private static byte[] blob(PublicKey key) {
    String line = PublicKeyEntry.toString(key);
    return Base64.getDecoder().decode(line.substring(line.indexOf(' ') + 1).strip());
  }

  private static Optional<PublicKey> resolve(AuthorizedKeyEntry entry) {
    try {
      return Optional.ofNullable(entry.resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.IGNORING));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String describe(PublicKey key) {
    return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
  }

  private String where() {
    return switch (hostKeys.source()) {
      case PINNED -> "is not the pinned key " + hostKeys.value();
      case KNOWN_HOSTS_FILE, KNOWN_HOSTS_TEXT -> "is not listed for this host in " + source();
      case ACCEPT_ANY_INSECURE -> "was refused";
    };
  }

  private String source() {
    return switch (hostKeys.source()) {
      case KNOWN_HOSTS_FILE -> "the known_hosts file " + hostKeys.value()
          + (Files.isReadable(Path.of(hostKeys.value())) ? "" : " (which does not exist or cannot be read)");
      case KNOWN_HOSTS_TEXT -> "the known_hosts text given in hostKeys";
      case PINNED -> "the pinned key";
      case ACCEPT_ANY_INSECURE -> "nothing";
    };
  }

  private static List<KnownHostEntry> readFile(Path file) {
    if (!Files.isReadable(file)) {
      return List.of();
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<KnownHostEntry> parse(String text) {
    List<KnownHostEntry> out = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        try {
          KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(trimmed);
          if (entry != null && entry.getKeyEntry() != null) {
            out.add(entry);
          }
        } catch (RuntimeException malformed) {
          // a malformed line trusts nothing; the others still count
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return List.copyOf(out);
  }

  /** A host and port from JGit's connect address: {@code host} or {@code [host]:port}. */
  private record HostPort(String host, int port) {
    static HostPort parse(String address) {
      if (address.startsWith("[")) {
        int close = address.indexOf(']');
        if (close > 0 && address.length() > close + 2 && address.charAt(close + 1) == ':') {
          try {
            return new HostPort(address.substring(1, close), Integer.parseInt(address.substring(close + 2)));
          } catch (NumberFormatException e) {
            return new HostPort(address.substring(1, close), 22);
          }
        }
      }
      return new HostPort(address, 22);
    }

    @Override
    public String toString() {
      return port == 22 ? host : "[" + host + "]:" + port;
    }
  }
}
