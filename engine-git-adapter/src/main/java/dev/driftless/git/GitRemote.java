package dev.driftless.git;

import dev.driftless.credential.Secret;
import dev.driftless.port.InvalidSettingsException;
import dev.driftless.port.SettingProblem;
import dev.driftless.style.ValueStyle;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
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

  /** Only the generated implementation extends it. */
  GitRemote() {}

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
  public static class Builder extends ImmutableGitRemote.Builder {
    Builder() {}
  }

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
    List<SettingProblem> problems = new ArrayList<>();
    Optional<URIish> uri = url().isBlank() ? Optional.empty() : parsed();
    Optional<Protocol> protocol = Optional.empty();
    if (url().isBlank()) {
      problems.add(new SettingProblem("url", "must not be empty"));
    } else if (uri.isEmpty() || !SHAPE.matcher(url().strip()).matches()) {
      problems.add(new SettingProblem("url", "is not a Git remote: " + USE));
    } else {
      try {
        protocol = Optional.of(protocolOf(uri.get()));
      } catch (IllegalArgumentException e) {
        problems.add(new SettingProblem("url", "has " + e.getMessage() + "; " + USE));
      }
      if (uri.get().getPass() != null) {
        problems.add(new SettingProblem("url", "holds a password: give it as 'password' instead, so that it stays out "
            + "of every message"));
      }
    }
    protocol.ifPresent(p -> checkCredentials(p, problems));
    if (privateKey().isPresent() && privateKeyFile().isPresent()) {
      problems.add(new SettingProblem("privateKey", "and privateKeyFile are both given: give one, not both"));
    }
    if (passphrase().isPresent() && privateKey().isEmpty() && privateKeyFile().isEmpty()) {
      problems.add(new SettingProblem("passphrase", "is given but there is no privateKey to decrypt"));
    }
    String hostKeyProblem = hostKeys().problem();
    if (!hostKeyProblem.isEmpty()) {
      problems.add(new SettingProblem("hostKeys", hostKeyProblem));
    }
    checkTimeout("connectTimeout", connectTimeout(), problems);
    checkTimeout("readTimeout", readTimeout(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidSettingsException("invalid Git remote " + displayUrl(), problems);
    }
  }

  private static final String USE = "use https://, ssh://, user@host:path, git://, file:// or a local path (absolute, "
      + "or starting with ./ or ../)";

  /** What a remote looks like: a URL, scp-like {@code user@host:path}, or an absolute or explicitly relative path. */
  private static final Pattern SHAPE = Pattern.compile(
      "(?i)(https?|ssh|git\\+ssh|ssh\\+git|git|file)://.+|[A-Za-z0-9_.-]+@[^:/\\s]+:.+|/.+|\\.{1,2}/.*|[A-Za-z]:[\\\\/].*");

  private void checkCredentials(Protocol protocol, List<SettingProblem> problems) {
    String uses = "; this remote uses " + protocol.name().toLowerCase(Locale.ROOT);
    if (password().isPresent() && !protocol.isHttp()) {
      problems.add(new SettingProblem("password", "is used for HTTP(S) remotes only" + uses));
    }
    if (password().isPresent() && username().filter(u -> !u.isBlank()).isEmpty()) {
      problems.add(new SettingProblem("username", "is required with a password (for a GitHub token any non-empty "
          + "name works)"));
    }
    boolean key = privateKey().isPresent() || privateKeyFile().isPresent();
    if (key && protocol != Protocol.SSH) {
      problems.add(new SettingProblem("privateKey", "is used for SSH remotes only" + uses));
    }
    if (!key && protocol == Protocol.SSH) {
      problems.add(new SettingProblem("privateKey", "is required for an SSH remote (no SSH agent and no ~/.ssh key "
          + "is used)"));
    }
    if (trustedCaPem().isPresent() && protocol != Protocol.HTTPS) {
      problems.add(new SettingProblem("trustedCaPem", "is used for HTTPS remotes only" + uses));
    }
  }

  private static void checkTimeout(String name, Duration value, List<SettingProblem> problems) {
    if (value.isNegative() || value.isZero()) {
      problems.add(new SettingProblem(name, "must be positive, got " + value.toMillis() + " ms"));
    } else if (value.toSeconds() > Integer.MAX_VALUE / 1000) {
      problems.add(new SettingProblem(name, "is too long: " + value));
    }
  }
}
