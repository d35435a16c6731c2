package dev.driftless.git.internal.baseline;

import dev.driftless.port.SideUnavailableException;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Baseline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A baseline as a commit in the object database, and back. The commit's tree holds
 * <ul>
 *   <li>{@value #MANIFEST}: the line {@value #HEADER}, then one line per resource in key order:
 *       kind label, namespace (empty for tenant-global kinds), name and the blob id of its content,
 *       separated by tabs, with {@code \}, tab, line feed and carriage return written as
 *       {@code \\}, {@code \t}, {@code \n} and {@code \r} (keys hold none of them today; the escapes
 *       keep the format unambiguous whatever a key may hold later);</li>
 *   <li>{@value #CONTENTS}{@code /<blob id>}: each content once, however many resources share it,
 *       so that the blobs are reachable from the ref and travel with it.</li>
 * </ul>
 * A recorded empty baseline is a manifest with the header only; no baseline is no ref at all.
 *
 * <p>Reading trusts nothing: a manifest that is not this format, an unknown kind, an invalid key, a
 * key listed twice, a blob the tree does not hold, a content past the size limits, all fail with a
 * {@link SideUnavailableException} naming the ref. An unreadable baseline is never taken for no
 * baseline, which would turn every difference into a conflict.
 */
public final class BaselineTree {

  /** The manifest's file name. */
  public static final String MANIFEST = "baseline.tsv";
  /** The folder holding each content once, named by its blob id. */
  public static final String CONTENTS = "contents";
  /** The manifest's first line: its format and version. */
  public static final String HEADER = "driftless-baseline\t1";

  private BaselineTree() {}

  /** Inserts the baseline's contents, manifest and tree, then its commit; returns the commit's id. */
  public static ObjectId insertCommit(ObjectInserter inserter, Baseline baseline, Optional<ObjectId> parent,
      PersonIdent author, PersonIdent committer, String message) throws IOException {
    if (!baseline.isRecorded()) {
      throw new IllegalArgumentException("no baseline is recorded as the absence of its ref, never as a commit");
    }
    StringBuilder manifest = new StringBuilder(HEADER).append('\n');
    Map<String, ObjectId> blobs = new TreeMap<>();
    for (Map.Entry<ResourceKey, Content> e : baseline.entries().entrySet()) {
      ResourceKey key = e.getKey();
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, e.getValue().bytes());
      blobs.put(blob.name(), blob);
      manifest.append(key.kind().label()).append('\t').append(escape(key.namespace())).append('\t')
          .append(escape(key.name())).append('\t').append(blob.name()).append('\n');
    }
    ObjectId manifestBlob = inserter.insert(Constants.OBJ_BLOB, manifest.toString().getBytes(StandardCharsets.UTF_8));
    TreeFormatter root = new TreeFormatter();
    root.append(MANIFEST, FileMode.REGULAR_FILE, manifestBlob);
    if (!blobs.isEmpty()) {
      // Blob ids are names of equal length, so their string order is Git's tree order.
      TreeFormatter contents = new TreeFormatter();
      blobs.forEach((name, id) -> contents.append(name, FileMode.REGULAR_FILE, id));
      // "baseline.tsv" sorts before "contents".
      root.append(CONTENTS, FileMode.TREE, inserter.insert(contents));
    }
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(inserter.insert(root));
    parent.ifPresent(commit::setParentId);
    commit.setAuthor(author);
    commit.setCommitter(committer);
    commit.setMessage(message.endsWith("\n") ? message : message + "\n");
    return inserter.insert(commit);
  }

  /**
   * The baseline the commit {@code id} at {@code ref} records.
   *
   * @param where the ref and the remote, as messages name them
   * @throws SideUnavailableException when it is not a baseline this format can read, saying why
   */
  public static Baseline read(ObjectReader reader, ObjectId id, String where, long maxFileBytes, long maxReadBytes) {
    try {
      RevCommit commit;
      try (RevWalk walk = new RevWalk(reader)) {
        commit = walk.parseCommit(id);
      } catch (MissingObjectException e) {
        throw unreadable(where, id, "its commit " + id.name() + " was not fetched");
      } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
        throw unreadable(where, id, "it points to " + id.name() + ", which is not a commit");
      }
      Map<String, Entry> root = entries(reader, commit.getTree());
      Entry manifestEntry = root.get(MANIFEST);
      if (manifestEntry == null || !manifestEntry.isFile()) {
        throw unreadable(where, id, "its tree holds no file " + MANIFEST);
      }
      Entry contentsEntry = root.get(CONTENTS);
      Map<String, Entry> contents = contentsEntry == null ? Map.of()
          : contentsEntry.isTree() ? entries(reader, contentsEntry.id) : null;
      if (contents == null) {
        throw unreadable(where, id, CONTENTS + " is not a folder");
      }
      byte[] manifestBytes = load(reader, manifestEntry.id, maxReadBytes, where, id, MANIFEST);
      String manifest = utf8(manifestBytes).orElseThrow(() -> unreadable(where, id, MANIFEST + " is not UTF-8 text"));
      return parse(manifest, contents, reader, where, id, maxFileBytes, maxReadBytes);
    } catch (IOException e) {
      throw new SideUnavailableException("the baseline at " + where + " cannot be read from the local object "
          + "database: " + (e.getMessage() == null ? "it is damaged or incomplete" : e.getMessage()), e);
    }
  }

  private static Baseline parse(String manifest, Map<String, Entry> contents, ObjectReader reader, String where,
      ObjectId id, long maxFileBytes, long maxReadBytes) throws IOException {
    String[] lines = manifest.split("\n", -1);
    if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
      throw unreadable(where, id, MANIFEST + " does not start with the line '" + HEADER.replace("\t", "\\t")
          + "' or does not end with a line break (another format, or a newer version of Driftless wrote it)");
    }
    Map<ResourceKey, Content> entries = new LinkedHashMap<>();
    Map<String, Content> loaded = new HashMap<>();
    long total = 0;
    for (int i = 1; i < lines.length - 1; i++) {
      String at = MANIFEST + " line " + (i + 1);
      String[] fields = lines[i].split("\t", -1);
      if (fields.length != 4) {
        throw unreadable(where, id, at + " has " + fields.length + " fields, not 4 (kind, namespace, name, blob id)");
      }
      ResourceKind kind = kindOf(fields[0]).orElseThrow(() -> unreadable(where, id, at + " names the unknown kind '"
          + fields[0] + "'"));
      String namespace = unescape(fields[1]).orElseThrow(() -> unreadable(where, id, at + " has a bad escape"));
      String name = unescape(fields[2]).orElseThrow(() -> unreadable(where, id, at + " has a bad escape"));
      Optional<String> problem = ResourceKey.problem(kind, namespace, name);
      if (problem.isPresent()) {
        throw unreadable(where, id, at + " holds an invalid key: " + problem.get());
      }
      ResourceKey key = new ResourceKey(kind, namespace, name);
      String blob = fields[3];
      if (!ObjectId.isId(blob)) {
        throw unreadable(where, id, at + " (" + key.address() + ") names no blob id");
      }
      Entry entry = contents.get(blob);
      if (entry == null || !entry.isFile() || !entry.id.name().equals(blob)) {
        throw unreadable(where, id, at + " (" + key.address() + ") names the blob " + blob + ", which "
            + CONTENTS + "/ does not hold");
      }
      Content content = loaded.get(blob);
      if (content == null) {
        content = Content.of(load(reader, entry.id, maxFileBytes, where, id, key.address()));
        total += content.size();
        if (total > maxReadBytes) {
          throw unreadable(where, id, "its contents hold more than " + maxReadBytes + " bytes (maxReadBytes)");
        }
        loaded.put(blob, content);
      }
      if (entries.put(key, content) != null) {
        throw unreadable(where, id, at + " lists " + key.address() + " a second time");
      }
    }
    return Baseline.of(entries);
  }

  private static Optional<ResourceKind> kindOf(String label) {
    for (ResourceKind kind : ResourceKind.values()) {
      if (kind.label().equals(label)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  private static byte[] load(ObjectReader reader, ObjectId blob, long limit, String where, ObjectId id, String what)
      throws IOException {
    ObjectLoader loader;
    try {
      loader = reader.open(blob, Constants.OBJ_BLOB);
    } catch (MissingObjectException e) {
      throw unreadable(where, id, "the blob " + blob.name() + " of " + what + " is missing");
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      throw unreadable(where, id, blob.name() + " (" + what + ") is not a file");
    }
    if (loader.getSize() > limit) {
      throw unreadable(where, id, what + " is " + loader.getSize() + " bytes, more than the limit of " + limit);
    }
    try {
      return loader.getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
    } catch (LargeObjectException e) {
      throw unreadable(where, id, what + " is larger than the limit of " + limit + " bytes");
    }
  }

  private static SideUnavailableException unreadable(String where, ObjectId id, String why) {
    return new SideUnavailableException("the baseline at " + where + " (commit " + id.abbreviate(7).name()
        + ") cannot be read: " + why + ". Nothing was planned or written. Restore the ref from its history, or "
        + "delete it to make the next plan a first two-way sync");
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The text {@link #escape} wrote; empty for an escape it never writes. */
  static Optional<String> unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i == text.length()) {
        return Optional.empty();
      }
      switch (text.charAt(i)) {
        case '\\' -> out.append('\\');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.of(out.toString());
  }

  private static Map<String, Entry> entries(ObjectReader reader, ObjectId tree) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    CanonicalTreeParser parser = new CanonicalTreeParser();
    parser.reset(reader, tree);
    for (; !parser.eof(); parser.next(1)) {
      entries.put(parser.getEntryPathString(), new Entry(parser.getEntryRawMode(), parser.getEntryObjectId()));
    }
    return entries;
  }

  private record Entry(int mode, ObjectId id) {
    boolean isFile() {
      return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
    }

    boolean isTree() {
      return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
    }
  }
}
