package dev.driftless.kestra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Calls an emulator directly, around the adapter: for setting up what its state API cannot (drafts). */
final class RawHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private RawHttp() {}

  static HttpResponse<String> postYaml(URI uri, String body) {
    String basic = Base64.getEncoder().encodeToString((Emulators.USER + ":" + Emulators.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
