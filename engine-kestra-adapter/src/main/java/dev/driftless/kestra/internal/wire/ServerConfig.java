package dev.driftless.kestra.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What {@code GET /api/v1/configs} says about the server.
 *
 * @param version the version, such as {@code 1.3.0}
 * @param edition {@code OSS} or {@code EE}
 */
public record ServerConfig(String version, String edition) {

  public ServerConfig {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(edition, "edition");
  }

  public static ServerConfig decode(byte[] body) {
    JsonNode node = Json.parse(body, "GET /api/v1/configs");
    String version = Json.text(node, "version")
        .orElseThrow(() -> new WireException("GET /api/v1/configs: the answer has no 'version'; is this a Kestra server?"));
    return new ServerConfig(version, Json.text(node, "edition").orElse("OSS"));
  }
}
