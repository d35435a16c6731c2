package dev.driftless.git.internal.clone;

import dev.driftless.git.clone.CloneRequest;
import dev.driftless.git.clone.CloneResult;
import dev.driftless.git.internal.transport.RemoteAccess;
import dev.driftless.git.internal.transport.RemoteLink;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.SourceNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.SubmoduleUpdateCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.submodule.SubmoduleWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

/**
 * Runs a {@link CloneRequest}: lists the remote's refs (so a missing branch or tag is named, not silently
 * skipped), initialises the working directory, fetches exactly what is needed at the requested
 * depth, deepens only when a commit is not in the fetched history, checks out, and clones
 * submodules with the same connection settings (credentials only for the remote's own host).
 */
public final class CloneRun {

  private static final String ORIGIN = Constants.DEFAULT_REMOTE_NAME;

  private final CloneRequest clone;
  private final RemoteAccess access;
  private final RemoteLink link;

  private CloneRun(CloneRequest clone, RemoteAccess access, RemoteLink link) {
    this.clone = clone;
    this.access = access;
    this.link = link;
  }

  public static CloneResult run(CloneRequest clone) {
    Path directory = clone.directory().toAbsolutePath().normalize();
    prepareDirectory(clone, directory);
    RemoteAccess access = RemoteAccess.prepare(clone.remote());
    boolean created = !Files.exists(directory);
    try (RemoteLink link = access.link()) {
      return new CloneRun(clone, access, link).into(directory);
    } catch (RuntimeException e) {
      clean(directory, created);
      throw e;
    }
  }

