package dev.driftless.git.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The bare repositories under one base directory, which every server in this package serves:
 * {@code Repos.in(dir).bare("flows")} creates {@code dir/flows.git}, reachable as
 * {@code server.url("flows")}.
 */
public final class Repos {

  /** The branch every new repository's HEAD points to. */
  public static final String MAIN = "main";

  private final Path dir;

  private Repos(Path dir) {
    this.dir = dir;
  }

  /** The repositories under {@code dir}, which is created if missing. */
  public static Repos in(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return new Repos(dir.toAbsolutePath().normalize());
  }

  /** The base directory, to hand to a server. */
  public Path dir() {
    return dir;
  }

  /**
   * Creates the empty bare repository {@code <dir>/<name>.git}, whose HEAD points to
   * {@value #MAIN}; it has no commit until one is pushed.
   *
   * @throws IllegalStateException if it already exists
   */
  public BareRepo bare(String name) {
    String plain = BareRepo.plainName(name);
    Path gitDir = dir.resolve(plain + ".git");
    if (Files.exists(gitDir)) {
      throw new IllegalStateException("repository already exists: " + gitDir);
    }
    try (Git git = Git.init().setBare(true).setInitialBranch(MAIN).setGitDir(gitDir.toFile()).call()) {
      return new BareRepo(plain, git.getRepository().getDirectory().toPath());
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create " + gitDir, e);
    }
  }

  /** The existing bare repository {@code <dir>/<name>.git}. */
  public BareRepo existing(String name) {
    String plain = BareRepo.plainName(name);
    Path gitDir = dir.resolve(plain + ".git");
    if (!Files.isDirectory(gitDir)) {
      throw new IllegalArgumentException("no repository " + gitDir);
    }
    return new BareRepo(plain, gitDir);
  }

  /**
   * Creates {@code name} whose {@value #MAIN} has one commit with a {@code .gitmodules} and a
   * gitlink at {@code path}, pinned to the head of {@code child}'s {@value #MAIN} and reached at
   * {@code childUrl} (usually {@code server.url(child.name())}, so a clone with submodules
   * fetches it from the same server).
   */
  public BareRepo withSubmodule(String name, String path, BareRepo child, String childUrl) {
    ObjectId pinned = child.head(MAIN)
        .orElseThrow(() -> new IllegalStateException(child.name() + " has no " + MAIN + " to pin"));
    BareRepo parent = bare(name);
    parent.commit(MAIN)
        .add("README.md", "superproject of " + child.name() + "\n")
        .submodule(path, childUrl, pinned)
        .message("Add submodule " + path)
        .push();
    return parent;
  }

  @Override
  public String toString() {
    return "Repos[" + dir + "]";
  }
}
