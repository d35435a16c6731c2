package dev.driftless.bench.kestra;

import dev.driftless.bench.workload.FlowSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The Kestra Git plugin's request pattern for syncing flows from Git (SyncFlows), as a small
 * client over the same HTTP client the adapter uses, so that both are measured live against the
 * same emulator.
 *
 * <p>The plugin's algorithm (v3.0.0, AbstractSyncTask and SyncFlows over Kestra's Java SDK): export
 * the namespace's flows once ({@code GET /flows/export/by-query}, the namespace as a prefix when
 * child namespaces are included), then, for every flow file in Git, one after the other, its
 * {@code writeResource}: validate the source ({@code POST /flows/validate}), import it
 * ({@code POST /flows/import?failOnError=true}, the source as a one-file multipart upload, which
 * creates or updates), and export that one flow back for its revision
 * ({@code GET /flows/export/by-query}, namespace and id equal). Three serial requests per flow,
 * whether the flow is new, changed or unchanged: the plugin never compares contents before
 * writing. The plugin strips the file's trailing white space before sending it, so Kestra holds each
 * flow without its final newline. Deleting is off by default ({@code delete: false}) and is not part of these runs.
 */
public final class PluginPattern {

  private static final String BOUNDARY = "driftless-bench-3f1c9a";

  private final HttpClient http;
  private final URI api;
  private int requests;

  /** @param api the tenant's API root, such as {@code http://127.0.0.1:8080/api/v1/main} */
  public PluginPattern(URI api) {
    this.api = api;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * Syncs the Git flows into the namespace (and its children), creating the flows Kestra does not
   * have and rewriting the others; returns how many requests it made.
   */
  public int sync(String namespace, List<FlowSource> gitFlows) throws IOException, InterruptedException {
    requests = 0;
    export(filter("namespace", "PREFIX", namespace));
    for (FlowSource flow : gitFlows) {
      String source = sent(flow);
      send(yaml(uri("/flows/validate"), source), 200);
      send(upload(uri("/flows/import?failOnError=true"), flow.id() + ".yaml", source), 200);
      export(filter("namespace", "EQUALS", flow.namespace()) + "&" + filter("id", "EQUALS", flow.id()));
    }
    return requests;
  }

  /** The source as the plugin sends it: the file's text with its trailing white space stripped. */
  public static String sent(FlowSource flow) {
    return flow.yaml().stripTrailing();
  }

  private void export(String query) throws IOException, InterruptedException {
    send(HttpRequest.newBuilder(uri("/flows/export/by-query?" + query)).header("Accept", "application/octet-stream")
        .GET(), 200);
  }

  private static String filter(String field, String op, String value) {
    return URLEncoder.encode("filters[" + field + "][" + op + "]", StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create(api + path);
  }

  private static HttpRequest.Builder yaml(URI uri, String body) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-yaml")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  private static HttpRequest.Builder upload(URI uri, String fileName, String content) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"fileUpload\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content.getBytes(StandardCharsets.UTF_8));
    body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int... expected) throws IOException,
      InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    requests++;
    for (int status : expected) {
      if (response.statusCode() == status) {
        if (response.request().uri().getPath().endsWith("/flows/import") && !response.body().strip().equals("[]")) {
          throw new IOException("the import refused " + response.body());
        }
        return response;
      }
    }
    throw new IOException(response.request().method() + " " + response.uri() + " answered " + response.statusCode()
        + ": " + response.body());
  }
}
