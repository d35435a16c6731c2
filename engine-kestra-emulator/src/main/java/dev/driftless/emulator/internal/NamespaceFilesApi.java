package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftless.emulator.FlowRevision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code /namespaces/{namespace}/files}: Kestra's NamespaceFileController, quirks included. */
public final class NamespaceFilesApi {

  private static final String BASE = "/namespaces/{namespace}/files";
  private static final int MAX_FILE_NAME_LENGTH = 255;

  private NamespaceFilesApi() {
  }

  public static void register(Router router, KestraVersion version) {
    router.add(true, "GET", BASE, NamespaceFilesApi::content).produces(Router.OCTET_STREAM)
        .add(true, "POST", BASE, NamespaceFilesApi::upload).consumes(Router.MULTIPART)
        .add(true, "PUT", BASE, NamespaceFilesApi::move)
        .add(true, "DELETE", BASE, NamespaceFilesApi::delete)
        .add(true, "GET", BASE + "/directory", NamespaceFilesApi::list)
        .add(true, "POST", BASE + "/directory", NamespaceFilesApi::mkdir)
        .add(true, "GET", BASE + "/stats", NamespaceFilesApi::stats)
        .add(true, "GET", BASE + "/export", NamespaceFilesApi::export).produces(Router.OCTET_STREAM)
        .add(true, "GET", BASE + "/search", NamespaceFilesApi::search)
        .add(version.namespaceFileRevisions(), "GET", BASE + "/revisions", NamespaceFilesApi::revisions);
  }

  static Reply content(Call c) {
    String path = normalize(asStored(c, c.requiredQuery("path")));
    NamespaceFiles files = c.data().files(c.param("namespace"));
    Optional<Integer> revision = c.version().namespaceFileRevisions()
        ? c.optionalIntQuery("revision") : Optional.empty();
    Optional<byte[]> content = revision.isPresent() ? files.read(path, revision.get()) : files.read(path);
    return Reply.bytes("application/octet-stream", content.orElseThrow(() -> notFound(c, path)))
        .withHeader("Cache-Control", "no-cache");
  }

  /**
   * Creates or overwrites a file from the multipart part {@code fileContent}. A missing part is a
   * 500 (verified on Kestra). A part whose file name ends in {@code .zip} is unpacked into the
   * namespace root and {@code path} is ignored (verified); entries under {@code _flows/} are
   * imported as flows of this namespace.
   */
  static Reply upload(Call c) {
    String rawPath = c.requiredQuery("path");
    String namespace = c.param("namespace");
    MultipartParser.Part part = MultipartParser.find(c.parts(), "fileContent")
        .orElseThrow(() -> ApiException.internal("Required Part [fileContent] not specified"));
    NamespaceFiles files = c.data().files(namespace);
    if (part.filenameOrEmpty().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      for (Map.Entry<String, byte[]> entry : Zips.read(part.content()).entrySet()) {
        String entryPath = "/" + entry.getKey();
        if (entryPath.matches("/_flows/.*")) {
          if (entryPath.split("/").length != 3) {
            throw ApiException.illegalArgument("Invalid flow file path: " + entryPath);
          }
          String source = new String(entry.getValue(), StandardCharsets.UTF_8)
              .replaceFirst("(?m)^namespace: .*$", "namespace: " + namespace);
          FlowsApi.importFlow(c, source);
        } else {
          files.put(writable(c, entryPath), entry.getValue());
        }
      }
    } else {
      files.put(writable(c, asStored(c, rawPath)), part.content());
    }
    return Reply.empty(200);
  }

  static Reply list(Call c) {
    String path = normalize(c.query("path").orElse("/"));
    NamespaceFiles files = c.data().files(c.param("namespace"));
    if (!path.equals("/") && !files.isDirectory(path)) {
      throw ApiException.notFound("Directory not found: " + path);
    }
    ArrayNode out = Json.array();
    files.children(path).forEach(a -> out.add(attributes(a)));
    return Reply.ok(out);
  }

  static Reply mkdir(Call c) {
    String path = normalize(c.query("path").orElse("/"));
    if (!path.equals("/")) {
      c.data().files(c.param("namespace")).mkdir(path);
    }
    return Reply.empty(200);
  }

  static Reply stats(Call c) {
    String path = normalize(asStored(c, c.query("path").orElse("/")));
    NamespaceFiles.Attributes attributes = c.data().files(c.param("namespace")).attributes(path)
        .orElseThrow(() -> notFound(c, path));
    return Reply.ok(attributes(attributes));
  }

