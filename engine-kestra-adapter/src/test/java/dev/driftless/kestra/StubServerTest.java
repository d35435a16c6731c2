package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
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
    byte[] export = zip(Map.of("../escape.txt", "x", "/etc/passwd", "x", "ok/file.txt", "fine",
        "_flows/a.yml", "id: a"));
    try (Stub stub = Stub.start(export, false)) {
      try (KestraSide side = KestraSide.open(KestraSettings.builder().url(stub.url()).build())) {
        Snapshot read = side.reader().read(Scope.namespace("dev", EnumSet.of(ResourceKind.NAMESPACE_FILE)));
        assertEquals(Set.of(ResourceKey.namespaceFile("dev", "ok/file.txt")), read.index().keySet());
        List<SnapshotEntry.Unreadable> unreadable = read.entries().stream().flatMap(e -> e.unreadable().stream()).toList();
        assertEquals(2, unreadable.size(), read.entries().toString());
        assertTrue(unreadable.stream().allMatch(u -> u.namespace().equals("dev") && u.key().isEmpty()));
        List<String> messages = read.diagnostics().stream().map(Diagnostic::message).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("'../escape.txt' has a '..' segment")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("'/etc/passwd' is absolute")), messages.toString());
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
