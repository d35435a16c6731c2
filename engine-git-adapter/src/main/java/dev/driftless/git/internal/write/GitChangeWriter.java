package dev.driftless.git.internal.write;

import dev.driftless.git.GitSettings;
import dev.driftless.git.internal.transport.RemoteAccess;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Side;

/** Writes a plan's changes to one branch as one commit per session, and a two-way sync's baseline with it. */
public final class GitChangeWriter implements ChangeWriter {

  private final GitSettings settings;
  private final RemoteAccess access;

  public GitChangeWriter(GitSettings settings, RemoteAccess access) {
    this.settings = settings;
    this.access = access;
  }

  @Override
  public Side side() {
    return Side.GIT;
  }

  /** Its sessions keep a two-way sync's baseline in {@link GitSettings#baselineRef()}, pushed with their commit. */
  @Override
  public boolean keepsBaseline() {
    return true;
  }

  @Override
  public WriteSession begin(WriteIntent intent) {
    return GitWriteSession.begin(settings, access, intent);
  }

  @Override
  public String toString() {
    return "GitChangeWriter[" + access.display() + " " + settings.branch() + ", " + settings.layout().describe() + "]";
  }
}
