package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.core.plan.Planner;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.fixture.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What neither the emulator nor a healthy server produces, answered by a small loopback server:
 * an export naming paths that escape the namespace, and a storage that wants a file's directory
 * made before the file.
 */
@Timeout(30)
class StubServerTest {

  @Test
  void exportEntriesWithDangerousPaths_areUnreadableEntriesOfTheirNamespace_withADiagnosticEach() throws IOException {
    Map<String, String> dangerous = new java.util.LinkedHashMap<>();
    dangerous.put("../escape.txt", "has a segment that is '..', which steps out of its folder");
    dangerous.put("../.git/config", "has a segment that is '..'");
    dangerous.put(".git/config", "has a segment that is '.git', which names Git's own folder");
    dangerous.put("vendor/.GIT/hooks/post-checkout", "has a segment that is '.GIT'");
    dangerous.put(".git./config", "has a segment that is '.git.'");
    dangerous.put(".git /config", "has a segment that is '.git '");
    dangerous.put("/etc/passwd", "is absolute (starts with '/')");
    dangerous.put("C:/Windows/win.ini", "is absolute (starts with the drive 'C:')");
    dangerous.put("C:\\Windows\\win.ini", "is absolute (starts with the drive 'C:')");
    dangerous.put("a\\b.txt", "has a segment that contains a backslash");
    dangerous.put("a//b.txt", "has a segment that is empty");
    dangerous.put("a/./b.txt", "has a segment that is '.'");
    dangerous.put("tab\there.txt", "has a segment that contains a control character (code 9)");
    dangerous.put("nul\0.txt", "has a segment that contains a control character (code 0)");
    Map<String, String> entries = new java.util.HashMap<>();
    dangerous.keySet().forEach(path -> entries.put(path, "x"));
    entries.put("ok/file.txt", "fine");
    entries.put("_flows/a.yml", "id: a");
    try (Stub stub = Stub.start(zip(entries), false)) {
      try (KestraSide side = KestraSide.open(KestraSettings.builder().url(stub.url()).build())) {
        Snapshot read = side.reader().read(Scope.namespace("dev", EnumSet.of(ResourceKind.NAMESPACE_FILE)));
        assertEquals(Set.of(ResourceKey.namespaceFile("dev", "ok/file.txt")), read.index().keySet());
        List<SnapshotEntry.Unreadable> unreadable = read.entries().stream().flatMap(e -> e.unreadable().stream()).toList();
        assertEquals(dangerous.size(), unreadable.size(), read.entries().toString());
        assertTrue(unreadable.stream().allMatch(u -> u.namespace().equals("dev") && u.key().isEmpty()));
        List<String> messages = read.diagnostics().stream().map(Diagnostic::message).toList();
        dangerous.forEach((path, why) -> assertTrue(messages.stream().anyMatch(m -> m.contains(
            "'" + printable(path) + "' " + why)), path + ": " + messages));

        // Kestra as the source: nothing is written from the bad entries, and nothing of the namespace is deleted.
        Snapshot git = Snapshots.git().namespace("dev").kinds(ResourceKind.NAMESPACE_FILE)
            .file("dev", "ok/file.txt", "fine").file("dev", "old.txt", "x").build();
        Plan plan = Planner.plan(read, git, Policy.builder().sourceOfTruth(Side.KESTRA).guards(Guards.none()).build());
        assertTrue(plan.changes().stream().noneMatch(c -> c.action().isWrite()), plan.changes().toString());
        assertEquals(Reason.INCOMPLETE_SOURCE, plan.change(ResourceKey.namespaceFile("dev", "old.txt")).orElseThrow()
            .reason());
      }
    }
  }

  @Test
  void aStorageThatWantsDirectoriesFirst_getsTheParentMade_thenTheFile() throws IOException {
    try (Stub stub = Stub.start(zip(Map.of()), true);
        KestraSide side = KestraSide.open(KestraSettings.builder().url(stub.url()).build())) {
      Resource file = Resource.of(ResourceKey.namespaceFile("dev", "deep/er/file.txt"), Content.ofText("x\n"));
      try (WriteSession session = side.writer().begin(new WriteIntent("p", Set.of(file.key()), "s", List.of(file)))) {
        WriteResult result = session.write(List.of(new Write.Put(file))).get(0);
        assertTrue(result.succeeded(), result.toString());
      }
      assertEquals(List.of("POST /api/v1/main/namespaces/dev/files?path=%2Fdeep%2Fer%2Ffile.txt 404",
          "POST /api/v1/main/namespaces/dev/files/directory?path=%2Fdeep%2Fer 200",
          "POST /api/v1/main/namespaces/dev/files?path=%2Fdeep%2Fer%2Ffile.txt 200"),
          stub.log.stream().filter(l -> l.startsWith("POST")).toList());
    }
  }

  /** A loopback server answering just what the tests above need, as Kestra OSS 1.3 would. */
  private static final class Stub implements AutoCloseable {
    final HttpServer server;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final byte[] export;
    final boolean directoriesFirst;
    boolean directoryMade;

    private Stub(HttpServer server, byte[] export, boolean directoriesFirst) {
      this.server = server;
      this.export = export;
      this.directoriesFirst = directoriesFirst;
    }

    static Stub start(byte[] export, boolean directoriesFirst) throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      Stub stub = new Stub(server, export, directoriesFirst);
      server.createContext("/", stub::handle);
      server.start();
      return stub;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String method = exchange.getRequestMethod();
      int status;
      byte[] body = new byte[0];
      if (path.equals("/api/v1/configs")) {
        status = 200;
        body = "{\"version\":\"1.3.0\",\"edition\":\"OSS\"}".getBytes(StandardCharsets.UTF_8);
      } else if (path.endsWith("/files/export")) {
        status = 200;
        body = export;
      } else if (path.endsWith("/files/directory") && method.equals("POST")) {
        directoryMade = true;
        status = 200;
      } else if (path.endsWith("/files") && method.equals("POST")) {
        status = directoriesFirst && !directoryMade ? 404 : 200;
      } else {
        status = 404;
      }
      log.add(method + " " + path + (query == null ? "" : "?" + query) + " " + status);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** A path as messages show it: control characters escaped. */
  private static String printable(String raw) {
    StringBuilder out = new StringBuilder();
    raw.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }

  private static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
