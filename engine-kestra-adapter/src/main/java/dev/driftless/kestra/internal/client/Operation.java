package dev.driftless.kestra.internal.client;

import java.util.Locale;
import java.util.Optional;

/**
 * Every call of Kestra's API the adapter makes, with the headers that call must carry. Kestra's web
 * framework chooses a route by {@code Accept} as well as by path: a JSON {@code Accept} on
 * {@code GET /flows/export/by-query} is taken by {@code GET /flows/{namespace}/{id}} and answers
 * 404. So each call sends exactly the {@code Accept} and {@code Content-Type} that Kestra's official
 * Java SDK ({@code io.kestra:kestra-api-client}, generated from Kestra's OpenAPI description) sends
 * for the same operation, named here by its SDK method; a test holds this table to the SDK's.
 *
 * @see <a href="https://kestra.io/docs/api-reference">Kestra's API reference</a>
 */
public enum Operation {
  /** {@code GET /api/v1/configs}, outside any tenant: the version and edition. */
  CONFIGS("configs", "GET", "/api/v1/configs", Media.JSON, Media.NONE),

  SEARCH_FLOWS("FlowsApi.searchFlows", "GET", "/flows/search", Media.JSON, Media.NONE),
  EXPORT_FLOWS_BY_QUERY("FlowsApi.exportFlowsByQuery", "GET", "/flows/export/by-query", Media.OCTET_STREAM,
      Media.NONE),
  FLOW("FlowsApi.flow", "GET", "/flows/{namespace}/{id}", Media.JSON, Media.NONE),
  CREATE_FLOW("FlowsApi.createFlow", "POST", "/flows", Media.JSON, Media.YAML),
  UPDATE_FLOW("FlowsApi.updateFlow", "PUT", "/flows/{namespace}/{id}", Media.JSON, Media.YAML),
  DELETE_FLOW("FlowsApi.deleteFlow", "DELETE", "/flows/{namespace}/{id}", Media.NONE, Media.NONE),
  VALIDATE_FLOWS("FlowsApi.validateFlows", "POST", "/flows/validate", Media.JSON, Media.YAML),

  SEARCH_NAMESPACES("NamespacesApi.searchNamespaces", "GET", "/namespaces/search", Media.JSON, Media.NONE),
  CREATE_NAMESPACE("NamespacesApi.createNamespace", "POST", "/namespaces", Media.JSON, Media.JSON_BODY),

  EXPORT_NAMESPACE_FILES("FilesApi.exportNamespaceFiles", "GET", "/namespaces/{namespace}/files/export",
      Media.OCTET_STREAM, Media.NONE),
  CREATE_NAMESPACE_FILE("FilesApi.createNamespaceFile", "POST", "/namespaces/{namespace}/files", Media.NONE,
      Media.MULTIPART),
  CREATE_NAMESPACE_DIRECTORY("FilesApi.createNamespaceDirectory", "POST", "/namespaces/{namespace}/files/directory",
      Media.NONE, Media.NONE),
  DELETE_NAMESPACE_FILE("FilesApi.deleteFileDirectory", "DELETE", "/namespaces/{namespace}/files", Media.NONE,
      Media.NONE),

  SEARCH_DASHBOARDS("DashboardsApi.searchDashboards", "GET", "/dashboards", Media.JSON, Media.NONE),
  DASHBOARD("DashboardsApi.dashboard", "GET", "/dashboards/{id}", Media.JSON, Media.NONE),
  CREATE_DASHBOARD("DashboardsApi.createDashboard", "POST", "/dashboards", Media.JSON, Media.YAML),
  UPDATE_DASHBOARD("DashboardsApi.updateDashboard", "PUT", "/dashboards/{id}", Media.JSON, Media.YAML),
  DELETE_DASHBOARD("DashboardsApi.deleteDashboard", "DELETE", "/dashboards/{id}", Media.NONE, Media.NONE),

  SEARCH_APPS("AppsApi.searchApps", "GET", "/apps/search", Media.JSON, Media.NONE),
  EXPORT_APPS("AppsApi.bulkExportApps", "POST", "/apps/export", Media.OCTET_STREAM, Media.JSON_BODY),
  CREATE_APP("AppsApi.createApp", "POST", "/apps", Media.JSON, Media.YAML),
  UPDATE_APP("AppsApi.updateApp", "PUT", "/apps/{uid}", Media.JSON, Media.YAML),
  DELETE_APP("AppsApi.deleteApp", "DELETE", "/apps/{uid}", Media.JSON, Media.NONE),

  SEARCH_TESTS("TestSuitesApi.searchTestSuites", "GET", "/tests/search", Media.JSON, Media.NONE),
  TEST("TestSuitesApi.testSuite", "GET", "/tests/{namespace}/{id}", Media.JSON, Media.NONE),
  CREATE_TEST("TestSuitesApi.createTestSuite", "POST", "/tests", Media.JSON, Media.YAML),
  UPDATE_TEST("TestSuitesApi.updateTestSuite", "PUT", "/tests/{namespace}/{id}", Media.JSON, Media.YAML),
  DELETE_TEST("TestSuitesApi.deleteTestSuite", "DELETE", "/tests/{namespace}/{id}", Media.JSON, Media.NONE),

  EXECUTION("ExecutionsApi.execution", "GET", "/executions/{executionId}", Media.JSON, Media.NONE),
  DOWNLOAD_EXECUTION_FILE("ExecutionsApi.downloadFileFromExecution", "GET", "/executions/{executionId}/file",
      Media.OCTET_STREAM, Media.NONE);

  /** The header values used above. */
  public static final class Media {
    public static final String NONE = "";
    public static final String JSON = "application/json";
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String YAML = "application/x-yaml; charset=UTF-8";
    public static final String JSON_BODY = "application/json; charset=UTF-8";
    /** A multipart body; the boundary is the body's own. */
    public static final String MULTIPART = "multipart/form-data";

    private Media() {}
  }

  private final String sdkName;
  private final String method;
  private final String template;
  private final String accept;
  private final String contentType;

  Operation(String sdkName, String method, String template, String accept, String contentType) {
    this.sdkName = sdkName;
    this.method = method;
    this.template = template;
    this.accept = accept;
    this.contentType = contentType;
  }

  /** The SDK method that makes the same call, such as {@code FlowsApi.exportFlowsByQuery}. */
  public String sdkName() {
    return sdkName;
  }

  public String method() {
    return method;
  }

  /** The path below the API base (below the server root for {@link #CONFIGS}), with its variables. */
  public String template() {
    return template;
  }

  /** Whether the path is below the server root rather than the API base. */
  public boolean root() {
    return this == CONFIGS;
  }

  /** The {@code Accept} header to send; empty for none. */
  public Optional<String> accept() {
    return accept.isEmpty() ? Optional.empty() : Optional.of(accept);
  }

  /** The body's {@code Content-Type}, or its media type for multipart; empty when the call has no body. */
  public Optional<String> contentType() {
    return contentType.isEmpty() ? Optional.empty() : Optional.of(contentType);
  }

  /** Whether sending it twice has the same effect as once, before any call-specific marking. */
  boolean idempotentByMethod() {
    return !method.equals("POST");
  }

  /** The media type of a header value, lower case, without parameters. */
  public static String mediaType(String header) {
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
