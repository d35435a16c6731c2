package dev.driftless.kestra.internal.write;

import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.client.ApiResponse;
import dev.driftless.kestra.internal.client.Multipart;
import dev.driftless.kestra.internal.wire.Listings;
import dev.driftless.kestra.internal.wire.Written;
import dev.driftless.kestra.internal.client.RetryPolicy;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.port.Write;
import dev.driftless.port.WriteResult;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import java.util.Optional;
import java.util.function.Function;

/**
 * Performs one write with one call (a few quirks aside, named where they are): sources go as
 * {@code application/x-yaml} with their exact bytes, so that Kestra stores them byte for byte;
 * an update is a {@code PUT} (which never creates), a create a {@code POST}, a removal a
 * {@code DELETE}. An expected refusal (422, 409) is a failed result with the server's message and
 * field paths; so is any other failure: one write's trouble never hides the others' results.
 */
final class Writes {

  /** The part name Kestra's upload takes. */
  static final String FILE_PART = "fileContent";
  /**
   * The part's file name. Neutral on purpose: Kestra unpacks a part whose file name ends in
   * {@code .zip} into the namespace root and ignores the path.
   */
  static final String NEUTRAL_FILENAME = "content";

  private final WriteContext w;

  Writes(WriteContext w) {
    this.w = w;
  }

  WriteResult perform(Write write) {
    ResourceKey key = write.key();
    try {
      Optional<Resource> put = write.written();
      if (put.isPresent()) {
        Optional<String> namespaceProblem = key.isGlobal() ? Optional.empty() : w.ensureNamespace(key.namespace());
        if (namespaceProblem.isPresent()) {
          return WriteResult.failed(key, namespaceProblem.get());
        }
        return put(put.get());
      }
      return delete(key);
    } catch (DriftlessException e) {
      return WriteResult.failed(key, e.getMessage());
    } catch (RuntimeException e) {
      return WriteResult.failed(key, "unexpected failure while writing " + key.address() + " to Kestra: " + e);
    }
  }

  private WriteResult put(Resource resource) {
    ResourceKey key = resource.key();
    byte[] bytes = resource.content().bytes();
    return switch (key.kind()) {
      case FLOW -> putFlow(key, bytes);
      case NAMESPACE_FILE -> putFile(key, bytes);
      case DASHBOARD -> putDashboard(key, bytes);
      case APP -> putApp(key, bytes);
      case TEST -> putTest(key, bytes);
      case EXECUTION_FILE -> WriteResult.failed(key, "execution files are read-only on Kestra");
    };
  }

  private WriteResult delete(ResourceKey key) {
    return switch (key.kind()) {
      case FLOW -> remove(key, ApiCall.of(Operation.DELETE_FLOW, ApiCall.path("flows", key.namespace(), key.name())));
      case NAMESPACE_FILE -> remove(key, ApiCall.of(Operation.DELETE_NAMESPACE_FILE, ApiCall.path("namespaces", key.namespace(), "files"))
          .query("path", "/" + key.name()));
      case DASHBOARD -> remove(key, ApiCall.of(Operation.DELETE_DASHBOARD, ApiCall.path("dashboards", dashboardId(key))));
      case APP -> Optional.ofNullable(w.before().appUids().get(key))
          .map(uid -> remove(key, ApiCall.of(Operation.DELETE_APP, ApiCall.path("apps", uid))))
          .orElseGet(() -> WriteResult.written(key));
      case TEST -> remove(key, ApiCall.of(Operation.DELETE_TEST, ApiCall.path("tests", key.namespace(), key.name())));
      case EXECUTION_FILE -> WriteResult.failed(key, "execution files are read-only on Kestra");
    };
  }

  /** A removal; already gone (404) is what was wanted. */
  private WriteResult remove(ResourceKey key, ApiCall call) {
    ApiResponse response = w.client().send(call);
    if (response.isSuccess() || response.status() == 404) {
      return WriteResult.written(key);
    }
    return w.failed(key, "delete", call, response);
  }

  // ---- flows

