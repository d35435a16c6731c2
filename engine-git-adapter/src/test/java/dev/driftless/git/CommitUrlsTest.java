package dev.driftless.git;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommitUrlsTest {

  private static final String ID = "9fceb02d0ae598e95dc970b74767f19372d61af8";

  static Stream<Arguments> commits() {
    return Stream.of(
        Arguments.of("GitHub over HTTPS", "https://github.com/acme/flows.git",
            "https://github.com/acme/flows/commit/" + ID),
        Arguments.of("GitHub over HTTPS without .git", "https://github.com/acme/flows",
            "https://github.com/acme/flows/commit/" + ID),
        Arguments.of("GitHub, scp-like SSH", "git@github.com:acme/flows.git", "https://github.com/acme/flows/commit/" + ID),
        Arguments.of("GitHub, ssh:// with a port", "ssh://git@github.com:22/acme/flows.git",
            "https://github.com/acme/flows/commit/" + ID),
        Arguments.of("GitHub Enterprise", "https://github.acme.corp/team/flows.git",
            "https://github.acme.corp/team/flows/commit/" + ID),
        Arguments.of("HTTPS with a user", "https://ci-bot@github.com/acme/flows.git",
            "https://github.com/acme/flows/commit/" + ID),
        Arguments.of("GitLab with sub-groups", "https://gitlab.com/acme/data/flows.git",
            "https://gitlab.com/acme/data/flows/-/commit/" + ID),
        Arguments.of("GitLab over SSH", "git@gitlab.com:acme/data/flows.git",
            "https://gitlab.com/acme/data/flows/-/commit/" + ID),
        Arguments.of("self-hosted GitLab on a port over SSH", "ssh://git@gitlab.acme.io:2222/ops/flows.git",
            "https://gitlab.acme.io/ops/flows/-/commit/" + ID),
        Arguments.of("self-hosted GitLab over HTTP with a port", "http://gitlab.local:8080/ops/flows.git",
            "http://gitlab.local:8080/ops/flows/-/commit/" + ID),
        Arguments.of("Bitbucket", "https://bitbucket.org/acme/flows.git", "https://bitbucket.org/acme/flows/commits/" + ID),
        Arguments.of("Bitbucket over SSH", "git@bitbucket.org:acme/flows.git",
            "https://bitbucket.org/acme/flows/commits/" + ID),
        Arguments.of("Azure DevOps", "https://dev.azure.com/acme/data/_git/flows",
            "https://dev.azure.com/acme/data/_git/flows/commit/" + ID),
        Arguments.of("Azure DevOps with the org as user", "https://acme@dev.azure.com/acme/data/_git/flows",
            "https://dev.azure.com/acme/data/_git/flows/commit/" + ID),
        Arguments.of("Azure DevOps over SSH", "git@ssh.dev.azure.com:v3/acme/data/flows",
            "https://dev.azure.com/acme/data/_git/flows/commit/" + ID),
        Arguments.of("Azure DevOps, old visualstudio.com", "https://acme.visualstudio.com/data/_git/flows",
            "https://acme.visualstudio.com/data/_git/flows/commit/" + ID),
        Arguments.of("Azure DevOps, old visualstudio.com over SSH", "acme@vs-ssh.visualstudio.com:v3/acme/data/flows",
            "https://acme.visualstudio.com/data/_git/flows/commit/" + ID),
        Arguments.of("Gitea", "https://gitea.com/acme/flows.git", "https://gitea.com/acme/flows/commit/" + ID),
        Arguments.of("Gitea self-hosted over SSH", "git@gitea.acme.io:acme/flows.git",
            "https://gitea.acme.io/acme/flows/commit/" + ID),
        Arguments.of("Codeberg", "https://codeberg.org/acme/flows.git", "https://codeberg.org/acme/flows/commit/" + ID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commits")
  void commitUrl_pointsAtTheForgesCommitPage(String name, String remote, String url) {
    assertEquals(Optional.of(url), CommitUrls.commitUrl(remote, ID));
  }

  static Stream<Arguments> noUrl() {
    return Stream.of(
        Arguments.of("a local path", "/srv/git/flows.git"),
        Arguments.of("a file URL", "file:///srv/git/flows.git"),
        Arguments.of("not a URL", "::"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noUrl")
  void commitUrl_isEmpty_whereThereIsNoWebAddress(String name, String remote) {
    assertEquals(Optional.empty(), CommitUrls.commitUrl(remote, ID));
  }

  static Stream<Arguments> otherHosts() {
    return Stream.of(
        Arguments.of("HTTPS", "https://git.acme.io/flows.git", "https://git.acme.io/flows/commit/" + ID),
        Arguments.of("HTTP with a port and user information", "http://ci@127.0.0.1:8080/team/flows.git",
            "http://127.0.0.1:8080/team/flows/commit/" + ID),
        Arguments.of("scp-like SSH", "git@git.acme.io:team/flows.git", "https://git.acme.io/team/flows/commit/" + ID));
  }

  /** As the Git plugin does for every remote: the commit page most forges serve. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("otherHosts")
  void commitUrl_onAnUnknownHost_isTheWebAddressSlashCommit(String name, String remote, String url) {
    assertEquals(Optional.of(url), CommitUrls.commitUrl(remote, ID));
  }

  static Stream<Arguments> webUrls() {
    return Stream.of(
        Arguments.of("scp-like SSH", "git@github.com:org/repo.git", "https://github.com/org/repo"),
        Arguments.of("ssh:// with user and port", "ssh://git@host.example:7999/org/repo.git", "https://host.example/org/repo"),
        Arguments.of("git://", "git://host.example/org/repo.git", "https://host.example/org/repo"),
        Arguments.of("HTTPS keeps its port", "https://host.example:8443/org/repo.git", "https://host.example:8443/org/repo"),
        Arguments.of("user information is dropped", "https://someone@host.example/org/repo.git",
            "https://host.example/org/repo"),
        Arguments.of("trailing slash", "https://host.example/org/repo/", "https://host.example/org/repo"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("webUrls")
  void webUrl_mapsRemotesToHttps(String name, String remote, String web) {
    assertEquals(Optional.of(web), CommitUrls.webUrl(remote));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forges")
  void commitUrl_withAForge_worksForAnyHost(Forge forge, String url) {
    assertEquals(Optional.of(url), CommitUrls.commitUrl("git@git.acme.io:team/flows.git", ID, forge));
  }

  static Stream<Arguments> forges() {
    return Stream.of(
        Arguments.of(Forge.GITHUB, "https://git.acme.io/team/flows/commit/" + ID),
        Arguments.of(Forge.GITLAB, "https://git.acme.io/team/flows/-/commit/" + ID),
        Arguments.of(Forge.BITBUCKET, "https://git.acme.io/team/flows/commits/" + ID),
        Arguments.of(Forge.AZURE_DEVOPS, "https://git.acme.io/team/flows/commit/" + ID),
        Arguments.of(Forge.GITEA, "https://git.acme.io/team/flows/commit/" + ID));
  }
}
