package dev.driftless.git;

import dev.driftless.git.layout.Layout;
import dev.driftless.plan.PlanOptions;
import dev.driftless.port.Clock;
import dev.driftless.style.ValueStyle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.immutables.value.Value;

/**
 * Everything the Git side needs: the remote, the branch, the layout, and how to read and commit.
 * Defaults are the Kestra Git plugin's where it has one.
 *
 * <pre>{@code
 * GitSettings settings = GitSettings.builder()
 *     .remote(GitRemote.of("https://github.com/acme/flows.git"))
 *     .branch("main")
 *     .layout(Layout.flows("company.team"))
 *     .authorName("Driftless CI")
 *     .build();
 * GitSide git = GitSide.open(settings);
 * }</pre>
 *
 * <p>Building checks every setting and reports every problem at once.
 */
@Value.Immutable
@ValueStyle
public abstract class GitSettings {

  /** Only the generated implementation extends it. */
  GitSettings() {}

  /**
   * The default size limit of one file: larger files are reported and not read. The same as the
   * planner's and the Kestra side's ({@link PlanOptions#DEFAULT_MAX_RESOURCE_BYTES}), so that a file
   * one side holds is never one the other refuses.
   */
  public static final long DEFAULT_MAX_FILE_BYTES = PlanOptions.DEFAULT_MAX_RESOURCE_BYTES;

  /** The default commit message; {@code {summary}} and {@code {planId}} are replaced. */
  public static final String DEFAULT_COMMIT_MESSAGE = "Driftless: {summary}\n\nPlan {planId}";

  /** Where the {@link #baselineRef() baseline refs} go unless told otherwise. */
  public static final String BASELINE_REFS = "refs/driftless/baseline/";

  public abstract GitRemote remote();

  @Value.Default
  public String branch() {
    return "main";
  }

  public abstract Layout layout();

  /**
   * A directory for the local bare repository, reused across runs so that fetches only bring what
   * is new, and for what each YAML file was found to be (its id and namespace, or why it is
   * invalid), kept by blob id so that only new or changed files are parsed. Without it each read
   * and each write fetches into a temporary repository and parses every file.
   */
  public abstract Optional<Path> cacheDirectory();

  /**
   * Whether a missing branch or directory reads as an empty snapshot instead of failing. Only for
   * Git as the target (a push to a new branch): read as a source, an empty snapshot plans the
   * deletion of everything.
   */
  @Value.Default
  public boolean readMissingAsEmpty() {
    return false;
  }

  /** Whether fetches bring only the head commit (depth 1), which is all reading and committing need. */
  @Value.Default
  public boolean shallow() {
    return true;
  }

  /**
   * The size limit of one file; larger files are reported as unreadable and never read. Keep it
   * equal to {@link PlanOptions#maxResourceBytes()} and the Kestra side's limit (the CLI's
   * {@code --max-file-size} sets all three).
   */
  @Value.Default
  public long maxFileBytes() {
    return DEFAULT_MAX_FILE_BYTES;
  }

  /**
   * The most bytes the files of one read may hold together (each also within
   * {@link #maxFileBytes()}); past it the read fails, so that no repository can exhaust memory.
   */
  @Value.Default
  public long maxReadBytes() {
    return 256L * 1024 * 1024;
  }

  /** The commit author's name; the remote's username, else {@code Driftless}. */
  public abstract Optional<String> authorName();

  /** The commit author's e-mail; {@code driftless@localhost} unless set. */
  public abstract Optional<String> authorEmail();

  /** The committer's name; the author's unless set. */
  public abstract Optional<String> committerName();

  /** The committer's e-mail; the author's unless set. */
  public abstract Optional<String> committerEmail();

  /** The commit message; {@code {summary}} and {@code {planId}} are replaced. */
  @Value.Default
  public String commitMessage() {
    return DEFAULT_COMMIT_MESSAGE;
  }

  /** The forge commit URLs point to; detected from the remote's host unless set. */
  public abstract Optional<Forge> forge();

