package dev.driftless.git.internal.baseline;

import dev.driftless.git.GitSettings;
import dev.driftless.git.internal.repo.LocalRepository;
import dev.driftless.git.internal.repo.RemoteRef;
import dev.driftless.git.internal.transport.RemoteAccess;
import dev.driftless.git.internal.transport.RemoteLink;
import dev.driftless.port.BaselineStore;
import dev.driftless.snapshot.Baseline;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads the baseline from {@link GitSettings#baselineRef()}: fetches that ref alone (shallow unless
 * the settings say otherwise; with the remote's transport, credentials, host keys and timeouts, into
 * the cache directory or a temporary repository, as reads do) and reads its commit's tree within the
 * size limits. No ref is {@link Baseline#none()}; a ref that holds no readable baseline fails, naming it.
 */
public final class GitBaselineStore implements BaselineStore {

  private final GitSettings settings;
  private final RemoteAccess access;

  public GitBaselineStore(GitSettings settings, RemoteAccess access) {
    this.settings = settings;
    this.access = access;
  }

  @Override
  public Baseline read() {
    try (LocalRepository local = LocalRepository.open(settings.cacheDirectory());
        RemoteLink link = access.link()) {
      RemoteRef ref = new RemoteRef(local, link, settings.baselineRef(), "the baseline ref " + settings.baselineRef());
      Optional<ObjectId> id = ref.fetch(settings.shallow());
      if (id.isEmpty()) {
        return Baseline.none();
      }
      try (ObjectReader reader = local.repository().newObjectReader()) {
        return BaselineTree.read(reader, id.get(), settings.baselineRef() + " of " + access.display(),
            settings.maxFileBytes(), settings.maxReadBytes());
      }
    }
  }

  @Override
  public String toString() {
    return "GitBaselineStore[" + access.display() + " " + settings.baselineRef() + "]";
  }
}