  private WriteResult putFlow(ResourceKey key, byte[] bytes) {
    if (w.before().drafts().contains(key) && !w.read().settings().includeDrafts()) {
      return WriteResult.failed(key, key.address() + " exists in Kestra as a draft, which this sync leaves out:"
          + " publish or delete the draft in Kestra, or include drafts");
    }
    String path = ApiCall.path("flows", key.namespace(), key.name());
    if (w.existed(key)) {
      ApiCall update = ApiCall.of(Operation.UPDATE_FLOW, path, ApiCall.yaml(bytes));
      if (w.before().drafts().contains(key)) {
        update = update.query("draft", "true");
      }
      return update(key, update, Written::revision);
    }
    ApiCall create = ApiCall.of(Operation.CREATE_FLOW, ApiCall.path("flows"), ApiCall.yaml(bytes));
    ApiCall check = ApiCall.of(Operation.FLOW, path).query("source", "true");
    return Creates.create(w, key, bytes, create, check, Written::source, b -> Written.revision(b).map(String::valueOf));
  }

  /** An update: {@code PUT} never creates, so a resource deleted meanwhile is a failure to plan again. */
  private WriteResult update(ResourceKey key, ApiCall call, Function<byte[], Optional<Integer>> rev) {
    ApiResponse response = w.client().send(call);
    if (response.isSuccess()) {
      return rev.apply(response.body()).map(r -> WriteResult.written(key, String.valueOf(r)))
          .orElseGet(() -> WriteResult.written(key));
    }
    if (response.status() == 404) {
      return WriteResult.failed(key, key.address() + " no longer exists in Kestra (it was removed after this apply"
          + " began, and an update never creates); plan again");
    }
    return w.failed(key, "update", call, response);
  }

  // ---- namespace files

  private WriteResult putFile(ResourceKey key, byte[] bytes) {
    String base = ApiCall.path("namespaces", key.namespace(), "files");
    ApiCall upload = ApiCall.of(Operation.CREATE_NAMESPACE_FILE, base, Multipart.file(FILE_PART, NEUTRAL_FILENAME, bytes))
        .query("path", "/" + key.name()).asIdempotent();
    ApiResponse response = w.client().send(upload);
    if (response.status() == 404 && key.name().contains("/")) {
      // A storage that wants its directories made first: make the parent, then upload again.
      String parent = "/" + key.name().substring(0, key.name().lastIndexOf('/'));
      ApiCall mkdir = ApiCall.of(Operation.CREATE_NAMESPACE_DIRECTORY, base + "/directory")
          .query("path", parent).asIdempotent();
      ApiResponse made = w.client().send(mkdir);
      if (!made.isSuccess()) {
        return w.failed(key, "create the directory " + parent + " for", mkdir, made);
      }
      response = w.client().send(upload);
    }
    if (response.isSuccess()) {
      return WriteResult.written(key);
    }
    return w.failed(key, "upload", upload, response);
  }

  // ---- dashboards

  private String dashboardId(ResourceKey key) {
    return w.before().dashboardIds().getOrDefault(key, key.name());
  }

