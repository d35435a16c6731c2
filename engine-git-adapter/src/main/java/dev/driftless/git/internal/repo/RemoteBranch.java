package dev.driftless.git.internal.repo;

import dev.driftless.git.internal.transport.RemoteLink;
import dev.driftless.port.AccessDeniedException;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
   *
   * @throws LocalRepository.OverMemoryBudget when the local repository is in memory and the fetch
   *     brought more than it may hold
   */
  public Optional<ObjectId> fetch(boolean shallow) {
    try {
      return fetchOnce(shallow);
    } catch (TransportException e) {
      local.checkBudget();
      if (String.valueOf(e.getMessage()).contains(refName()) && !exists()) {
        return Optional.empty();
      }
      if (shallow && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("shallow")) {
        return fetch(false);
      }
      throw link.failure("fetching branch '" + branch + "' from", e);
    } catch (IOException e) {
      local.checkBudget();
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
      DriftlessException failure = link.failure(doing, e);
      Move mine = move(commit, expected);
      if (lostRace(List.of(mine), failure)) {
        return Optional.of("push to " + branch + " rejected: the branch moved while it was pushed (it was "
            + expected.map(id -> "at " + id.abbreviate(7).name()).orElse("absent") + "; the push failed: "
            + failure.getMessage() + "); nothing was written, re-read and plan again");
      }
      throw failure;
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

  /** A ref to move in {@link #pushAll}: to {@code next}, if it still is {@code expected} (absent: if there is none). */
  public record Move(String refName, String what, ObjectId next, Optional<ObjectId> expected) {}

  /** A move of this branch to {@code commit}, if its head still is {@code expected}. */
  public Move move(ObjectId commit, Optional<ObjectId> expected) {
    return new Move(refName(), "branch '" + branch + "'", commit, expected);
  }

  /** How {@link #pushAll} went. */
  public enum Pushed {
    /** Every ref moved. */
    LANDED,
    /** No ref moved: one of them had moved since it was read; {@link PushOutcome#rejection()} says which one. */
    REJECTED,
    /** Nothing was sent: the server cannot move several refs atomically. */
    NOT_ATOMIC
  }

  /** What {@link #pushAll} returns: how it went, and for a rejection, why. */
  public record PushOutcome(Pushed pushed, Optional<String> rejection) {}

  /**
   * Pushes the moves (this branch's, another ref's) in one push that moves all of them or none: an
   * atomic push when there are several, with compare-and-swap on each ref's expected id. Never forced.
   *
   * @return {@link Pushed#LANDED}; {@link Pushed#REJECTED} naming which ref moved since it was read
   *     (nothing was written); {@link Pushed#NOT_ATOMIC} when the server does not take atomic pushes
   *     (nothing was sent: the caller pushes one ref at a time)
   * @throws DriftlessException when the push failed for another reason (refused credentials, a
   *     protected ref, a server that cannot be reached)
   */
  public PushOutcome pushAll(List<Move> moves) {
    if (moves.isEmpty()) {
      throw new IllegalArgumentException("nothing to push");
    }
    boolean atomic = moves.size() > 1;
    String target = moves.stream().map(Move::what).collect(Collectors.joining(" and "));
    String doing = "pushing to " + target + " of";
    Map<String, RemoteRefUpdate> updates = new LinkedHashMap<>();
    try {
      for (Move move : moves) {
        updates.put(move.refName(), new RemoteRefUpdate(local.repository(), null, move.next(), move.refName(), false,
            null, move.expected().orElse(ObjectId.zeroId())));
      }
    } catch (IOException e) {
      throw new SideUnavailableException(doing + " the remote failed locally: " + e.getMessage(), e);
    }
    PushResult result;
    try {
      result = local.exclusively(() -> {
        try (Transport transport = link.open(local.repository())) {
          transport.setPushAtomic(atomic);
          return transport.push(NullProgressMonitor.INSTANCE, updates.values());
        }
      });
    } catch (TransportException e) {
      if (atomic && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("atomic push not supported")) {
        return new PushOutcome(Pushed.NOT_ATOMIC, Optional.empty());
      }
      return raced(moves, target, link.failure(doing, e));
    } catch (IOException e) {
      return raced(moves, target, link.failure(doing, e));
    }
    List<String> refused = new ArrayList<>();
    boolean staleSeen = false;
    for (Move move : moves) {
      RemoteRefUpdate done = Optional.ofNullable(result.getRemoteUpdate(move.refName()))
          .orElse(updates.get(move.refName()));
      String message = Optional.ofNullable(done.getMessage()).orElse("");
      switch (done.getStatus()) {
        case OK, UP_TO_DATE -> { }
        case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> staleSeen = true;
        case REJECTED_OTHER_REASON -> refused.add(message);
        case REJECTED_NODELETE, NON_EXISTING, NOT_ATTEMPTED, AWAITING_REPORT -> throw new SideUnavailableException(
            doing + " " + link.display() + " failed: the server answered " + done.getStatus() + " for " + move.what()
                + (message.isEmpty() ? "" : " (" + message + ")"));
      }
    }
    if (!staleSeen && refused.isEmpty()) {
      return new PushOutcome(Pushed.LANDED, Optional.empty());
    }
    List<Move> moved = moved(moves);
    // Of an atomic push, the refs that were fine are refused too ("transaction aborted", "atomic push failure").
    String said = refused.stream().filter(m -> !m.isBlank() && !m.toLowerCase(Locale.ROOT).contains("transaction")
        && !m.toLowerCase(Locale.ROOT).contains("atomic")).findFirst().orElse("");
    if (staleSeen || !moved.isEmpty()) {
      String which = moved.isEmpty() ? target : moved.stream().map(m -> m.what() + " (it was "
          + m.expected().map(id -> "at " + id.abbreviate(7).name()).orElse("absent") + ")")
          .collect(Collectors.joining(" and "));
      return new PushOutcome(Pushed.REJECTED, Optional.of("push to " + target + " rejected: " + which
          + " moved since it was read" + (said.isEmpty() ? "" : " (the server said: "
          + said + ")") + "; nothing was written, re-read and plan again"));
    }
    String serverSaid = link.scrub(String.valueOf(result.getMessages())).strip();
    Optional<String> lockLine = serverSaid.lines().filter(l -> LOCKED.matcher(l).find()).findFirst();
    if (LOCKED.matcher(said).find() || lockLine.isPresent()) {
      throw new SideUnavailableException(lockRefusal(lockLine.map(l -> said + "; " + l.strip()).orElse(said), target,
          moves.size() > 1 ? "a ref" : "the ref", moves.stream().map(Move::refName).toList()));
    }
    String reason = said.isEmpty() ? refused.stream().filter(m -> !m.isBlank()).findFirst().orElse("no reason given")
        : said;
    String lower = reason.toLowerCase(Locale.ROOT);
    if (lower.contains("protect") || lower.contains("denied") || lower.contains("permission")
        || lower.contains("not allowed")) {
      throw new AccessDeniedException("pushing to " + target + " was refused by the server: " + reason
          + ". Allow this user to push to " + (moves.size() > 1 ? "them" : "it") + ".");
    }
    throw new SideUnavailableException("pushing to " + target + " was refused by the server: " + reason);
  }

  /**
   * Whether a push that failed lost a race: another push moved one of its refs at the same moment
   * (a server may then fail the loser's upload itself: JGit's cannot lock a pack that another push
   * of the very same objects is writing). Then the failure is a rejection like any other: plan again.
   * When the refs cannot be listed either, it is not.
   */
  private boolean lostRace(List<Move> moves, DriftlessException failure) {
    try {
      return !moved(moves).isEmpty();
    } catch (DriftlessException listing) {
      failure.addSuppressed(listing);
      return false;
    }
  }

  /**
   * The rejection of a push of several refs that failed because it lost a race.
   *
   * @throws DriftlessException the failure, when it did not
   */
  private PushOutcome raced(List<Move> moves, String target, DriftlessException failure) {
    if (!lostRace(moves, failure)) {
      throw failure;
    }
    return new PushOutcome(Pushed.REJECTED, Optional.of("push to " + target + " rejected: "
        + moved(moves).stream().map(Move::what).collect(Collectors.joining(" and ")) + " moved while it was pushed"
        + " (the push failed: " + failure.getMessage() + "); nothing was written, re-read and plan again"));
  }

  /** The moves whose ref the remote no longer advertises at the expected id. */
  private List<Move> moved(List<Move> moves) {
    List<RefSpec> specs = moves.stream().map(m -> new RefSpec(m.refName())).toList();
    try (Transport transport = link.open(local.repository());
        FetchConnection connection = transport.openFetch(specs, moves.stream().map(Move::refName)
            .toArray(String[]::new))) {
      List<Move> moved = new ArrayList<>();
      for (Move move : moves) {
        Optional<ObjectId> now = Optional.ofNullable(connection.getRef(move.refName())).map(Ref::getObjectId);
        if (!now.equals(move.expected())) {
          moved.add(move);
        }
      }
      return moved;
    } catch (IOException e) {
      throw link.failure("listing the refs of", e);
    }
  }

  /**
   * A push refused because the branch could not be locked: which lock file is in the way and since
   * when, where it can be seen from here (a remote on this machine), and what to do. The lock is
   * never removed: the process holding it may still be running.
   */
  private String lockRefusal(String message) {
    return lockRefusal(message, "branch '" + branch + "'", "the branch", List.of(refName()));
  }

  private String lockRefusal(String message, String target, String subject, List<String> refNames) {
    List<String> names = new ArrayList<>();
    refNames.forEach(r -> names.add(r + ".lock"));
    names.add(Constants.PACKED_REFS + ".lock");
    String what = "pushing to " + target + " of " + link.display() + " failed: " + subject + " could not be locked"
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
