package dev.driftless.git.internal.repo;

import dev.driftless.git.internal.transport.RemoteLink;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

/**
 * One branch of a remote, seen from a local repository: fetched (shallow where the plan allows)
 * and pushed with compare-and-swap on its head. A push is never forced.
 */
public final class RemoteBranch {

  /** How JGit and Git say a ref could not be locked (not any word containing "lock", as package-lock.json). */
  private static final Pattern LOCKED = Pattern.compile("(?i)(?:failed to lock|cannot lock|unable to lock|\\.lock\\b)");


  private final LocalRepository local;
  private final RemoteLink link;
  private final String branch;

  public RemoteBranch(LocalRepository local, RemoteLink link, String branch) {
    this.local = local;
    this.link = link;
    this.branch = branch;
  }

  public String refName() {
    return Constants.R_HEADS + branch;
  }

  /** The local ref that keeps a fetched head (and its objects) reachable in a cache directory. */
  private String localRefName() {
    return "refs/driftless/heads/" + branch;
  }

  /**
   * Fetches the branch's head commit (with depth 1 when {@code shallow}, falling back to a full
   * fetch from a server that cannot serve shallow fetches) and returns its id, or empty when the
   * remote has no such branch.
   */
  public Optional<ObjectId> fetch(boolean shallow) {
    try {
      return fetchOnce(shallow);
    } catch (TransportException e) {
      if (String.valueOf(e.getMessage()).contains(refName()) && !exists()) {
        return Optional.empty();
      }
      if (shallow && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("shallow")) {
        return fetch(false);
      }
      throw link.failure("fetching branch '" + branch + "' from", e);
    } catch (IOException e) {
      throw link.failure("fetching branch '" + branch + "' from", e);
    }
  }

  private Optional<ObjectId> fetchOnce(boolean shallow) throws IOException {
    RefSpec spec = new RefSpec("+" + refName() + ":" + localRefName());
    return local.exclusively(() -> {
      try (Transport transport = link.open(local.repository())) {
        transport.setTagOpt(TagOpt.NO_TAGS);
        if (shallow) {
          transport.setDepth(1);
        }
        FetchResult result = transport.fetch(NullProgressMonitor.INSTANCE, List.of(spec));
        return Optional.ofNullable(result.getAdvertisedRef(refName())).map(Ref::getObjectId);
      }
    });
  }

  /** The branch's head as the remote advertises it now, or empty when there is no such branch. */
  public Optional<ObjectId> head() {
    try (Transport transport = link.open(local.repository());
        FetchConnection connection = transport.openFetch(List.of(new RefSpec(refName())), refName())) {
      return Optional.ofNullable(connection.getRef(refName())).map(Ref::getObjectId);
    } catch (IOException e) {
      throw link.failure("listing the branches of", e);
    }
  }

  private boolean exists() {
    return head().isPresent();
  }

  /**
   * Where this branch starts when it does not exist yet: the remote's default branch (the one its
   * HEAD points to), as {@code git checkout -b} after a clone and the Kestra Git plugin do, so that
   * the new branch can be merged back. Empty when the remote has no default branch (an empty
   * repository), where a new branch starts with a root commit.
   */
  public Optional<RemoteBranch> startingPoint() {
    Map<String, Ref> advertised;
    try (Transport transport = link.open(local.repository()); FetchConnection connection = transport.openFetch()) {
      advertised = connection.getRefsMap();
    } catch (IOException e) {
      throw link.failure("listing the branches of", e);
    }
    Ref head = advertised.get(Constants.HEAD);
    if (head == null || head.getObjectId() == null) {
      return Optional.empty();
    }
    Optional<String> name = head.isSymbolic() && advertised.containsKey(head.getTarget().getName())
        ? Optional.of(head.getTarget().getName())
        : advertised.values().stream()
            .filter(r -> r.getName().startsWith(Constants.R_HEADS) && head.getObjectId().equals(r.getObjectId()))
            .map(Ref::getName)
            .min(Comparator.comparing((String n) -> !n.equals(Constants.R_HEADS + "main"))
                .thenComparing(n -> !n.equals(Constants.R_HEADS + "master")).thenComparing(n -> n));
    return name.filter(n -> !n.equals(refName()))
        .map(n -> new RemoteBranch(local, link, n.substring(Constants.R_HEADS.length())));
  }

  /** The branch's name, without {@code refs/heads/}. */
  public String name() {
    return branch;
  }