  private WriteResult putDashboard(ResourceKey key, byte[] bytes) {
    Optional<String> serverId = Optional.ofNullable(w.before().dashboardIds().get(key));
    if (serverId.isPresent()) {
      return update(key, ApiCall.of(Operation.UPDATE_DASHBOARD, ApiCall.path("dashboards", serverId.get()),
          ApiCall.yaml(bytes)), b -> Optional.empty());
    }
    if (!w.read().server().assignsDashboardIds()) {
      return Creates.create(w, key, bytes,
          ApiCall.of(Operation.CREATE_DASHBOARD, ApiCall.path("dashboards"), ApiCall.yaml(bytes)),
          ApiCall.of(Operation.DASHBOARD, ApiCall.path("dashboards", key.name())), b -> Listings.dashboard(b).source(), b -> Optional.empty());
    }
    // Before 2.0 the server makes the id and refuses a YAML holding one: create without it, then
    // store the exact source under the id the server made (two calls, the only way to keep the bytes).
    ApiCall create = ApiCall.of(Operation.CREATE_DASHBOARD, ApiCall.path("dashboards"),
        ApiCall.yaml(DashboardSources.withoutId(bytes)));
    Optional<ApiResponse> sent = sendCreate(key, create);
    if (sent.isEmpty() || !sent.get().isSuccess()) {
      return unconfirmed(key, create, sent);
    }
    ApiResponse created = sent.get();
    Optional<String> madeId = Written.id(created.body());
    if (madeId.isEmpty()) {
      return WriteResult.failed(key, "Kestra created " + key.address() + " but did not say under which id; plan again");
    }
    ApiCall store = ApiCall.of(Operation.UPDATE_DASHBOARD, ApiCall.path("dashboards", madeId.get()), ApiCall.yaml(bytes));
    ApiResponse stored = w.client().send(store);
    if (!stored.isSuccess()) {
      return WriteResult.failed(key, "Kestra created " + key.address() + " as dashboard " + madeId.get()
          + " but did not store its exact source: " + w.client().failure(store, stored).getMessage() + "; plan again");
    }
    return WriteResult.written(key, madeId.get());
  }

  // ---- apps and tests

  private WriteResult putApp(ResourceKey key, byte[] bytes) {
    Optional<String> uid = Optional.ofNullable(w.before().appUids().get(key));
    if (uid.isPresent()) {
      return update(key, ApiCall.of(Operation.UPDATE_APP, ApiCall.path("apps", uid.get()), ApiCall.yaml(bytes)),
          b -> Optional.empty());
    }
    // The server makes app uids, so a create whose answer is lost cannot be checked by key: it is
    // not repeated, and planning again shows whether it happened.
    ApiCall create = ApiCall.of(Operation.CREATE_APP, ApiCall.path("apps"), ApiCall.yaml(bytes));
    Optional<ApiResponse> sent = sendCreate(key, create);
    if (sent.isPresent() && sent.get().isSuccess()) {
      return Written.uid(sent.get().body()).map(u -> WriteResult.written(key, u))
          .orElseGet(() -> WriteResult.written(key));
    }
    return unconfirmed(key, create, sent);
  }

  /**
   * Sends a create whose resource the server names itself (an app, a dashboard before 2.0); empty
   * when its answer was lost.
   */
  private Optional<ApiResponse> sendCreate(ResourceKey key, ApiCall create) {
    try {
      return Optional.of(w.client().send(create));
    } catch (SideUnavailableException e) {
      return Optional.empty();
    }
  }

  /**
   * The failure of such a create. A refusal is reported as it is; a lost answer or an outage is
   * not repeated (a second create could make a second resource, since there is no key to check it
   * by), and says so.
   */
  private WriteResult unconfirmed(ResourceKey key, ApiCall create, Optional<ApiResponse> sent) {
    if (sent.isPresent() && !RetryPolicy.RETRYABLE_STATUSES.contains(sent.get().status())) {
      return w.failed(key, "create", create, sent.get());
    }
    String why = sent.map(r -> w.client().failure(create, r).getMessage()).orElse("the answer was lost");
    return WriteResult.failed(key, "Kestra did not confirm the create of " + key.address() + " (" + why + "). Kestra"
        + " names " + key.kind().label() + "s itself, so the create is not repeated: plan again to see whether it"
        + " happened");
  }

  private WriteResult putTest(ResourceKey key, byte[] bytes) {
    String path = ApiCall.path("tests", key.namespace(), key.name());
    if (w.existed(key)) {
      return update(key, ApiCall.of(Operation.UPDATE_TEST, path, ApiCall.yaml(bytes)), b -> Optional.empty());
    }
    return Creates.create(w, key, bytes, ApiCall.of(Operation.CREATE_TEST, ApiCall.path("tests"), ApiCall.yaml(bytes)),
        ApiCall.of(Operation.TEST, path),
        b -> Listings.test(b).source(), b -> Optional.empty());
  }
}
