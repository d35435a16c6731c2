package dev.driftless.git.internal.transport;

import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * The SSH session factory of a remote that is not reached over SSH (a submodule with an SSH URL
 * in an HTTPS repository): it refuses, so that JGit's JVM-wide default, which reads the user's
 * {@code ~/.ssh}, is never used.
 */
final class NoSsh extends SshSessionFactory {

  static final NoSsh INSTANCE = new NoSsh();

  private NoSsh() {}

  @Override
  public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeout)
      throws TransportException {
    throw new TransportException(uri, "SSH is not set up for this remote; Driftless uses SSH keys only for a remote "
        + "whose own URL is an SSH URL");
  }

  @Override
  public String getType() {
    return "none";
  }
}
