package dev.driftless.git;

import dev.driftless.credential.Secret;
import dev.driftless.style.ValueStyle;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;
import org.immutables.value.Value;

/**
 * Where a repository is and how to reach it: the URL, credentials, host verification, trust and
 * timeouts. The property names are the Kestra Git plugin's, so a user's settings carry over.
 *
 * <pre>{@code
 * GitRemote https = GitRemote.builder()
 *     .url("https://github.com/acme/flows.git")
 *     .username("ci")
 *     .password(Secret.of(System.getenv("GITHUB_TOKEN")))
 *     .build();
 *
 * GitRemote ssh = GitRemote.builder()
 *     .url("git@github.com:acme/flows.git")
 *     .privateKey(Secret.of(pem))
 *     .passphrase(Secret.of(passphrase))
 *     .hostKeys(HostKeys.knownHostsText(githubKnownHosts))
 *     .build();
 * }</pre>
 *
 * <p>Remotes: local paths, {@code file://}, {@code git://}, {@code http(s)://} (with a user and a
 * password or token), {@code ssh://} and {@code user@host:path} (RSA and ECDSA keys in OpenSSH or
 * PEM format, optionally encrypted; host keys verified by default). A custom CA applies to this
 * remote's connections only, never to the JVM. Credentials never appear in {@code toString()},
 * messages or exceptions: they are {@link Secret}s.
 *
 * <p>Building checks every setting and reports every problem at once.
 */
@Value.Immutable
@ValueStyle
public abstract class GitRemote {

  /** How a remote is reached, from its URL. */
  public enum Protocol {
    /** A path on this machine, read and written in-process. */
    LOCAL,
    FILE,
    GIT,
    HTTP,
    HTTPS,
    SSH;

    public boolean isHttp() {
      return this == HTTP || this == HTTPS;
    }
  }

  public abstract String url();

  /** The HTTP(S) user; for tokens on GitHub any non-empty name works. */
  public abstract Optional<String> username();

  /** The HTTP(S) password or personal access token. */
  public abstract Optional<Secret> password();

  /** The SSH private key, as the text of an OpenSSH or PEM key file. */
  public abstract Optional<Secret> privateKey();

  /** The SSH private key, as a file. */
  public abstract Optional<Path> privateKeyFile();

  /** The passphrase of an encrypted private key. */
  public abstract Optional<Secret> passphrase();

  /** How the SSH host key is verified; {@code ~/.ssh/known_hosts} unless set. */
  @Value.Default
  public HostKeys hostKeys() {
    return HostKeys.userKnownHosts();
  }

  /** A PEM file of CA certificates to trust for this remote's HTTPS connections, instead of the JVM's. */
  public abstract Optional<Path> trustedCaPem();

  @Value.Default
  public Duration connectTimeout() {
    return Duration.ofSeconds(10);
  }

  @Value.Default
  public Duration readTimeout() {
    return Duration.ofSeconds(60);
  }

  /** Whether to connect directly, ignoring the JVM's proxy selector. */
  @Value.Default
  public boolean noProxy() {
    return false;
  }

  /** The remote at this URL, with every other setting at its default. */
  public static GitRemote of(String url) {
    return builder().url(url).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a remote; {@code url} is required. */
  public static class Builder extends ImmutableGitRemote.Builder {}

  /** The protocol the URL names. */
  public Protocol protocol() {
    return protocolOf(parsed().orElseThrow());
  }

  /** The URL as messages show it: never with a password (the user name stays, SSH needs it). */
  public String displayUrl() {
    return parsed().map(u -> u.setPass(null).toString()).orElse("<invalid url>");
  }

  private Optional<URIish> parsed() {
    try {
      return Optional.of(new URIish(url().strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Protocol protocolOf(URIish uri) {
    String scheme = uri.getScheme();
    if (scheme == null) {
      return uri.getHost() == null ? Protocol.LOCAL : Protocol.SSH;
    }
    return switch (scheme) {
      case "file" -> Protocol.FILE;
      case "git" -> Protocol.GIT;
      case "http" -> Protocol.HTTP;
      case "https" -> Protocol.HTTPS;
      case "ssh", "git+ssh", "ssh+git" -> Protocol.SSH;
      default -> throw new IllegalArgumentException("unsupported scheme " + scheme);
    };
  }

  @Value.Check
  protected void check() {
    List<String> problems = new ArrayList<>();
    Optional<URIish> uri = url().isBlank() ? Optional.empty() : parsed();
    Optional<Protocol> protocol = Optional.empty();
    if (url().isBlank()) {
      problems.add("url must not be empty");
    } else if (uri.isEmpty()) {
      problems.add("url is not a Git URL: use https://, ssh://, user@host:path, git://, file:// or a local path");
    } else {
      try {
        protocol = Optional.of(protocolOf(uri.get()));
      } catch (IllegalArgumentException e) {
        problems.add("url: " + e.getMessage() + "; use https://, ssh://, user@host:path, git://, file:// or a local path");
      }
      if (uri.get().getPass() != null) {
        problems.add("url holds a password: give it as 'password' instead, so that it stays out of every message");
      }
    }
    protocol.ifPresent(p -> checkCredentials(p, problems));
    if (privateKey().isPresent() && privateKeyFile().isPresent()) {
      problems.add("give privateKey or privateKeyFile, not both");
    }
    if (passphrase().isPresent() && privateKey().isEmpty() && privateKeyFile().isEmpty()) {
      problems.add("passphrase is given but no privateKey or privateKeyFile");
    }
    String hostKeyProblem = hostKeys().problem();
    if (!hostKeyProblem.isEmpty()) {
      problems.add(hostKeyProblem);
    }
    checkTimeout("connectTimeout", connectTimeout(), problems);
    checkTimeout("readTimeout", readTimeout(), problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid Git remote " + displayUrl() + ":\n  - "
          + String.join("\n  - ", problems));
    }
  }

  private void checkCredentials(Protocol protocol, List<String> problems) {
    if (password().isPresent() && !protocol.isHttp()) {
      problems.add("password is used for HTTP(S) remotes only; this remote uses " + protocol.name().toLowerCase());
    }
    if (password().isPresent() && username().filter(u -> !u.isBlank()).isEmpty()) {
      problems.add("password needs a username (for a GitHub token any non-empty name works)");
    }
    boolean key = privateKey().isPresent() || privateKeyFile().isPresent();
    if (key && protocol != Protocol.SSH) {
      problems.add("privateKey is used for SSH remotes only; this remote uses " + protocol.name().toLowerCase());
    }
    if (!key && protocol == Protocol.SSH) {
      problems.add("an SSH remote needs privateKey or privateKeyFile (no SSH agent and no ~/.ssh key is used)");
    }
    if (trustedCaPem().isPresent() && protocol != Protocol.HTTPS) {
      problems.add("trustedCaPem is used for HTTPS remotes only; this remote uses " + protocol.name().toLowerCase());
    }
  }

  private static void checkTimeout(String name, Duration value, List<String> problems) {
    if (value.isNegative() || value.isZero()) {
      problems.add(name + " must be positive, got " + value);
    } else if (value.toSeconds() > Integer.MAX_VALUE / 1000) {
      problems.add(name + " is too long: " + value);
    }
  }
}
