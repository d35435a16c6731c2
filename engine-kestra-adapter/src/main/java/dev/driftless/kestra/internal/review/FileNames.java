package dev.driftless.kestra.internal.review;

import dev.driftless.kestra.KestraServer;
import java.util.Optional;

/**
 * Namespace file names a Kestra version stores otherwise than sent. Kestra 0.20 passes the path of
 * an upload, a read and a delete through form encoding and a URI parser (seen on 0.20.7): a space is
 * stored as {@code +}, a name is cut at {@code #}, and {@code %} is refused (422 "Malformed escape
 * pair"). 0.21's sources do the same; later versions take the path as sent. {@code +}, other
 * characters, dot-files, empty and binary files are stored as sent.
 */
final class FileNames {

  /**
   * How the server would store a path.
   *
   * @param reason why it cannot hold the file under its name, and what to do
   * @param storedAs the path it would store instead, when it stores it at all
   */
  record Alteration(String reason, Optional<String> storedAs) {}

  private FileNames() {}

  /** How this server would alter the namespace file path ({@code scripts/a b.py}); empty when it keeps it. */
  static Optional<Alteration> of(KestraServer server, String path) {
    if (server.atLeast(0, 22)) {
      return Optional.empty();
    }
    String what = server.describeShort();
    String fix = ", so it could never hold this file under its name: rename the file";
    if (path.indexOf('%') >= 0) {
      return Optional.of(new Alteration(what + " refuses a namespace file name with '%' (\"Malformed escape pair\")"
          + fix, Optional.empty()));
    }
    int hash = path.indexOf('#');
    if (hash >= 0) {
      String cut = path.substring(0, hash);
      Optional<String> stored = cut.isEmpty() || cut.endsWith("/") ? Optional.empty()
          : Optional.of(cut.replace(' ', '+'));
      return Optional.of(new Alteration(what + " cuts a namespace file name at '#'"
          + stored.map(s -> " (it would store '" + s + "')").orElse("") + fix, stored));
    }
    if (path.indexOf(' ') >= 0) {
      String stored = path.replace(' ', '+');
      return Optional.of(new Alteration(what + " stores a space in a namespace file name as '+' (it would store '"
          + stored + "')" + fix, Optional.of(stored)));
    }
    return Optional.empty();
  }
}