  private static void prepareDirectory(CloneRequest clone, Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("cannot clone into " + directory + ": it is a file, not a directory");
    }
    List<String> held = list(directory);
    if (held.isEmpty()) {
      return;
    }
    switch (clone.ifNotEmpty()) {
      case REFUSE -> throw new IllegalArgumentException("cannot clone into " + directory + ": it is not empty (it holds "
          + held.size() + " entr" + (held.size() == 1 ? "y" : "ies") + ", e.g. '" + held.get(0) + "'). "
          + "Give an empty or new directory, or set ifNotEmpty to REPLACE to delete what it holds first.");
      case REPLACE -> clean(directory, false);
    }
  }

  private CloneResult into(Path directory) {
    Map<String, Ref> advertised = listRefs();
    String branch = clone.branch().orElseGet(() -> clone.tag().isPresent() ? "" : defaultBranch(advertised));
    if (!branch.isEmpty() && !advertised.containsKey(Constants.R_HEADS + branch)) {
      throw new SourceNotFoundException("branch '" + branch + "' does not exist in " + access.display()
          + ". Check the branch name.");
    }
    clone.tag().filter(t -> !advertised.containsKey(Constants.R_TAGS + t)).ifPresent(t -> {
      throw new SourceNotFoundException("tag '" + t + "' does not exist in " + access.display() + ". Check the tag name.");
    });
    try (Git git = Git.init().setDirectory(directory.toFile())
        .setInitialBranch(branch.isEmpty() ? "main" : branch).call()) {
      Repository repo = git.getRepository();
      configureOrigin(repo, branch);
      fetch(repo, refSpecs(branch), clone.depth() > 0 ? clone.depth() : Constants.INFINITE_DEPTH);
      ObjectId target = target(repo, branch);
      boolean detached = clone.tag().isPresent() || clone.commit().isPresent();
      checkout(repo, target, detached ? Optional.empty() : Optional.of(branch));
      if (clone.cloneSubmodules()) {
        submodules(repo);
      }
      boolean shallow = Files.exists(repo.getDirectory().toPath().resolve(Constants.SHALLOW));
      return new CloneResult(directory, target.name(), detached ? Optional.empty() : Optional.of(branch), shallow);
    } catch (GitAPIException e) {
      throw link.failure("cloning", e);
    } catch (IOException e) {
      throw new SideUnavailableException("cloning " + access.display() + " into " + directory + " failed: "
          + access.scrubber().scrub(e.getMessage()), access.scrubber().scrub(e));
    }
  }

  private Map<String, Ref> listRefs() {
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("driftless-ls-" + ProcessHandle.current().pid() + "-");
      try (Repository repo = new FileRepositoryBuilder()
          .setGitDir(scratch.toFile()).setBare().build()) {
        repo.create(true);
        try (Transport transport = link.open(repo); FetchConnection connection = transport.openFetch()) {
          return connection.getRefsMap();
        }
      }
    } catch (IOException e) {
      throw link.failure("listing the refs of", e);
    } finally {
      if (scratch != null) {
        clean(scratch, true);
      }
    }
  }

  private String defaultBranch(Map<String, Ref> advertised) {
    Ref head = advertised.get(Constants.HEAD);
    if (head != null && head.isSymbolic()) {
      return Repository.shortenRefName(head.getTarget().getName());
    }
    List<String> branches = advertised.keySet().stream().filter(n -> n.startsWith(Constants.R_HEADS)).sorted().toList();
    if (branches.isEmpty()) {
      throw new SourceNotFoundException(access.display() + " has no branch to clone: the repository is empty");
    }
    for (String preferred : List.of("main", "master")) {
      Ref ref = advertised.get(Constants.R_HEADS + preferred);
      if (ref != null && (head == null || ref.getObjectId().equals(head.getObjectId()))) {
        return preferred;
      }
    }
    for (String name : branches) {
      if (head != null && advertised.get(name).getObjectId().equals(head.getObjectId())) {
        return Repository.shortenRefName(name);
      }
    }
    return Repository.shortenRefName(branches.get(0));
  }

  private List<RefSpec> refSpecs(String branch) {
    List<RefSpec> specs = new ArrayList<>();
    if (clone.cloneAllBranches()) {
      specs.add(new RefSpec("+refs/heads/*:refs/remotes/" + ORIGIN + "/*"));
    } else if (!branch.isEmpty()) {
      specs.add(new RefSpec("+refs/heads/" + branch + ":refs/remotes/" + ORIGIN + "/" + branch));
    }
    clone.tag().ifPresent(t -> specs.add(new RefSpec("+refs/tags/" + t + ":refs/tags/" + t)));
    return specs;
  }

  private void configureOrigin(Repository repo, String branch) throws IOException {
    StoredConfig config = repo.getConfig();
    config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, ORIGIN, ConfigConstants.CONFIG_KEY_URL,
        clone.remote().url().strip());
    String fetched = clone.cloneAllBranches() || branch.isEmpty() ? "*" : branch;
    config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, ORIGIN, "fetch",
        "+refs/heads/" + fetched + ":refs/remotes/" + ORIGIN + "/" + fetched);
    if (clone.noTags()) {
      config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, ORIGIN, "tagopt", "--no-tags");
    }
    clone.gitConfig().forEach((key, value) -> {
      int first = key.indexOf('.');
      int last = key.lastIndexOf('.');
      config.setString(key.substring(0, first), first == last ? null : key.substring(first + 1, last),
          key.substring(last + 1), value);
    });
    config.save();
  }

  private void fetch(Repository repo, List<RefSpec> specs, int depth) throws IOException {
    try (Transport transport = link.open(repo)) {
      transport.setTagOpt(clone.noTags() ? TagOpt.NO_TAGS : TagOpt.AUTO_FOLLOW);
      if (depth != Constants.INFINITE_DEPTH || Files.exists(repo.getDirectory().toPath().resolve(Constants.SHALLOW))) {
        transport.setDepth(depth);
      }
      transport.fetch(NullProgressMonitor.INSTANCE, specs);
    } catch (TransportException e) {
      throw link.failure("fetching from", e);
    }
  }

  /** The commit to check out: the requested one (deepening the history when it is not there yet), else the ref's. */
  private ObjectId target(Repository repo, String branch) throws IOException {
    if (clone.commit().isPresent()) {
      String wanted = clone.commit().get();
      Optional<ObjectId> found = resolve(repo, wanted);
      if (found.isEmpty()) {
        List<RefSpec> everything = new ArrayList<>(List.of(new RefSpec("+refs/heads/*:refs/remotes/" + ORIGIN + "/*")));
        if (!clone.noTags()) {
          everything.add(new RefSpec("+refs/tags/*:refs/tags/*"));
        }
        fetch(repo, everything, Constants.INFINITE_DEPTH);
        found = resolve(repo, wanted);
      }
      return found.orElseThrow(() -> new SourceNotFoundException("commit '" + wanted + "' does not exist in "
          + access.display() + (branch.isEmpty() ? "" : " (searched every branch, starting from '" + branch + "')")
          + ". Check the commit id."));
    }
    String ref = clone.tag().map(t -> Constants.R_TAGS + t).orElse(Constants.R_REMOTES + ORIGIN + "/" + branch);
    Ref found = repo.exactRef(ref);
    if (found == null) {
      throw new SourceNotFoundException(ref + " was not fetched from " + access.display());
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(found.getObjectId()).getId();
    }
  }

  private Optional<ObjectId> resolve(Repository repo, String wanted) throws IOException {
    try {
      ObjectId id = repo.resolve(wanted + "^{commit}");
      return Optional.ofNullable(id);
    } catch (AmbiguousObjectException e) {
      throw new IllegalArgumentException("commit '" + wanted + "' is ambiguous in " + access.display() + ": "
          + e.getCandidates().size() + " objects start with it; give more digits");
    } catch (MissingObjectException | IncorrectObjectTypeException | RevisionSyntaxException e) {
      return Optional.empty();
    }
  }

  private void checkout(Repository repo, ObjectId target, Optional<String> branch) throws IOException {
    RevCommit commit;
    try (RevWalk walk = new RevWalk(repo)) {
      commit = walk.parseCommit(target);
    }
    if (branch.isPresent()) {
      String name = Constants.R_HEADS + branch.get();
      RefUpdate local = repo.updateRef(name);
      local.setNewObjectId(commit);
      local.forceUpdate();
      RefUpdate head = repo.updateRef(Constants.HEAD);
      head.disableRefLog();
      head.link(name);
      StoredConfig config = repo.getConfig();
      config.setString(ConfigConstants.CONFIG_BRANCH_SECTION, branch.get(), ConfigConstants.CONFIG_KEY_REMOTE, ORIGIN);
      config.setString(ConfigConstants.CONFIG_BRANCH_SECTION, branch.get(), ConfigConstants.CONFIG_KEY_MERGE, name);
      config.save();
    } else {
      RefUpdate head = repo.updateRef(Constants.HEAD, true);
      head.setNewObjectId(commit);
      head.forceUpdate();
    }
    DirCache index = repo.lockDirCache();
    DirCacheCheckout checkout = new DirCacheCheckout(repo, index, commit.getTree());
    checkout.setProgressMonitor(NullProgressMonitor.INSTANCE);
    checkout.checkout();
  }

  private void submodules(Repository repo) throws GitAPIException, IOException {
    try (Git git = Git.wrap(repo)) {
      Collection<String> initialised = git.submoduleInit().call();
      if (initialised.isEmpty()) {
        return;
      }
      SubmoduleUpdateCommand update = git.submoduleUpdate();
      update.setTransportConfigCallback(link.configurer());
      update.setTimeout(link.timeoutSeconds());
      update.call();
    }
    try (SubmoduleWalk walk = SubmoduleWalk.forIndex(repo)) {
      while (walk.next()) {
        try (Repository sub = walk.getRepository()) {
          if (sub != null) {
            submodules(sub);
          }
        }
      }
    }
  }

  private static List<String> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  /** Deletes what {@code directory} holds, and the directory itself when {@code itself}. */
  private static void clean(Path directory, boolean itself) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path p : all) {
        if (itself || !p.equals(directory)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + directory, e);
    }
  }

}
