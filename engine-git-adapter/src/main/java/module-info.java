/**
 * The Git side through JGit: the snapshot reader, the change writer, clones and the layouts. The
 * packages under {@code dev.driftless.git.internal} are its implementation and are not exported.
 */
@SuppressWarnings("requires-automatic")
module dev.driftless.git {
  requires transitive dev.driftless.api;
  requires dev.driftless.core;
  requires org.eclipse.jgit;
  requires org.eclipse.jgit.ssh.apache;
  requires org.apache.sshd.osgi;
  requires static org.immutables.value.annotations;

  exports dev.driftless.git;
  exports dev.driftless.git.clone;
  exports dev.driftless.git.layout;
}