  /**
   * A ZIP of every file, recursively, entries named without the leading slash. Before 0.21 the
   * archive also held the namespace's flows as {@code _flows/<id>.yml}.
   */
  static Reply export(Call c) {
    String namespace = c.param("namespace");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    c.data().existingFiles(namespace).ifPresent(files -> files.live().forEach((p, bytes) -> entries.put(p.substring(1), bytes)));
    if (c.version().flowsInNamespaceExport()) {
      for (FlowRevision flow : c.data().liveFlows()) {
        if (flow.namespace().equals(namespace)) {
          entries.put("_flows/" + flow.id() + ".yml",
              FlowSources.servedSource(flow.source(), c.version()).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return Reply.bytes("application/octet-stream", Zips.write(entries))
        .withHeader("Content-Disposition", "attachment; filename=\"" + namespace + "_files.zip\"")
        .withHeader("Cache-Control", "no-cache");
  }

  static Reply move(Call c) {
    String from = normalize(asStored(c, c.requiredQuery("from")));
    String to = writable(c, asStored(c, c.requiredQuery("to")));
    NamespaceFiles files = c.data().files(c.param("namespace"));
    if (files.isFile(to) || (!to.equals("/") && files.isDirectory(to))) {
      throw ApiException.illegalArgument("File already exists: " + to);
    }
    if (!files.move(from, to)) {
      throw notFound(c, from);
    }
    return Reply.empty(200);
  }

  static Reply delete(Call c) {
    String raw = asStored(c, c.requiredQuery("path"));
    String path = normalize(raw.startsWith("/") ? raw : "/" + raw);
    c.data().files(c.param("namespace")).delete(path);
    return Reply.empty(200);
  }

  static Reply revisions(Call c) {
    String path = normalize(c.query("path").orElse("/"));
    List<Integer> revisions = c.data().files(c.param("namespace")).revisions(path);
    if (revisions.isEmpty()) {
      throw notFound(c, path);
    }
    ArrayNode out = Json.array();
    revisions.forEach(r -> out.addObject().put("revision", r));
    return Reply.ok(out);
  }

  static Reply search(Call c) {
    String q = c.requiredQuery("q");
    ArrayNode out = Json.array();
    c.data().existingFiles(c.param("namespace")).ifPresent(files -> files.live().keySet().stream()
        .filter(p -> p.contains(q)).forEach(p -> out.add(p.substring(1))));
    return Reply.ok(out);
  }

  // ---- paths

  /**
   * A namespace file path normalised to {@code /a/b}: leading slash added, doubled and trailing
   * slashes and {@code .} segments dropped. {@code ..} and the reserved {@code /_flows} tree are
   * refused with 422, like Kestra's traversal and forbidden-path guards.
   */
  static String normalize(String raw) {
    List<String> segments = new ArrayList<>();
    for (String s : raw.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        throw ApiException.illegalArgument("File path must not contain '..': " + raw);
      }
      if (s.indexOf('\0') >= 0) {
        throw ApiException.illegalArgument("File path must not contain NUL: " + raw);
      }
      segments.add(s);
    }
    String path = "/" + String.join("/", segments);
    if (path.equals("/_flows") || path.startsWith("/_flows/")) {
      throw ApiException.illegalArgument("Forbidden path: " + path);
    }
    return path;
  }

  /** A path to write to: normalised, not the root, and (new versions) no segment over 255 characters. */
  private static String writable(Call c, String raw) {
    String path = normalize(raw);
    if (path.equals("/")) {
      throw ApiException.illegalArgument("Invalid file path: " + raw);
    }
    if (c.version().fileNameLengthLimit()) {
      for (String segment : path.substring(1).split("/")) {
        if (segment.length() > MAX_FILE_NAME_LENGTH) {
          throw ApiException.illegalArgument(
              "A file or folder name exceeds the maximum length of " + MAX_FILE_NAME_LENGTH + " characters.");
        }
      }
    }
    return path;
  }

  private static ObjectNode attributes(NamespaceFiles.Attributes a) {
    ObjectNode node = Json.object();
    node.put("fileName", a.fileName());
    node.put("lastModifiedTime", a.modified().toEpochMilli());
    node.put("creationTime", a.created().toEpochMilli());
    node.put("type", a.directory() ? "Directory" : "File");
    node.put("size", a.size());
    return node;
  }

  /** A missing file, as Kestra's local storage reports it: the path in storage (seen on 0.20.7). */
  private static ApiException notFound(Call c, String path) {
    return ApiException.notFound(storagePath(c, path) + " (No such file or directory)");
  }

  private static String storagePath(Call c, String path) {
    return "/app/storage/" + c.param("namespace").replace('.', '/') + "/_files" + path;
  }

  /**
   * The path a server of this version stores for the one sent. Kestra 0.20 and 0.21 pass it
   * through form encoding and a URI parser (seen on 0.20.7): a space becomes {@code +}, the name is
   * cut at {@code #}, and a {@code %} is refused (422 "Malformed escape pair"); reads and deletes
   * of the name as sent reach the altered one. Later versions take the path as sent.
   */
  static String asStored(Call c, String raw) {
    if (!c.version().manglesFileNames()) {
      return raw;
    }
    int percent = raw.indexOf('%');
    if (percent >= 0) {
      String uri = "kestra:///" + c.param("namespace").replace('.', '/') + "/_files" + (raw.startsWith("/") ? "" : "/")
          + raw;
      throw ApiException.illegalArgument("Malformed escape pair at index " + uri.indexOf('%') + ": " + uri);
    }
    int hash = raw.indexOf('#');
    return (hash < 0 ? raw : raw.substring(0, hash)).replace(' ', '+');
  }
}
