package dev.driftless.emulator.internal;

import dev.driftless.emulator.EmulatorState;
import dev.driftless.emulator.Execution;
import dev.driftless.emulator.FlowRevision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link EmulatorState} of one emulator: every method holds the store's monitor. */
public final class StateView implements EmulatorState {

  private final Store store;
  private final KestraVersion version;

  public StateView(Store store, KestraVersion version) {
    this.store = store;
    this.version = version;
  }

  @Override
  public FlowRevision putFlowSource(String tenant, String source) {
    Objects.requireNonNull(source, "source");
    TenantStore.Key key = FlowSources.lenientKey(source).orElseThrow(() -> new IllegalArgumentException(
        "cannot find 'id:' and 'namespace:' in the source; use putFlowSource(tenant, namespace, id, source)"));
    return putFlowSource(tenant, key.namespace(), key.id(), source);
  }

  @Override
  public FlowRevision putFlowSource(String tenant, String namespace, String id, String source) {
    requireNonBlank(namespace, "namespace");
    requireNonBlank(id, "id");
    Objects.requireNonNull(source, "source");
    synchronized (store) {
      return store.tenant(tenant(tenant)).saveFlow(namespace, id, source, false, version);
    }
  }

  @Override
  public boolean deleteFlow(String tenant, String namespace, String id) {
    synchronized (store) {
      return store.tenant(tenant(tenant)).deleteFlow(namespace, id).isPresent();
    }
  }

  @Override
  public Optional<String> flowSource(String tenant, String namespace, String id) {
    synchronized (store) {
      return store.existing(tenant(tenant)).flatMap(t -> t.flow(namespace, id))
          .map(f -> FlowSources.servedSource(f.source(), version));
    }
  }

  @Override
  public List<FlowRevision> flowRevisions(String tenant, String namespace, String id) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(t -> t.flowRevisions(namespace, id)).orElse(List.of());
    }
  }

  @Override
  public List<FlowRevision> flows(String tenant) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(TenantStore::liveFlows).orElse(List.of());
    }
  }

  @Override
  public void putNamespaceFile(String tenant, String namespace, String path, byte[] content) {
    requireNonBlank(namespace, "namespace");
    Objects.requireNonNull(content, "content");
    String normalized = path(path);
    synchronized (store) {
      store.tenant(tenant(tenant)).files(namespace).put(normalized, content);
    }
  }

  @Override
  public Optional<byte[]> namespaceFile(String tenant, String namespace, String path) {
    String normalized = path(path);
    synchronized (store) {
      return store.existing(tenant(tenant)).flatMap(t -> t.existingFiles(namespace)).flatMap(f -> f.read(normalized));
    }
  }

  @Override
  public List<String> namespaceFilePaths(String tenant, String namespace) {
    synchronized (store) {
      return store.existing(tenant(tenant)).flatMap(t -> t.existingFiles(namespace))
          .map(f -> List.copyOf(f.live().keySet())).orElse(List.of());
    }
  }

  @Override
  public boolean deleteNamespaceFile(String tenant, String namespace, String path) {
    String normalized = path(path);
    synchronized (store) {
      return store.existing(tenant(tenant)).flatMap(t -> t.existingFiles(namespace))
          .map(f -> f.delete(normalized)).orElse(false);
    }
  }

  @Override
  public void putDashboard(String tenant, String id, String source) {
    requireNonBlank(id, "id");
    Objects.requireNonNull(source, "source");
    synchronized (store) {
      TenantStore t = store.tenant(tenant(tenant));
      Instant now = Instant.now();
      Instant created = Optional.ofNullable(t.dashboards().get(id)).map(TenantStore.Dashboard::created).orElse(now);
      t.dashboards().put(id, new TenantStore.Dashboard(id, source, created, now));
    }
  }

  @Override
  public Optional<String> dashboardSource(String tenant, String id) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(t -> t.dashboards().get(id)).map(TenantStore.Dashboard::source);
    }
  }

  @Override
  public List<String> dashboardIds(String tenant) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(t -> List.copyOf(t.dashboards().keySet())).orElse(List.of());
    }
  }

  @Override
  public void putApp(String tenant, String uid, String source) {
    requireNonBlank(uid, "uid");
    Objects.requireNonNull(source, "source");
    synchronized (store) {
      TenantStore t = store.tenant(tenant(tenant));
      Instant now = Instant.now();
      TenantStore.App previous = t.apps().get(uid);
      t.apps().put(uid, new TenantStore.App(uid, source, previous != null && previous.disabled(),
          previous == null ? now : previous.created(), now));
    }
  }

  @Override
  public Optional<String> appSource(String tenant, String uid) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(t -> t.apps().get(uid)).map(TenantStore.App::source);
    }
  }

  @Override
  public List<String> appUids(String tenant) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(t -> List.copyOf(t.apps().keySet())).orElse(List.of());
    }
  }

  @Override
  public void putTest(String tenant, String namespace, String id, String source) {
    requireNonBlank(namespace, "namespace");
    requireNonBlank(id, "id");
    Objects.requireNonNull(source, "source");
    synchronized (store) {
      TenantStore t = store.tenant(tenant(tenant));
      TenantStore.Key key = new TenantStore.Key(namespace, id);
      Instant now = Instant.now();
      Instant created = Optional.ofNullable(t.tests().get(key)).map(TenantStore.TestSuite::created).orElse(now);
      t.tests().put(key, new TenantStore.TestSuite(namespace, id, source, created, now));
    }
  }

  @Override
  public Optional<String> testSource(String tenant, String namespace, String id) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(t -> t.tests().get(new TenantStore.Key(namespace, id)))
          .map(TenantStore.TestSuite::source);
    }
  }

  @Override
  public void putExecution(String tenant, Execution execution) {
    Objects.requireNonNull(execution, "execution");
    synchronized (store) {
      store.tenant(tenant(tenant)).executions().put(execution.id(), execution);
    }
  }

  @Override
  public void putNamespace(String tenant, String namespace) {
    requireNonBlank(namespace, "namespace");
    synchronized (store) {
      store.tenant(tenant(tenant)).explicitNamespaces()
          .computeIfAbsent(namespace, ns -> Json.object().put("id", ns));
    }
  }

  @Override
  public List<String> namespaces(String tenant) {
    synchronized (store) {
      return store.existing(tenant(tenant)).map(t -> new ArrayList<>(t.namespaces(false)))
          .map(List::copyOf).orElse(List.of());
    }
  }

  @Override
  public void clear() {
    synchronized (store) {
      store.clear();
    }
  }

  private static String tenant(String tenant) {
    requireNonBlank(tenant, "tenant");
    return tenant;
  }

  private static String path(String path) {
    Objects.requireNonNull(path, "path");
    try {
      return NamespaceFilesApi.normalize(path);
    } catch (ApiException e) {
      throw new IllegalArgumentException(e.detail(), e);
    }
  }

  private static void requireNonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
