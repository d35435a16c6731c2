package dev.driftless.git;

import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.transport.URIish;

/**
 * Web addresses for a remote and its commits: SSH and HTTPS remote URLs map to the repository's
 * HTTPS page (user information, ports of SSH and {@code .git} removed), and a commit id to the
 * forge's commit page.
 *
 * <pre>{@code
 * CommitUrls.webUrl("git@github.com:acme/flows.git")            // https://github.com/acme/flows
 * CommitUrls.commitUrl("git@github.com:acme/flows.git", "9fce") // https://github.com/acme/flows/commit/9fce
 * }</pre>
 */
public final class CommitUrls {

  private static final String AZURE_SSH_HOST = "ssh.dev.azure.com";
  private static final String AZURE_HOST = "dev.azure.com";
  private static final String VISUALSTUDIO_SSH_HOST = "vs-ssh.visualstudio.com";

  private CommitUrls() {}

  /** The forge a remote is hosted on, from its host name; empty for unknown hosts and local paths. */
  public static Optional<Forge> forgeOf(String remoteUrl) {
    return parse(remoteUrl).flatMap(uri -> Optional.ofNullable(uri.getHost())).flatMap(CommitUrls::forgeOfHost);
  }

  private static Optional<Forge> forgeOfHost(String rawHost) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.equals(AZURE_HOST) || host.equals(AZURE_SSH_HOST) || host.endsWith(".visualstudio.com")) {
      return Optional.of(Forge.AZURE_DEVOPS);
    }
    if (host.contains("github")) {
      return Optional.of(Forge.GITHUB);
    }
    if (host.contains("gitlab")) {
      return Optional.of(Forge.GITLAB);
    }
    if (host.contains("bitbucket")) {
      return Optional.of(Forge.BITBUCKET);
    }
    if (host.contains("gitea") || host.contains("forgejo") || host.equals("codeberg.org")) {
      return Optional.of(Forge.GITEA);
    }
    return Optional.empty();
  }

  /**
   * The HTTPS page of the repository a remote URL points to, or empty for local paths and
   * {@code file://} URLs. HTTP(S) URLs keep their scheme and port; SSH and {@code git://} URLs map to
   * HTTPS on the default port. Never holds user information.
   */
  public static Optional<String> webUrl(String remoteUrl) {
    Optional<URIish> parsed = parse(remoteUrl);
    if (parsed.isEmpty() || parsed.get().getHost() == null) {
      return Optional.empty();
    }
    URIish uri = parsed.get();
    String scheme = uri.getScheme();
    if ("file".equals(scheme)) {
      return Optional.empty();
    }
    boolean http = "http".equals(scheme) || "https".equals(scheme);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String path = trimPath(uri.getPath());
    if (host.equals(AZURE_SSH_HOST) || host.equals(VISUALSTUDIO_SSH_HOST)) {
      return azureFromSsh(host, path);
    }
    String base = (http ? scheme : "https") + "://" + host + (http && uri.getPort() > 0 ? ":" + uri.getPort() : "");
    return path.isEmpty() ? Optional.empty() : Optional.of(base + "/" + path);
  }

  /**
   * The commit's page on the forge detected from the remote's host; on any other host,
   * {@code <web address>/commit/<id>}, the address the Git plugin outputs for every remote (most
   * self-hosted forges serve it). Empty for local paths and {@code file://} URLs.
   */
  public static Optional<String> commitUrl(String remoteUrl, String commitId) {
    Optional<Forge> forge = forgeOf(remoteUrl);
    if (forge.isPresent()) {
      return commitUrl(remoteUrl, commitId, forge.get());
    }
    return webUrl(remoteUrl).map(web -> web + "/commit/" + commitId);
  }

  /** The commit's page on the given forge, or empty when the remote has no web address (a local path). */
  public static Optional<String> commitUrl(String remoteUrl, String commitId, Forge forge) {
    return webUrl(remoteUrl).map(web -> forge.commitPage(web, commitId));
  }

  /** {@code ssh.dev.azure.com:v3/org/project/repo} is {@code https://dev.azure.com/org/project/_git/repo}. */
  private static Optional<String> azureFromSsh(String host, String path) {
    String[] parts = path.split("/");
    if (parts.length != 4 || !parts[0].equals("v3")) {
      return Optional.empty();
    }
    if (host.equals(AZURE_SSH_HOST)) {
      return Optional.of("https://" + AZURE_HOST + "/" + parts[1] + "/" + parts[2] + "/_git/" + parts[3]);
    }
    return Optional.of("https://" + parts[1] + ".visualstudio.com/" + parts[2] + "/_git/" + parts[3]);
  }

  private static String trimPath(String raw) {
    String path = raw == null ? "" : raw;
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    return path;
  }

  private static Optional<URIish> parse(String remoteUrl) {
    try {
      return Optional.of(new URIish(remoteUrl.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
