package dev.driftless.git.internal.repo;

import dev.driftless.git.internal.transport.RemoteLink;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;

/**
 * One ref of a remote that is not a branch (a two-way sync's baseline), fetched alone into a local
 * repository, shallow where allowed. It is pushed with the branch (see {@link RemoteBranch#pushAll}).
 */
public final class RemoteRef {

  private final LocalRepository local;
  private final RemoteLink link;
  private final String refName;
  private final String what;

  /**
   * @param what how messages name it ({@code the baseline ref refs/driftless/baseline/...})
   */
  public RemoteRef(LocalRepository local, RemoteLink link, String refName, String what) {
    if (!refName.startsWith(Constants.R_REFS)) {
      throw new IllegalArgumentException("not a full ref name: " + refName);
    }
    this.local = local;
    this.link = link;
    this.refName = refName;
    this.what = what;
  }

  public String refName() {
    return refName;
  }

  /** How messages name it. */
  public String what() {
    return what;
  }

  /** The local ref that keeps a fetched commit (and its objects) reachable in a cache directory. */
  private String localRefName() {
    return "refs/driftless/fetched/" + refName.substring(Constants.R_REFS.length());
  }

  /**
   * Fetches the commit the ref points to (with depth 1 when {@code shallow}, falling back to a full
   * fetch from a server that cannot serve shallow fetches) and returns its id, or empty when the
   * remote has no such ref.
   */
  public Optional<ObjectId> fetch(boolean shallow) {
    try {
      return fetchOnce(shallow);
    } catch (TransportException e) {
      if (String.valueOf(e.getMessage()).contains(refName) && advertised().isEmpty()) {
        return Optional.empty();
      }
      if (shallow && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("shallow")) {
        return fetch(false);
      }
      throw link.failure("fetching " + what + " from", e);
    } catch (IOException e) {
      throw link.failure("fetching " + what + " from", e);
    }
  }

  private Optional<ObjectId> fetchOnce(boolean shallow) throws IOException {
    RefSpec spec = new RefSpec("+" + refName + ":" + localRefName());
    return local.exclusively(() -> {
      try (Transport transport = link.open(local.repository())) {
        transport.setTagOpt(TagOpt.NO_TAGS);
        if (shallow) {
          transport.setDepth(1);
        }
        FetchResult result = transport.fetch(NullProgressMonitor.INSTANCE, List.of(spec));
        return Optional.ofNullable(result.getAdvertisedRef(refName)).map(Ref::getObjectId);
      }
    });
  }

  /** The id the remote advertises for the ref now, or empty when it has no such ref. */
  public Optional<ObjectId> advertised() {
    try (Transport transport = link.open(local.repository());
        FetchConnection connection = transport.openFetch(List.of(new RefSpec(refName)), refName)) {
      return Optional.ofNullable(connection.getRef(refName)).map(Ref::getObjectId);
    } catch (IOException e) {
      throw link.failure("listing the refs of", e);
    }
  }

  @Override
  public String toString() {
    return "RemoteRef[" + refName + " of " + link.display() + "]";
  }
}
