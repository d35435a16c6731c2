package dev.driftless.kestra.internal.write;

import dev.driftless.kestra.ApiError;
import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.client.ApiResponse;
import dev.driftless.kestra.internal.client.KestraClient;
import dev.driftless.kestra.internal.read.KestraState;
import dev.driftless.kestra.internal.read.ReadContext;
import dev.driftless.kestra.internal.wire.Written;
import dev.driftless.port.WriteResult;
import dev.driftless.resource.ResourceKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the writes of one session share: the client, the server, the state read when the session
 * began (which says whether to create or update, and under which server id), and the namespaces
 * this session created. Thread-safe: writes run concurrently.
 */
final class WriteContext {

  private final ReadContext ctx;
  private final KestraState before;
  private final Map<String, Optional<String>> namespaceFailures = new ConcurrentHashMap<>();

  WriteContext(ReadContext ctx, KestraState before) {
    this.ctx = ctx;
    this.before = before;
  }

  ReadContext read() {
    return ctx;
  }

  KestraClient client() {
    return ctx.client();
  }

  KestraState before() {
    return before;
  }

  /** Whether the server held something under the key when the session began. */
  boolean existed(ResourceKey key) {
    return before.storedFingerprint(key).isPresent();
  }

  /**
   * Makes sure the namespace exists before something is written into it: on Enterprise, where
   * namespaces exist explicitly, a missing one is created (once per session, at write time). On OSS
   * namespaces are implicit and nothing is done.
   *
   * @return why the namespace could not be created, when it could not
   */
  Optional<String> ensureNamespace(String namespace) {
    if (!ctx.server().isEnterprise() || before.namespaceExists(namespace)) {
      return Optional.empty();
    }
    return namespaceFailures.computeIfAbsent(namespace, this::createNamespace);
  }

  private Optional<String> createNamespace(String namespace) {
    ApiCall create = ApiCall.of(Operation.CREATE_NAMESPACE, ApiCall.path("namespaces"), ApiCall.json(Written.namespace(namespace)));
    ApiResponse response = client().send(create);
    if (response.isSuccess() || response.status() == 409 || response.status() == 422) {
      // 409/422: it exists after all (someone created it meanwhile); writing into it is what matters.
      return Optional.empty();
    }
    return Optional.of("namespace " + namespace + " does not exist in Kestra and could not be created: "
        + client().failure(create, response).getMessage());
  }

  /** The failure of a write whose answer was not a success, with the server's message and field paths. */
  WriteResult failed(ResourceKey key, String action, ApiCall call, ApiResponse response) {
    ApiError error = response.error();
    if (error.isRefusal()) {
      return WriteResult.failed(key, "Kestra refused to " + action + " " + key.address() + ": " + error.describe());
    }
    if (response.status() == 404 && call.method().equals("POST")) {
      return WriteResult.failed(key, ctx.server().describeShort() + " has no " + call.method() + " "
          + client().fullPath(call) + " (404" + error.edition().map(e -> ", edition " + e).orElse("")
          + "): this edition or version cannot " + action + " " + key.kind().label() + "s");
    }
    if (response.status() == 405) {
      return WriteResult.failed(key, ctx.server().describeShort() + " does not allow " + call.method() + " "
          + client().fullPath(call) + " (405): this edition or version cannot " + action + " " + key.kind().label()
          + "s");
    }
    return WriteResult.failed(key, "could not " + action + " " + key.address() + ": "
        + client().failure(call, response).getMessage());
  }
}
