package dev.driftless.bench.kestra;

import dev.driftless.bench.workload.FlowSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kestra Git plugin's request pattern for syncing flows from Git (SyncFlows), as a small
 * client over the same HTTP client the adapter uses, so that both are measured live against the
 * same emulator.
 *
 * <p>The plugin's algorithm (AbstractSyncTask and SyncFlows): list the namespace's flows once,
 * then, for every flow file in Git, one after the other: look the flow up, validate the source,
 * and write it — unconditionally: the plugin never compares contents, it writes every flow and
 * reports {@code UNCHANGED} when the revision did not move. Over the API that is three serial
 * requests per flow: {@code GET /flows/{ns}/{id}?source=true}, {@code POST /flows/validate} and
 * {@code PUT /flows/{ns}/{id}} ({@code POST /flows} for a flow Kestra does not have yet). Deleting
 * is off by default ({@code delete: false}) and is not part of these runs.
 */
public final class PluginPattern {

  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final int PAGE_SIZE = 200;

  private final HttpClient http;
  private final URI api;
  private int requests;

  /** @param api the tenant's API root, such as {@code http://127.0.0.1:8080/api/v1/main} */
  public PluginPattern(URI api) {
    this.api = api;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Syncs the Git flows into the namespace (and its children); returns how many requests it made. */
  public int sync(String namespace, List<FlowSource> gitFlows) throws IOException, InterruptedException {
    requests = 0;
    listNamespace(namespace);
    for (FlowSource flow : gitFlows) {
      String path = "/flows/" + flow.namespace() + "/" + flow.id();
      HttpResponse<String> current = send(HttpRequest.newBuilder(uri(path + "?source=true")).GET(), 200, 404);
      send(yaml(uri("/flows/validate"), "POST", flow.yaml()), 200);
      if (current.statusCode() == 404) {
        send(yaml(uri("/flows"), "POST", flow.yaml()), 200, 201);
      } else {
        send(yaml(uri(path), "PUT", flow.yaml()), 200, 201);
      }
    }
    return requests;
  }

  private void listNamespace(String namespace) throws IOException, InterruptedException {
    int page = 1;
    int seen = 0;
    int total;
    do {
      String query = "/flows/search?page=" + page + "&size=" + PAGE_SIZE + "&sort=id:asc&"
          + URLEncoder.encode("filters[namespace][PREFIX]", StandardCharsets.UTF_8) + "=" + namespace;
      String body = send(HttpRequest.newBuilder(uri(query)).GET(), 200).body();
      Matcher m = TOTAL.matcher(body);
      total = m.find() ? Integer.parseInt(m.group(1)) : 0;
      seen += PAGE_SIZE;
      page++;
    } while (seen < total);
  }

  private URI uri(String path) {
    return URI.create(api + path);
  }

  private static HttpRequest.Builder yaml(URI uri, String method, String body) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-yaml")
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int... expected) throws IOException,
      InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    requests++;
    for (int status : expected) {
      if (response.statusCode() == status) {
        return response;
      }
    }
    throw new IOException(response.request().method() + " " + response.uri() + " answered " + response.statusCode()
        + ": " + response.body());
  }
}
