package dev.driftless.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One API request as a handler sees it: the decoded path variables and query, the body, the tenant
 * and the tenant's data. Handlers run while holding the store's lock, so they may read and write
 * {@link #data()} freely.
 */
public final class Call {

  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Headers headers;
  private final byte[] body;
  private final Map<String, String> params;
  private final String tenant;
  private final EmulatorSettings config;
  private final Store store;

  public Call(String method, String path, Map<String, List<String>> query, Headers headers, byte[] body,
        Map<String, String> params, String tenant, EmulatorSettings config, Store store) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.params = params;
    this.tenant = tenant;
    this.config = config;
    this.store = store;
  }

  public String method() {
    return method;
  }

  /** The full request path, for messages. */
  public String path() {
    return path;
  }

  public String tenant() {
    return tenant;
  }

  public EmulatorSettings config() {
    return config;
  }

  public KestraVersion version() {
    return config.version();
  }

  /** The plugin types the server knows. */
  public PluginCatalogue catalogue() {
    return config.catalogue();
  }

  public Store store() {
    return store;
  }

  /** The data of this call's tenant. */
  public TenantStore data() {
    return store.tenant(tenant);
  }

  /** A path variable of the matched route. */
  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no variable " + name);
    }
    return value;
  }

  public Map<String, List<String>> queryParams() {
    return query;
  }

  /** The first value of a query parameter. */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** All values of a query parameter (repeated, or comma-separated in one). */
  public List<String> queryAll(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** A mandatory query parameter: missing is a 400, as for Micronaut's unsatisfied {@code @QueryValue}. */
  public String requiredQuery(String name) {
    return query(name).orElseThrow(() -> ApiException.badRequest(
        "Required QueryValue [" + name + "] not specified"));
  }

  public boolean flag(String name, boolean fallback) {
    Optional<String> value = query(name);
    if (value.isEmpty() || value.get().isEmpty()) {
      return fallback;
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw ApiException.badRequest("Failed to convert argument [" + name + "] for value [" + value.get() + "]");
    }
    return Boolean.parseBoolean(v);
  }

  public int intQuery(String name, int fallback) {
    Optional<String> value = query(name);
    if (value.isEmpty() || value.get().isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Failed to convert argument [" + name + "] for value [" + value.get() + "]");
    }
  }

  public Optional<Integer> optionalIntQuery(String name) {
    return query(name).filter(v -> !v.isEmpty()).map(v -> intQuery(name, 0));
  }

  public byte[] body() {
    return body.clone();
  }

  /** The body as text (UTF-8, as Kestra reads a {@code String} body). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    return Json.parseJson(text());
  }

  /** The media type of the body, lower case, without parameters; empty when absent. */
  public String contentType() {
    String value = headers.getFirst("Content-Type");
    if (value == null) {
      return "";
    }
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** The raw Content-Type header, parameters included. */
  public String contentTypeHeader() {
    return Optional.ofNullable(headers.getFirst("Content-Type")).orElse("");
  }

  public boolean isJsonBody() {
    return contentType().equals("application/json");
  }

  public boolean isMultipart() {
    return contentType().startsWith("multipart/");
  }

  /** The multipart parts of the body; a body that is not multipart is a 415. */
  public List<MultipartParser.Part> parts() {
    if (!isMultipart()) {
      throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Content Type [" + contentTypeHeader() + "] not allowed. Allowed types: [multipart/form-data]");
    }
    return MultipartParser.parse(body, contentTypeHeader());
  }

  /** Page and size query parameters, validated like Kestra's {@code @Min(1)}. */
  public Page page() {
    int page = intQuery("page", 1);
    int size = intQuery("size", 10);
    if (page < 1) {
      throw ApiException.violation("page", "must be greater than or equal to 1");
    }
    if (size < 1) {
      throw ApiException.violation("size", "must be greater than or equal to 1");
    }
    return new Page(page, size);
  }

  /** A page request, pages counted from 1. */
  public record Page(int page, int size) {
    public <T> List<T> slice(List<T> all) {
      long from = (long) (page - 1) * size;
      if (from >= all.size()) {
        return List.of();
      }
      return all.subList((int) from, (int) Math.min(all.size(), from + size));
    }
  }
}
