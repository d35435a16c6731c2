package dev.driftless.git.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.layout.Area;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.layout.Location;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Exclusion;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.SnapshotEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads a layout's resources from one tree, straight from the object database: no checkout, no
 * working tree, and nothing outside the scope is opened.
 *
 * <p>What cannot be read safely is never read: a symbolic link or a submodule (never followed),
 * a name that is not UTF-8 or that the shared path rule refuses ({@code .}, {@code ..}, empty,
 * {@code .git} in any spelling, a {@code /} in a crafted tree), a file standing where the layout
 * reads a folder (a file named {@code flows} in a namespace's folder), a file over the size
 * limit. Each gives a diagnostic naming the path and, where its kind and namespace are known, an
 * unreadable entry, so that the planner blocks that key and holds back deletions of its kind in its
 * namespace. YAML that does not parse or has no valid identity is an invalid entry with the line.
 * Two files claiming one key are both returned: the planner reports the conflict.
 *
 * <p>It works in four passes: the walk goes through the trees in order and notes what it finds as
 * steps; the files' bytes are read and fingerprinted (on several threads when there are many); the
 * YAML files are judged by {@link BlobVerdicts} (remembered verdicts, or parsed on every core); and
 * the steps run in tree order, so the result is the same as that of a one-by-one scan.
 */
public final class TreeScan {

  /** How deep folders are read below the layout's directory; a deeper one is refused, not followed. */
  public static final int MAX_DEPTH = 128;


  /** Whether the layout's directory exists in the tree. */
  public enum DirectoryState {
    PRESENT,
    MISSING,
    /** Something else (a file, a link, a submodule) stands where the directory should be. */
    NOT_A_FOLDER
  }

  /**
   * One file claiming a key.
   *
   * @param path where it is
   * @param fingerprint its content's fingerprint, when it could be read as a valid resource
   * @param problem why it could not, otherwise
   */
  public record Claim(String path, Optional<Fingerprint> fingerprint, Optional<String> problem) {}

  /**
   * What a scan found.
   *
   * @param ignoredKeys the keys the paths of ignored files stand for (their content is not read)
   */
  public record Result(DirectoryState directory, List<SnapshotEntry> entries, List<Diagnostic> diagnostics,
      Map<ResourceKey, List<Claim>> claims, IgnoreRules ignore, Set<ResourceKey> ignoredKeys) {

    /** Every claim on a key, in tree order. */
    public List<Claim> claimsOf(ResourceKey key) {
      return claims.getOrDefault(key, List.of());
    }

    /** The keys the ignore file leaves out of the sync, for the snapshot. */
    public Exclusion exclusion(Layout layout) {
      return ignore.exclusion(layout, ignoredKeys);
    }
  }

  private final ObjectReader reader;
  private final Layout layout;
  private final Scope scope;
  private final long maxBytes;
  private final long maxReadBytes;
  /** Bytes of the files read so far, all threads together. */
  private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();
  private final BlobVerdicts verdicts;
  private final List<Runnable> steps = new ArrayList<>();
  /** The files to read, in tree order; {@link #loaded} and {@link #judged} are index for index. */
  private final List<FileAt> files = new ArrayList<>();
  private List<Loaded> loaded = List.of();
  private List<Optional<BlobVerdicts.Verdict>> judged = List.of();
  private final List<SnapshotEntry> entries = new ArrayList<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Map<ResourceKey, List<Claim>> claims = new HashMap<>();
  private IgnoreRules ignore = IgnoreRules.none();
  private final Set<ResourceKey> ignoredKeys = new HashSet<>();

  /** A file the layout has a key for, in scope, to be read. */
  private record FileAt(String path, Location location, ObjectId blob) {}

  /** A file's bytes, or its size when it is over the limit and was not read. */
  private record Loaded(long size, Optional<Content> content) {}

  /** Below this many files, reading them on more than one thread costs more than it saves. */
  private static final int FILES_PER_THREAD = 512;

  private TreeScan(ObjectReader reader, Layout layout, Scope scope, long maxBytes, long maxReadBytes,
      BlobVerdicts verdicts) {
    this.reader = reader;
    this.layout = layout;
    this.scope = scope;
    this.maxBytes = maxBytes;
    this.maxReadBytes = maxReadBytes;
    this.verdicts = verdicts;
  }

  /**
   * Scans {@code tree} (a commit's root tree) for the resources of {@code layout} inside {@code scope},
   * judging YAML blobs through {@code verdicts}.
   */
  public static Result scan(ObjectReader reader, ObjectId tree, Layout layout, Scope scope, long maxBytes,
      long maxReadBytes, BlobVerdicts verdicts) {
    try {
      return new TreeScan(reader, layout, scope, maxBytes, maxReadBytes, verdicts).run(tree);
    } catch (IOException e) {
      throw new SideUnavailableException("cannot read the tree " + tree.name() + " from the local object database: "
          + (e.getMessage() == null ? "it is damaged or incomplete" : e.getMessage()), e);
    }
  }

  /** The result for a branch that does not exist: no directory, nothing in it. */
  public static Result nothing() {
    return new Result(DirectoryState.MISSING, List.of(), List.of(), Map.of(), IgnoreRules.none(), Set.of());
  }

  private Result run(ObjectId root) throws IOException {
    ObjectId directory = root;
    if (!layout.directory().isEmpty()) {
      try (TreeWalk walk = TreeWalk.forPath(reader, layout.directory(), root)) {
        if (walk == null) {
          return new Result(DirectoryState.MISSING, List.of(), List.of(), Map.of(), IgnoreRules.none(), Set.of());
        }
        if ((walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_TREE) {
          return new Result(DirectoryState.NOT_A_FOLDER, List.of(), List.of(), Map.of(), IgnoreRules.none(), Set.of());
        }
        directory = walk.getObjectId(0);
      }
    }
    readIgnoreFile(directory);
    walk(directory, layout.directory(), "", 0);
    loaded = load();
    judged = judge();
    steps.forEach(Runnable::run);
    claims.replaceAll((k, v) -> List.copyOf(v));
    return new Result(DirectoryState.PRESENT, List.copyOf(entries), List.copyOf(diagnostics),
        Collections.unmodifiableMap(claims), ignore, Set.copyOf(ignoredKeys));
  }

  /**
   * Reads the ignore file's patterns. One that exists but cannot be read (a link, a submodule, a
   * folder, over the size limit) fails the read: what it ignores would otherwise be in scope, and
   * its copies on the other side could be deleted.
   */
  private void readIgnoreFile(ObjectId directory) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, Layout.IGNORE_FILE, directory)) {
      if (walk == null) {
        return;
      }
      int type = walk.getRawMode(0) & FileMode.TYPE_MASK;
      if (type != FileMode.TYPE_FILE) {
        String what = type == FileMode.TYPE_SYMLINK ? "a symbolic link" : type == FileMode.TYPE_GITLINK ? "a submodule"
            : type == FileMode.TYPE_TREE ? "a folder" : "not a file";
        throw unusableIgnoreFile("is " + what + ", which Driftless never follows");
      }
      ObjectId blob = walk.getObjectId(0);
      if (reader.getObjectSize(blob, Constants.OBJ_BLOB) > maxBytes) {
        throw unusableIgnoreFile("is larger than the size limit of " + maxBytes + " bytes (maxFileBytes)");
      }
      ignore = IgnoreRules.parse(reader.open(blob, Constants.OBJ_BLOB).getBytes());
    }
  }

  private DriftlessException unusableIgnoreFile(String why) {
    return new DriftlessException(layout.ignoreFile() + " " + why + ": the paths it ignores cannot be told, so nothing"
        + " is planned from this repository; make it a regular file within the limit");
  }

  private void walk(ObjectId tree, String folder, String relativeFolder, int depth) throws IOException {
    CanonicalTreeParser parser = new CanonicalTreeParser();
    parser.reset(reader, tree);
    for (; !parser.eof(); parser.next(1)) {
      byte[] raw = new byte[parser.getNameLength()];
      parser.getName(raw, 0);
      Optional<String> name = utf8(raw);
      String shown = name.orElseGet(() -> escaped(raw));
      String path = join(folder, shown);
      String relative = join(relativeFolder, shown);
      Optional<String> unsafe = unsafeName(name);
      int type = parser.getEntryRawMode() & FileMode.TYPE_MASK;
      ObjectId id = parser.getEntryObjectId();
      if (type == FileMode.TYPE_TREE) {
        if (unsafe.isEmpty() && ignore.ignoresFolder(relative)) {
          continue;
        }
        Set<Area> areas = layout.areasUnder(path);
        if (areas.stream().noneMatch(a -> a.mayMeet(scope))) {
          continue;
        }
        if (unsafe.isPresent() || depth >= MAX_DEPTH) {
          String why = unsafe.isPresent() ? "is a folder whose name " + unsafe.get()
              : "is a folder nested deeper than " + MAX_DEPTH + " folders, the limit; what it holds is not read";
          Set<Area> parent = layout.areasUnder(folder);
          steps.add(() -> refuse(path, why, areas, parent));
          continue;
        }
        walk(id, path, relative, depth + 1);
      } else if (type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK || type == FileMode.TYPE_GITLINK) {
        Optional<Location> location = layout.locate(path);
        if (unsafe.isEmpty() && ignore.ignoresFile(relative)) {
          location.flatMap(Location::key).ifPresent(ignoredKeys::add);
          continue;
        }
        if (type == FileMode.TYPE_FILE && unsafe.isEmpty()) {
          if (location.isPresent()) {
            readFile(path, location.get(), id);
            continue;
          }
          Set<Area> hidden = layout.areasOfNamedFolder(path);
          if (!hidden.isEmpty()) {
            steps.add(() -> refuse(path, "is a file where the layout reads a folder", hidden, Set.of()));
          }
          continue;
        }
        String why = type == FileMode.TYPE_SYMLINK ? "is a symbolic link, which Driftless never follows"
            : type == FileMode.TYPE_GITLINK ? "is a submodule, which Driftless never follows"
            : "is a file whose name " + unsafe.orElseThrow();
        Set<Area> asFolder = layout.areasUnder(path);
        Set<Area> parent = layout.areasUnder(folder);
        steps.add(() -> refuse(path, why, location, asFolder, parent));
      }
    }
  }

  /** A file the layout has a key for: read it (later, see {@link #load()}) when it is in scope. */
  private void readFile(String path, Location location, ObjectId blob) {
    if (!scope.covers(location.kind(), location.namespace())) {
      return;
    }
    if (!location.hasValidNamespace()) {
      steps.add(() -> diagnostics.add(warning("is not read: its folder does not make a valid namespace ("
          + ResourceKey.namespaceProblem(location.namespace()).orElseThrow() + ")", path)));
      return;
    }
    int index = files.size();
    files.add(new FileAt(path, location, blob));
    steps.add(() -> settle(files.get(index), loaded.get(index), judged.get(index)));
  }

  /**
   * Reads every file's bytes, within the size limit, and fingerprints them: on several threads when
   * there are many files, each reading a run of neighbouring files (which tend to share delta bases
   * in a pack) with a reader of its own.
   */
  private List<Loaded> load() throws IOException {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size() / FILES_PER_THREAD));
    Loaded[] out = new Loaded[files.size()];
    if (threads == 1) {
      load(reader, 0, out.length, out);
      return Arrays.asList(out);
    }
    int run = (out.length + threads - 1) / threads;
    try {
      IntStream.range(0, threads).parallel().forEach(t -> {
        try (ObjectReader own = reader.newReader()) {
          load(own, t * run, Math.min(out.length, (t + 1) * run), out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return Arrays.asList(out);
  }

  private void load(ObjectReader from, int start, int end, Loaded[] out) throws IOException {
    for (int i = start; i < end; i++) {
      ObjectId blob = files.get(i).blob();
      long size = from.getObjectSize(blob, Constants.OBJ_BLOB);
      if (size > maxBytes) {
        out[i] = new Loaded(size, Optional.empty());
        continue;
      }
      if (held.addAndGet(size) > maxReadBytes) {
        throw new DriftlessException("the files in scope in the repository hold more than " + maxReadBytes
            + " bytes together, the limit for one read (maxReadBytes): nothing is planned from it");
      }
      Content content = Content.of(from.open(blob, Constants.OBJ_BLOB).getCachedBytes());
      content.fingerprint(); // computed here, on this thread, rather than later on one
      out[i] = new Loaded(size, Optional.of(content));
    }
  }

  /** The verdict on each YAML file that was read, index for index with {@link #files}. */
  private List<Optional<BlobVerdicts.Verdict>> judge() {
    List<BlobVerdicts.Pending> pending = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileAt file = files.get(i);
      if (file.location().kind().isYaml() && loaded.get(i).content().isPresent()) {
        pending.add(new BlobVerdicts.Pending(file.blob(), file.location().kind(), loaded.get(i).content().get()));
        at.add(i);
      }
    }
    List<BlobVerdicts.Verdict> verdictList = verdicts.verdicts(pending);
    List<Optional<BlobVerdicts.Verdict>> out = new ArrayList<>(Collections.nCopies(files.size(), Optional.empty()));
    for (int j = 0; j < at.size(); j++) {
      out.set(at.get(j), Optional.of(verdictList.get(j)));
    }
    return out;
  }

  /** What a file read makes: an entry, or an unreadable one with its reason. */
  private void settle(FileAt file, Loaded read, Optional<BlobVerdicts.Verdict> verdict) {
    String path = file.path();
    Location location = file.location();
    if (read.content().isEmpty()) {
      unreadable(path, location, location.key().map(ResourceKey::name), SnapshotEntry.Failure.UNREADABLE,
          "is " + read.size() + " bytes, more than the size limit of " + maxBytes + " bytes (maxFileBytes)",
          OptionalInt.empty());
      return;
    }
    Content content = read.content().get();
    if (verdict.isPresent()) {
      readYaml(path, location, file.blob(), content, verdict.get());
      return;
    }
    Optional<ResourceKey> key = location.key();
    if (key.isEmpty()) {
      unreadable(path, location, Optional.empty(), SnapshotEntry.Failure.UNREADABLE,
          "cannot be a " + location.kind().label() + ": " + location.problem().orElseThrow(), OptionalInt.empty());
      return;
    }
    present(path, new Resource(key.get(), content, Optional.of(file.blob().name()), Optional.of(path)));
  }

  private void readYaml(String path, Location location, ObjectId blob, Content content, BlobVerdicts.Verdict verdict) {
    ResourceKind kind = location.kind();
    if (verdict instanceof BlobVerdicts.Invalid invalid) {
      // The reason says what is wrong; whoever reports it says "is not a valid <kind>" once.
      unreadable(path, location, location.key().map(ResourceKey::name), SnapshotEntry.Failure.INVALID_SYNTAX,
          invalid.message(), invalid.line());
      return;
    }
    BlobVerdicts.Valid doc = (BlobVerdicts.Valid) verdict;
    String id = doc.id().orElse(location.name());
    Optional<String> idProblem = ResourceKey.problem(kind, location.namespace(), id);
    if (idProblem.isPresent()) {
      unreadable(path, location, location.key().map(ResourceKey::name), SnapshotEntry.Failure.INVALID_SYNTAX,
          idProblem.get(), OptionalInt.empty());
      return;
    }
    ResourceKey key = new ResourceKey(kind, location.namespace(), id);
    if (!id.equals(location.name())) {
      diagnostics.add(warning("declares id '" + id + "' but its file is named '" + fileName(path) + "': read as "
          + key.address() + ". Rename the file to match the id.", path).forKey(key));
    }
    Optional<String> declared = doc.namespace();
    if (kind.isNamespaced() && declared.isPresent() && !declared.get().equals(location.namespace())) {
      diagnostics.add(warning("declares namespace '" + declared.get() + "' but lies in the folder of namespace '"
          + location.namespace() + "': read as " + key.address() + "; its namespace line is rewritten to '"
          + location.namespace() + "' when it is copied to Kestra", path).forKey(key));
    }
    present(path, new Resource(key, content, Optional.of(blob.name()), Optional.of(path)));
  }

  private void present(String path, Resource resource) {
    entries.add(SnapshotEntry.present(resource));
    claims.computeIfAbsent(resource.key(), k -> new ArrayList<>(1))
        .add(new Claim(path, Optional.of(resource.fingerprint()), Optional.empty()));
  }

  private void unreadable(String path, Location location, Optional<String> name, SnapshotEntry.Failure failure,
      String reason, OptionalInt line) {
    SnapshotEntry.Unreadable entry = new SnapshotEntry.Unreadable(location.kind(), location.namespace(), name, failure,
        reason, Optional.of(path), line);
    entries.add(entry);
    entry.key().ifPresent(key -> claims.computeIfAbsent(key, k -> new ArrayList<>(1))
        .add(new Claim(path, Optional.empty(), Optional.of(reason))));
    if (failure == SnapshotEntry.Failure.UNREADABLE) {
      Diagnostic d = warning(reason + "; it is not read, and nothing of its kind is deleted in its namespace", path);
      diagnostics.add(entry.key().map(d::forKey).orElse(d));
    }
  }

  /**
   * A link, a submodule or an unsafe name: never read. Its place in the layout is its own location
   * when it has one, else what a folder at its path would hold, else what its parent folder holds.
   */
  private void refuse(String path, String why, Optional<Location> location, Set<Area> asFolder, Set<Area> parent) {
    if (location.isPresent() && location.get().hasValidNamespace()) {
      Location at = location.get();
      if (scope.covers(at.kind(), at.namespace())) {
        unreadable(path, at, at.key().map(ResourceKey::name), SnapshotEntry.Failure.UNREADABLE, why,
            OptionalInt.empty());
      }
      return;
    }
    refuse(path, why, asFolder, parent);
  }

  /** Something at {@code path} that may hide resources of these areas (or, if none is valid, the parent's). */
  private void refuse(String path, String why, Set<Area> areas, Set<Area> parent) {
    List<Area> valid = valid(areas);
    if (valid.isEmpty()) {
      valid = valid(parent);
    }
    boolean blocking = false;
    for (Area area : valid) {
      if (scope.covers(area.kind(), area.namespace())) {
        blocking = true;
        entries.add(new SnapshotEntry.Unreadable(area.kind(), area.namespace(), Optional.empty(),
            SnapshotEntry.Failure.UNREADABLE, why, Optional.of(path), OptionalInt.empty()));
      }
    }
    diagnostics.add(warning(why + (blocking ? "; it is not read, and nothing of its kind is deleted in its namespace"
        : "; it is not read"), path));
  }

  private static List<Area> valid(Set<Area> areas) {
    List<Area> out = new ArrayList<>();
    for (Area area : areas) {
      if (new Location(area.kind(), area.namespace(), "").hasValidNamespace()) {
        out.add(area);
      }
    }
    out.sort(Comparator.comparing(Area::kind).thenComparing(Area::namespace));
    return out;
  }

  private Diagnostic warning(String message, String path) {
    return Diagnostic.warning(message).onSide(Side.GIT).inFile(path);
  }

  /**
   * Why a name cannot be read safely, or empty: not UTF-8, or refused by the path rule both sides
   * share ({@link ResourceKey#segmentProblem}: empty, {@code .}, {@code ..}, {@code .git} in any
   * case or with trailing dots or spaces, a {@code /} that only a crafted tree can hold, a backslash,
   * a control character).
   */
  private static Optional<String> unsafeName(Optional<String> name) {
    return name.isEmpty() ? Optional.of("is not valid UTF-8") : ResourceKey.segmentProblem(name.get());
  }

  private static Optional<String> utf8(byte[] raw) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** A name for messages: printable ASCII as is, every other byte as {@code \xNN}. */
  static String escaped(byte[] raw) {
    StringBuilder out = new StringBuilder();
    for (byte b : raw) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02X", c));
      }
    }
    return out.toString();
  }

  private static String join(String folder, String name) {
    return folder.isEmpty() ? name : folder + "/" + name;
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
