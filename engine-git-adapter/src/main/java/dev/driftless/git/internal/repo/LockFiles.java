package dev.driftless.git.internal.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The lock files Git takes while it changes a repository ({@code refs/heads/main.lock} while a
 * branch moves, {@code packed-refs.lock}, {@code config.lock}). A process killed in the middle
 * leaves its lock behind, and every later change fails until someone removes it. Driftless never
 * removes one: the process may still be running. It names the file, says since when it is there
 * and what to do.
 */
final class LockFiles {

  private LockFiles() {}

  /** A lock file that exists, and when it was last modified. */
  record Found(Path path, Instant since) {}

  /** The lock files among {@code names} (relative to the Git directory {@code gitDir}) that exist now. */
  static List<Found> existing(Path gitDir, List<String> names) {
    List<Found> out = new ArrayList<>();
    for (String name : names) {
      Path path = gitDir.resolve(name);
      try {
        out.add(new Found(path.toAbsolutePath(), Files.getLastModifiedTime(path).toInstant()));
      } catch (IOException e) {
        // absent (or gone since): not a lock in the way
      }
    }
    return out;
  }

  /**
   * What to tell the user about lock files found in a repository on this machine: which files,
   * since when, why they may be there, and what to do.
   */
  static String advice(List<Found> found) {
    StringJoiner files = new StringJoiner(" and ");
    for (Found f : found) {
      files.add(f.path() + " (there since " + f.since() + ")");
    }
    boolean one = found.size() == 1;
    return "The lock file" + (one ? " " : "s ") + files + (one ? " was" : " were") + " left by a Driftless or git "
        + "process that crashed or was killed while changing that repository, or " + (one ? "is" : "are")
        + " held by one still running. Make sure no other process is writing to it, then delete "
        + (one ? "that file" : "those files") + " and try again; Driftless never removes a lock itself.";
  }

  /** The same advice for a repository on a server, where the files cannot be looked at from here. */
  static String serverAdvice(List<String> names) {
    return "A lock file in the server's repository (" + String.join(" or ", names) + ") was probably left by a git "
        + "process that crashed or was killed, or is held by a push still running. Whoever runs the server should "
        + "make sure no push is in progress, then delete that file; Driftless never removes a lock itself.";
  }
}
