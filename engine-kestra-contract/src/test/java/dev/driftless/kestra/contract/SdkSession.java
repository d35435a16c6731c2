package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.driftless.emulator.KestraEmulator;
import dev.driftless.emulator.RecordedRequest;
import io.kestra.sdk.KestraClient;
import io.kestra.sdk.internal.ApiException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One emulated server and the SDK client on it, built the way a user builds it (Basic credentials on
 * OSS, an API token on Enterprise). Every call goes through {@link #call}, {@link #run} or
 * {@link #refused}, which check that the SDK made exactly one request and, for answered calls, add
 * what it sent to the {@link OperationTable}. Files the SDK downloads land in a directory of the
 * session's, removed on {@link #close()}.
 */
final class SdkSession implements AutoCloseable {

  /** An SDK call; the SDK throws only its unchecked {@link ApiException}. */
  @FunctionalInterface
  interface SdkCall<T> {
    T call();
  }

  /** An SDK call without a result. */
  @FunctionalInterface
  interface SdkRun {
    void run();
  }

  private final Server server;
  private final KestraEmulator kestra;
  private final KestraClient sdk;
  private final OperationTable table;
  private final Path files;

  private SdkSession(Server server, KestraEmulator kestra, KestraClient sdk, OperationTable table, Path files) {
    this.server = server;
    this.kestra = kestra;
    this.sdk = sdk;
    this.table = table;
    this.files = files;
  }

  /** A session on a new emulator of {@code server}, recording into {@code table}. */
  static SdkSession start(Server server, OperationTable table) {
    Path files;
    try {
      files = Files.createTempDirectory("sdk-contract-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KestraEmulator kestra = server.start();
    KestraClient.KestraClientBuilder builder = KestraClient.builder().url(kestra.url().toString())
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10));
    KestraClient sdk = (server.isEnterprise() ? builder.tokenAuth(Server.TOKEN)
        : builder.basicAuth(Server.USER, Server.PASSWORD)).build();
    sdk.flows().getApiClient().setTempFolderPath(files.toString());
    return new SdkSession(server, kestra, sdk, table, files);
  }

  /** A session whose recording is not kept. */
  static SdkSession start(Server server) {
    return start(server, new OperationTable());
  }

  Server server() {
    return server;
  }

  KestraEmulator kestra() {
    return kestra;
  }

  KestraClient sdk() {
    return sdk;
  }

  /** The tenant every call names: {@code main} on OSS, another one on Enterprise. */
  String tenant() {
    return server.tenant();
  }

  /**
   * Makes a call that must succeed: one request, answered 2xx, whose body the SDK read into its
   * model. Adds the request to the table under {@code operation}.
   */
  <T> T call(String operation, SdkCall<T> call) {
    int before = kestra.requests().size();
    T result;
    try {
      result = call.call();
    } catch (ApiException e) {
      throw new AssertionError(operation + " on " + server + " failed: HTTP " + e.getCode() + ", body "
          + e.getResponseBody() + ", cause " + e.getCause() + "; requests " + since(before), e);
    }
    RecordedRequest request = single(operation, before);
    assertTrue(request.status() >= 200 && request.status() < 300, operation + ": " + request);
    table.record(new OperationTable.Row(operation, request.method(), template(request), request.accept(),
        OperationTable.mediaType(request.contentType())));
    return result;
  }

  /** {@link #call} for a method without a result. */
  void run(String operation, SdkRun run) {
    call(operation, () -> {
      run.run();
      return null;
    });
  }

  /** Makes a call that must be refused with {@code status}; one request, not added to the table. */
  ApiException refused(String operation, int status, SdkRun run) {
    int before = kestra.requests().size();
    ApiException e = assertThrows(ApiException.class, run::run, operation + " on " + server + " was not refused");
    assertEquals(status, e.getCode(), operation + " on " + server + ": " + e.getResponseBody());
    single(operation, before);
    return e;
  }

  /** A local file to upload, named {@code name} (the SDK sends the local name as the part's file name). */
  File upload(String name, byte[] content) {
    try {
      Path dir = Files.createTempDirectory(files, "upload-");
      return Files.write(dir.resolve(name), content).toFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of a file the SDK downloaded, which is then deleted. */
  static byte[] consume(File downloaded) {
    try {
      byte[] bytes = Files.readAllBytes(downloaded.toPath());
      Files.delete(downloaded.toPath());
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RecordedRequest single(String operation, int before) {
    List<RecordedRequest> made = since(before);
    assertEquals(1, made.size(), operation + " made " + made.size() + " requests: " + made);
    return made.get(0);
  }

  private List<RecordedRequest> since(int before) {
    List<RecordedRequest> all = kestra.requests().all();
    return all.subList(Math.min(before, all.size()), all.size());
  }

  /** The route's template, {@code /api/v1/{tenant}/flows/{namespace}/{id}}; a request no route took fails. */
  private static String template(RecordedRequest request) {
    String route = request.route();
    String template = route.substring(route.indexOf(' ') + 1);
    if (template.equals("<none>")) {
      fail("no route took " + request);
    }
    return template;
  }

  @Override
  public void close() {
    try {
      sdk.flows().getApiClient().getHttpClient().close();
    } catch (IOException e) {
      // the emulator goes away next; nothing depends on a clean close of the pool
    } finally {
      kestra.close();
      deleteRecursively(files);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
