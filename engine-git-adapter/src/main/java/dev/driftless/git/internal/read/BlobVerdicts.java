package dev.driftless.git.internal.read;

import dev.driftless.core.yaml.DeclaredIdentity;
import dev.driftless.core.yaml.ParsedYaml;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.core.yaml.YamlProblem;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.zip.CRC32;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What each YAML blob says of itself as a resource of one kind (its {@code id} and
 * {@code namespace}, or why it is not a valid resource), remembered by blob id.
 *
 * <p>A blob id names its bytes exactly, so its verdict never changes: a read that finds a blob it has
 * judged before does not parse it again, and every check still holds. With a cache directory the
 * verdicts are kept in it, in the file {@value #FILE_NAME}, across runs and processes; without one
 * they live as long as the read. Blobs that are new to the cache are parsed on every core, since the
 * parse of one file depends on no other.
 *
 * <p>The file is a cache and nothing more: one that is missing, damaged, or written under other
 * parsing rules is ignored and replaced, and one that cannot be written is simply not kept. It is
 * replaced whole (written beside, then renamed), so a reader never sees it half-written.
 */
public final class BlobVerdicts {

  /** The file's name in the cache directory. */
  public static final String FILE_NAME = "driftless-yaml-verdicts";

  private static final int MAGIC = 0x444c5956; // "DLYV"
  private static final int FORMAT = 1;
  /** Fewer new verdicts than this are parsed on the calling thread: a pool costs more than it saves. */
  private static final int PARALLEL_FROM = 64;
  /** How many verdicts a file may hold before it is trimmed to those one session used. */
  static final int MAX_KEPT = 100_000;

  /** A blob of one kind. */
  record Key(ObjectId blob, ResourceKind kind) {}

  /** What a blob says of itself. */
  public sealed interface Verdict permits Valid, Invalid {}

  /**
   * A valid document of its kind.
   *
   * @param id its top-level {@code id}, when it has one (a dashboard may not)
   * @param namespace its top-level {@code namespace}, when it has one
   */
  public record Valid(Optional<String> id, Optional<String> namespace) implements Verdict {}

  /**
   * Not a valid document of its kind.
   *
   * @param message why, as {@link YamlProblem#message()} puts it
   * @param line the line, when known
   */
  public record Invalid(String message, OptionalInt line) implements Verdict {}

  /** A blob waiting to be judged. */
  public record Pending(ObjectId blob, ResourceKind kind, Content content) {}

  private final Optional<Path> file;
  private final Map<Key, Verdict> known;
  /**
   * Whether the file held so many verdicts when it was opened that it is cut down to the ones used
   * here on save. Until it does, looking verdicts up costs no bookkeeping: most caches never get there.
   */
  private final boolean trimming;
  /** The keys looked up or learnt here, when trimming: the ones the file keeps. */
  private final Set<Key> used = new HashSet<>();
  private boolean changed;

  private BlobVerdicts(Optional<Path> file, Map<Key, Verdict> known) {
    this.file = file;
    this.known = known;
    this.trimming = known.size() > MAX_KEPT;
  }

  /**
   * The verdicts kept in {@code file} (those it holds under the current rules), saved back there;
   * without a file, verdicts that live as long as this object.
   */
  public static BlobVerdicts open(Optional<Path> file) {
    return new BlobVerdicts(file, file.map(BlobVerdicts::readQuietly).orElseGet(HashMap::new));
  }

  /**
   * Judges a text as a resource of {@code kind}, without the cache: most texts are told valid
   * without building a tree ({@link YamlDocument#declaredQuickly}); the others, and every one with
   * a problem, are parsed in full, which gives the same verdict.
   */
  public static Verdict judge(Content content, ResourceKind kind) {
    Optional<DeclaredIdentity> declared = YamlDocument.declaredQuickly(content, kind);
    if (declared.isPresent()) {
      return new Valid(declared.get().id(), declared.get().namespace());
    }
    ParsedYaml parsed = YamlDocument.parse(content);
    Optional<YamlProblem> problem = parsed.problem()
        .or(() -> parsed.document().flatMap(doc -> doc.identityProblem(kind)));
    if (problem.isPresent()) {
      return new Invalid(problem.get().message(), problem.get().line());
    }
    YamlDocument doc = parsed.document().orElseThrow();
    return new Valid(doc.id(), doc.namespace());
  }

  /**
   * The verdict on each blob, in order: remembered ones looked up, the others judged (in parallel
   * when there are many) and remembered.
   */
  public List<Verdict> verdicts(List<Pending> blobs) {
    Verdict[] out = new Verdict[blobs.size()];
    List<Integer> unknown = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      Pending p = blobs.get(i);
      Key key = new Key(p.blob().copy(), p.kind());
      out[i] = known.get(key);
      if (out[i] == null) {
        unknown.add(i);
      } else if (trimming) {
        used.add(key);
      }
    }
    if (unknown.size() >= PARALLEL_FROM) {
      unknown.parallelStream().forEach(i -> out[i] = judge(blobs.get(i).content(), blobs.get(i).kind()));
    } else {
      unknown.forEach(i -> out[i] = judge(blobs.get(i).content(), blobs.get(i).kind()));
    }
    for (int i : unknown) {
      Key key = new Key(blobs.get(i).blob().copy(), blobs.get(i).kind());
      known.put(key, out[i]);
      used.add(key);
      changed = true;
    }
    return List.of(out);
  }

  /**
   * Writes the verdicts back to their file, when there is one and something new was learnt. Keeps
   * what earlier reads learnt too, up to a bound past which only this object's verdicts are kept.
   */
  public void save() {
    if (file.isEmpty()) {
      return;
    }
    boolean trim = trimming && known.size() > used.size();
    if (!changed && !trim) {
      return;
    }
    if (trim) {
      known.keySet().retainAll(used);
    }
    writeQuietly(file.get(), known);
    changed = false;
  }

  /** The rules verdicts are judged under: the file's format and the parser's rules. */
  static String rules() {
    return FORMAT + "/" + YamlDocument.rulesVersion();
  }

  private static Map<Key, Verdict> readQuietly(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return new HashMap<>();
      }
      return decode(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      return new HashMap<>(); // damaged or unreadable: start afresh, and replace it on save
    }
  }

  static Map<Key, Verdict> decode(byte[] bytes) throws IOException {
    if (bytes.length < 8) {
      throw new IOException("too short");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    in.skipNBytes(bytes.length - 8);
    if (in.readLong() != crc.getValue()) {
      throw new IOException("checksum mismatch");
    }
    in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
    if (in.readInt() != MAGIC || !in.readUTF().equals(rules())) {
      return new HashMap<>();
    }
    int count = in.readInt();
    Map<Key, Verdict> out = new HashMap<>(Math.max(16, count * 4 / 3 + 1));
    byte[] id = new byte[20];
    for (int i = 0; i < count; i++) {
      in.readFully(id);
      Key key = new Key(ObjectId.fromRaw(id), ResourceKind.valueOf(in.readUTF()));
      Verdict verdict = switch (in.readByte()) {
        case 0 -> new Valid(optional(in), optional(in));
        case 1 -> {
          String message = in.readUTF();
          int line = in.readInt();
          yield new Invalid(message, line < 0 ? OptionalInt.empty() : OptionalInt.of(line));
        }
        default -> throw new IOException("unknown verdict");
      };
      out.put(key, verdict);
    }
    return out;
  }

  static byte[] encode(Map<Key, Verdict> verdicts, String rules) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * verdicts.size() + 64);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeUTF(rules);
    List<Map.Entry<Key, Verdict>> kept = verdicts.entrySet().stream().filter(e -> storable(e.getValue())).toList();
    out.writeInt(kept.size());
    byte[] id = new byte[20];
    for (Map.Entry<Key, Verdict> e : kept) {
      e.getKey().blob().copyRawTo(id, 0);
      out.write(id);
      out.writeUTF(e.getKey().kind().name());
      if (e.getValue() instanceof Valid valid) {
        out.writeByte(0);
        optional(out, valid.id());
        optional(out, valid.namespace());
      } else {
        Invalid invalid = (Invalid) e.getValue();
        out.writeByte(1);
        out.writeUTF(invalid.message());
        out.writeInt(invalid.line().orElse(-1));
      }
    }
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    return bytes.toByteArray();
  }

  private static void writeQuietly(Path file, Map<Key, Verdict> verdicts) {
    Path temporary = null;
    try {
      byte[] bytes = encode(verdicts, rules());
      temporary = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME + "-", ".tmp");
      Files.write(temporary, bytes);
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      // a cache that cannot be kept only costs the next read its parsing
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // as above
        }
      }
    }
  }

  private static Optional<String> optional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
  }

  private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeUTF(value.get());
    }
  }

  /**
   * Whether the file can hold the verdict as it is: {@link DataOutputStream#writeUTF} takes at most
   * 65,535 bytes. Another one (an id of tens of thousands of characters) is judged again next time.
   */
  private static boolean storable(Verdict verdict) {
    if (verdict instanceof Valid valid) {
      return valid.id().map(BlobVerdicts::fits).orElse(true) && valid.namespace().map(BlobVerdicts::fits).orElse(true);
    }
    return fits(((Invalid) verdict).message());
  }

  private static boolean fits(String text) {
    return text.length() <= 65_535 / 3;
  }

  @Override
  public String toString() {
    return "BlobVerdicts[" + known.size() + " known" + file.map(f -> ", kept in " + f).orElse("") + "]";
  }
}
