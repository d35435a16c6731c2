package dev.driftless.git;

/**
 * The hosting services whose commit pages Driftless links to. Detected from the remote's host
 * name; set it in {@link GitSettings#forge()} for a self-hosted instance whose name does not say.
 */
public enum Forge {
  /** {@code https://github.com/<owner>/<repo>/commit/<id>} */
  GITHUB,
  /** {@code https://gitlab.com/<group>/<repo>/-/commit/<id>} */
  GITLAB,
  /** {@code https://bitbucket.org/<workspace>/<repo>/commits/<id>} */
  BITBUCKET,
  /** {@code https://dev.azure.com/<org>/<project>/_git/<repo>/commit/<id>} */
  AZURE_DEVOPS,
  /** {@code https://gitea.com/<owner>/<repo>/commit/<id>} (also Forgejo and Codeberg) */
  GITEA;

  /** The commit page under a repository's web URL. */
  String commitPage(String webUrl, String commitId) {
    return switch (this) {
      case GITHUB, AZURE_DEVOPS, GITEA -> webUrl + "/commit/" + commitId;
      case GITLAB -> webUrl + "/-/commit/" + commitId;
      case BITBUCKET -> webUrl + "/commits/" + commitId;
    };
  }
}