  /**
   * Pushes {@code commit} to the branch if its head is still {@code expected} (absent: the branch
   * must not exist yet).
   *
   * @return empty when the branch moved to the commit; the rejection when its head changed
   *     underneath (the caller re-reads and re-plans)
   * @throws DriftlessException when the push failed for another reason (refused credentials, a
   *     protected branch, a server that cannot be reached)
   */
  public Optional<String> push(ObjectId commit, Optional<ObjectId> expected) {
    String doing = "pushing to branch '" + branch + "' of";
    RemoteRefUpdate update;
    try {
      update = new RemoteRefUpdate(local.repository(), null, commit, refName(), false, null,
          expected.orElse(ObjectId.zeroId()));
    } catch (IOException e) {
      throw new SideUnavailableException(doing + " the remote failed locally: " + e.getMessage(), e);
    }
    PushResult result;
    try {
      result = local.exclusively(() -> {
        try (Transport transport = link.open(local.repository())) {
          return transport.push(NullProgressMonitor.INSTANCE, List.of(update));
        }
      });
    } catch (IOException e) {
      throw link.failure(doing, e);
    }
    RemoteRefUpdate done = result.getRemoteUpdate(refName());
    RemoteRefUpdate.Status status = done == null ? update.getStatus() : done.getStatus();
    String message = Optional.ofNullable(done == null ? update.getMessage() : done.getMessage()).orElse("");
    String was = expected.map(id -> "at " + id.abbreviate(7).name()).orElse("absent");
    return switch (status) {
      case OK, UP_TO_DATE -> Optional.empty();
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> Optional.of("push to " + branch + " rejected: the branch "
          + "moved since it was read (it was " + was + "); nothing was written, re-read and plan again");
      case REJECTED_OTHER_REASON -> otherRejection(message, link.scrub(String.valueOf(result.getMessages())).strip(),
          expected, was);
      case REJECTED_NODELETE, NON_EXISTING, NOT_ATTEMPTED, AWAITING_REPORT -> throw new SideUnavailableException(
          doing + " " + link.display() + " failed: the server answered " + status
              + (message.isEmpty() ? "" : " (" + message + ")"));
    };
  }

  /**
   * A push refused because the branch could not be locked: which lock file is in the way and since
   * when, where it can be seen from here (a remote on this machine), and what to do. The lock is
   * never removed: the process holding it may still be running.
   */
  private String lockRefusal(String message) {
    List<String> names = List.of(refName() + ".lock", Constants.PACKED_REFS + ".lock");
    String what = "pushing to branch '" + branch + "' of " + link.display() + " failed: the branch could not be locked"
        + " (Git said: " + message + "); nothing was written. ";
    Optional<Path> gitDir = link.localGitDir();
    if (gitDir.isEmpty()) {
      return what + LockFiles.serverAdvice(names);
    }
    List<LockFiles.Found> found = LockFiles.existing(gitDir.get(), names);
    if (found.isEmpty()) {
      return what + "No lock file is there any more (" + gitDir.get().resolve(names.get(0)) + "): another process was"
          + " moving the branch at the same moment. Try again.";
    }
    return what + LockFiles.advice(found);
  }

  /** A refusal that is not about the old head: a moved branch after all, a protected branch, a hook. */
  private Optional<String> otherRejection(String message, String serverSaid, Optional<ObjectId> expected, String was) {
    Optional<ObjectId> now = head();
    if (!now.equals(expected)) {
      return Optional.of("push to " + branch + " rejected: the branch moved since it was read (it was " + was
          + ", the server said: " + message + "); nothing was written, re-read and plan again");
    }
    String lower = message.toLowerCase(Locale.ROOT);
    Optional<String> lockLine = serverSaid.lines().filter(l -> LOCKED.matcher(l).find()).findFirst();
    if (LOCKED.matcher(message).find() || lockLine.isPresent()) {
      throw new SideUnavailableException(lockRefusal(lockLine.map(l -> message + "; " + l.strip()).orElse(message)));
    }
    if (lower.contains("protect") || lower.contains("denied") || lower.contains("permission")
        || lower.contains("not allowed")) {
      throw new AccessDeniedException("pushing to branch '" + branch + "' was refused by the server: " + message
          + ". Allow this user to push to it, or push to another branch.");
    }
    throw new SideUnavailableException("pushing to branch '" + branch + "' was refused by the server: " + message);
  }
}