  /**
   * The ref of the remote repository where a two-way sync keeps its baseline (what both sides held
   * after its last apply), beside the branch: {@code refs/driftless/baseline/} and the first 16 hex
   * digits of the SHA-256 of the branch, a NUL and the layout's directory, so that every sync of
   * one branch and directory shares it, and syncs of other branches or directories (also branch
   * names with slashes) never meet. The writer moves it in the same push as its commit, with
   * compare-and-swap; one-way syncs never touch it.
   *
   * <p>Another ref can be given; it must be a valid ref name under {@code refs/}, outside
   * {@code refs/heads/} and {@code refs/tags/} (a branch or a tag would be checked out, pushed and
   * shown as one).
   */
  @Value.Default
  public String baselineRef() {
    return defaultBaselineRef(branch(), layout().directory());
  }

  /** The {@link #baselineRef()} a sync of this branch and directory uses unless told otherwise. */
  public static String defaultBaselineRef(String branch, String directory) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256")
          .digest((branch + "\0" + directory).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    return BASELINE_REFS + HexFormat.of().formatHex(digest, 0, 8);
  }

  /** Where commit times come from. */
  @Value.Default
  @Value.Auxiliary
  public Clock clock() {
    return Clock.system();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds settings; {@code remote} and {@code layout} are required. */
  public static class Builder extends ImmutableGitSettings.Builder {
    Builder() {}
  }

  /** The author's name as commits carry it. */
  public String effectiveAuthorName() {
    return authorName().or(() -> remote().username()).orElse("Driftless");
  }

  public String effectiveAuthorEmail() {
    return authorEmail().orElse("driftless@localhost");
  }

  public String effectiveCommitterName() {
    return committerName().orElse(effectiveAuthorName());
  }

  public String effectiveCommitterEmail() {
    return committerEmail().orElse(effectiveAuthorEmail());
  }

  /** The web page of a commit on the {@link #forge()}, else as {@link CommitUrls#commitUrl(String, String)} finds it. */
  public Optional<String> commitUrl(String commitId) {
    return forge().flatMap(f -> CommitUrls.commitUrl(remote().url(), commitId, f))
        .or(() -> CommitUrls.commitUrl(remote().url(), commitId));
  }

  /** The message of the commit applying a plan. */
  public String commitMessage(String planId, String summary) {
    String message = commitMessage().replace("{summary}", summary).replace("{planId}", planId);
    return message.endsWith("\n") ? message : message + "\n";
  }

  @Value.Check
  protected void check() {
    List<String> problems = new ArrayList<>();
    if (branch().isBlank() || !Repository.isValidRefName(Constants.R_HEADS + branch())) {
      problems.add("branch '" + branch() + "' is not a valid branch name");
    }
    if (maxFileBytes() <= 0) {
      problems.add("maxFileBytes must be positive, got " + maxFileBytes());
    }
    if (maxReadBytes() <= 0) {
      problems.add("maxReadBytes must be positive, got " + maxReadBytes());
    }
    checkPerson("authorName", authorName(), problems);
    checkPerson("authorEmail", authorEmail(), problems);
    checkPerson("committerName", committerName(), problems);
    checkPerson("committerEmail", committerEmail(), problems);
    authorEmail().filter(e -> !e.contains("@")).ifPresent(e -> problems.add("authorEmail '" + e + "' is no e-mail address"));
    committerEmail().filter(e -> !e.contains("@"))
        .ifPresent(e -> problems.add("committerEmail '" + e + "' is no e-mail address"));
    baselineRefProblem(baselineRef()).ifPresent(problems::add);
    if (commitMessage().isBlank()) {
      problems.add("commitMessage must not be blank");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid Git settings:\n  - " + String.join("\n  - ", problems));
    }
  }

  private static Optional<String> baselineRefProblem(String ref) {
    String shown = "baselineRef '" + ref + "'";
    if (!ref.startsWith(Constants.R_REFS) || !Repository.isValidRefName(ref)) {
      return Optional.of(shown + " is not a valid ref name under refs/ (for example " + BASELINE_REFS + "flows)");
    }
    if (ref.startsWith(Constants.R_HEADS) || ref.startsWith(Constants.R_TAGS)) {
      return Optional.of(shown + " is a branch or a tag; give a ref outside refs/heads/ and refs/tags/ (for example "
          + BASELINE_REFS + "flows)");
    }
    return Optional.empty();
  }

  private static void checkPerson(String name, Optional<String> value, List<String> problems) {
    if (value.isEmpty()) {
      return;
    }
    String v = value.get();
    if (v.isBlank() || v.indexOf('<') >= 0 || v.indexOf('>') >= 0 || v.indexOf('\n') >= 0) {
      problems.add(name + " must be non-blank and hold no '<', '>' or line break");
    }
  }
}
