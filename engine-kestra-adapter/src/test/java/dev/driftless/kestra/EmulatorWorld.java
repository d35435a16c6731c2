package dev.driftless.kestra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftless.emulator.EmulatorState;
import dev.driftless.emulator.FlowRevision;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.port.ChangeWriter;
import dev.driftless.port.SnapshotReader;
import dev.driftless.resource.Content;
import dev.driftless.resource.Fingerprint;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.gen.HostileRead;
import dev.driftless.testkit.gen.Misread;
import dev.driftless.testkit.gen.Seed;
import dev.driftless.testkit.hostile.HostileProxy;
import dev.driftless.testkit.law.InMemoryHarness;
import dev.driftless.testkit.law.Reach;
import dev.driftless.testkit.law.SideHarness;
import dev.driftless.testkit.law.Spoilt;
import dev.driftless.testkit.law.World;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A world whose Kestra side is the adapter over an emulator, and whose Git side is in memory. The
 * emulator is shared by the cases of a suite and emptied for each world; its state is seeded,
 * tampered with and observed directly, never through the adapter under test.
 */
final class EmulatorWorld implements World {

  static final String TENANT = KestraEmulator.DEFAULT_TENANT;
  /** The namespace file size limit of the worlds' settings; "unreadable" files are seeded above it. */
  static final int FILE_LIMIT = 4096;
  /** The hostile-read side's limits: small, so that bombs past them are cheap to send. */
  static final int MAX_ENTRIES = 100;
  static final long MAX_EXPORT_BYTES = 256 * 1024;
  /** The hostile-read side's deadline per call, past which a trickled answer is cut off. */
  static final Duration CALL_DEADLINE = Duration.ofMillis(400);

  private final InMemoryHarness git = new InMemoryHarness(InMemorySide.git());
  private final KestraHarness kestra;

  /**
   * A world over the suite's emulator, emptied; {@code proxied} reads it through {@code proxy} (with
   * {@link #hostileSettings}), once a case spoils the reads.
   */
  EmulatorWorld(KestraEmulator emulator, KestraSide side, HostileProxy proxy, KestraSide proxied) {
    emulator.state().clear();
    emulator.faults().clear();
    emulator.requests().clear();
    proxy.clear();
    this.kestra = new KestraHarness(emulator, side, proxy, proxied);
  }

  /**
   * Settings for the side that reads through the proxy: one item a page (so that listings have
   * several), small export limits, a short deadline per call and one retry, so that each hostile
   * case is quick.
   */
  static KestraSettings hostileSettings(HostileProxy proxy, KestraAuth auth) {
    return KestraSettings.builder().url(proxy.url().toString()).auth(auth).connectTimeout(Duration.ofSeconds(5))
        .jitterSeed(7L).maxAttempts(2).retryBaseDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(5))
        .callDeadline(CALL_DEADLINE).pageSize(1).maxExportEntries(MAX_ENTRIES).maxExportBytes(MAX_EXPORT_BYTES)
        .namespaceFileSizeLimit(FILE_LIMIT).build();
  }

  @Override
  public SideHarness git() {
    return git;
  }

  @Override
  public SideHarness kestra() {
    return kestra;
  }

  @Override
  public void close() {
    kestra.proxy.clear();
    // the emulator is the suite's; it is emptied by the next world
  }

  /** The Kestra side: the adapter under test, over the emulator's store. */
  static final class KestraHarness implements SideHarness {
    private static final Pattern ID = Pattern.compile("(?m)^id[ \\t]*:[ \\t]*[\"']?([^\\s\"'#]+)");
    private static final Pattern NAMESPACE = Pattern.compile("(?m)^namespace[ \\t]*:[ \\t]*[\"']?([^\\s\"'#]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KestraEmulator emulator;
    private final EmulatorState store;
    private final KestraSide side;
    private final HostileProxy proxy;
    private final KestraSide proxied;
    private final AtomicInteger uids = new AtomicInteger();
    private boolean spoilt;

    KestraHarness(KestraEmulator emulator, KestraSide side, HostileProxy proxy, KestraSide proxied) {
      this.emulator = emulator;
      this.store = emulator.state();
      this.side = side;
      this.proxy = proxy;
      this.proxied = proxied;
    }

    @Override
    public Side side() {
      return Side.KESTRA;
    }

    /** The adapter's reader: straight to the emulator, or through the proxy once the reads are spoilt. */
    @Override
    public SnapshotReader reader() {
      return spoilt ? proxied.reader() : side.reader();
    }

    @Override
    public Set<Misread> misreads() {
      return EnumSet.of(Misread.UNREADABLE_ENTRY, Misread.INVALID_ENTRY, Misread.HTML_PAGE, Misread.EMPTY_BODY,
          Misread.TRUNCATED, Misread.ZIP_WITHOUT_DIRECTORY, Misread.JSON_FOR_ZIP, Misread.WRONG_TYPES,
          Misread.ENDLESS_PAGES, Misread.ZIP_BOMB_ENTRIES, Misread.ZIP_BOMB_SIZE, Misread.TRICKLE,
          Misread.STATUS_ERROR);
    }

    /**
     * Unreadable and invalid entries are stored in the emulator; every other way is an answer of the
     * proxy, to a call of the aimed kind (or to every call), from a call on or for the first only.
     */
    @Override
    public Spoilt spoil(HostileRead read) {
      if (read.how() == Misread.UNREADABLE_ENTRY || read.how() == Misread.INVALID_ENTRY) {
        ResourceKey key = read.key();
        put(key, read.how() == Misread.UNREADABLE_ENTRY || !key.kind().isYaml() ? unreadable(key)
            : Content.ofText("id: " + key.name() + "\nnamespace: " + key.namespace() + "\ntasks: [\n"));
        return Spoilt.damaged(Reach.of(key.kind(), key.namespace()));
      }
      spoilt = true;
      HostileCalls.Call call = HostileCalls.aimedAt(read);
      HostileCalls.Answer answer = HostileCalls.answer(read, call);
      proxy.on(call.method(), call.pathGlob(), answer.misbehaviour());
      return new Spoilt(call.reach(), answer::wentWrong);
    }

    @Override
    public ChangeWriter writer() {
      return side.writer();
    }

    @Override
    public dev.driftless.port.PlanReviewer reviewer() {
      return side.reviewer();
    }

    @Override
    public void seed(List<Seed> seeds) {
      for (Seed seed : seeds) {
        ResourceKey key = seed.key();
        Content content = switch (seed.state()) {
          case PRESENT, INVALID -> seed.content().orElseThrow();
          case UNREADABLE -> unreadable(key);
        };
        put(key, content);
      }
      emulator.requests().clear();
    }

    /** Content the adapter cannot read: a source that does not parse, a file over the size limit. */
    private static Content unreadable(ResourceKey key) {
      if (key.kind() == ResourceKind.NAMESPACE_FILE) {
        return Content.of(new byte[FILE_LIMIT + 1 + key.name().length()]);
      }
      String ns = key.isGlobal() ? "" : "namespace: " + key.namespace() + "\n";
      return Content.ofText("id: " + key.name() + "\n" + ns + "broken: [unclosed\n");
    }

    @Override
    public void tamper(ResourceKey key, Content content) {
      put(key, content);
    }

    @Override
    public void remove(ResourceKey key) {
      switch (key.kind()) {
        case FLOW -> store.deleteFlow(TENANT, key.namespace(), key.name());
        case NAMESPACE_FILE -> store.deleteNamespaceFile(TENANT, key.namespace(), "/" + key.name());
        default -> throw new IllegalArgumentException("the writer contract removes flows and namespace files only");
      }
    }

    private void put(ResourceKey key, Content content) {
      String text = new String(content.bytes(), StandardCharsets.UTF_8);
      switch (key.kind()) {
        case FLOW -> store.putFlowSource(TENANT, key.namespace(), key.name(), text);
        case NAMESPACE_FILE -> store.putNamespaceFile(TENANT, key.namespace(), "/" + key.name(), content.bytes());
        case DASHBOARD -> store.putDashboard(TENANT, dashboardId(key).orElse(key.name()), text);
        case APP -> store.putApp(TENANT, appUid(key).orElseGet(() -> "uid-" + uids.incrementAndGet()), text);
        case TEST -> store.putTest(TENANT, key.namespace(), key.name(), text);
        case EXECUTION_FILE -> throw new IllegalArgumentException("execution files are not seeded");
      }
    }

    @Override
    public Map<ResourceKey, Fingerprint> state() {
      Map<ResourceKey, Fingerprint> out = new HashMap<>();
      for (FlowRevision flow : store.flows(TENANT)) {
        out.put(ResourceKey.flow(flow.namespace(), flow.id()), fingerprint(flow.source()));
      }
      for (String ns : store.namespaces(TENANT)) {
        for (String path : store.namespaceFilePaths(TENANT, ns)) {
          store.namespaceFile(TENANT, ns, path).ifPresent(bytes ->
              out.put(ResourceKey.namespaceFile(ns, path.substring(1)), Fingerprint.of(bytes)));
        }
      }
      for (String id : store.dashboardIds(TENANT)) {
        String source = store.dashboardSource(TENANT, id).orElseThrow();
        out.put(ResourceKey.dashboard(dashboardKeyName(id, source)), fingerprint(source));
      }
      for (String uid : store.appUids(TENANT)) {
        String source = store.appSource(TENANT, uid).orElseThrow();
        Optional<String> id = first(ID, source);
        Optional<String> ns = first(NAMESPACE, source);
        if (id.isPresent() && ns.isPresent() && ResourceKey.problem(ResourceKind.APP, ns.get(), id.get()).isEmpty()) {
          out.put(ResourceKey.app(ns.get(), id.get()), fingerprint(source));
        }
      }
      if (emulator.mode().isEnterprise()) {
        for (ResourceKey key : testKeys()) {
          store.testSource(TENANT, key.namespace(), key.name()).ifPresent(s -> out.put(key, fingerprint(s)));
        }
      }
      return out;
    }

    /** Before 2.0 the server makes dashboard ids: a dashboard is known by the id its YAML declares. */
    private String dashboardKeyName(String serverId, String source) {
      if (side.server().assignsDashboardIds()) {
        Optional<String> declared = first(ID, source)
            .filter(id -> ResourceKey.problem(ResourceKind.DASHBOARD, "", id).isEmpty());
        if (declared.isPresent()) {
          return declared.get();
        }
      }
      return serverId;
    }

    private Optional<String> dashboardId(ResourceKey key) {
      for (String id : store.dashboardIds(TENANT)) {
        if (dashboardKeyName(id, store.dashboardSource(TENANT, id).orElse("")).equals(key.name())) {
          return Optional.of(id);
        }
      }
      return Optional.empty();
    }

    private Optional<String> appUid(ResourceKey key) {
      for (String uid : store.appUids(TENANT)) {
        String source = store.appSource(TENANT, uid).orElse("");
        if (first(ID, source).equals(Optional.of(key.name()))
            && first(NAMESPACE, source).equals(Optional.of(key.namespace()))) {
          return Optional.of(uid);
        }
      }
      return Optional.empty();
    }

    /** The emulator's state lists no test suites; its own search does (read here without the adapter). */
    private List<ResourceKey> testKeys() {
      HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.apiUrl() + "/tests/search?page=1&size=10000"))
          .header("Authorization", "Bearer " + Emulators.TOKEN).GET().build();
      try {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode results = JSON.readTree(response.body()).get("results");
        java.util.ArrayList<ResourceKey> keys = new java.util.ArrayList<>();
        results.forEach(n -> keys.add(ResourceKey.test(n.get("namespace").asText(), n.get("id").asText())));
        return keys;
      } catch (IOException e) {
        throw new IllegalStateException("cannot list the emulator's test suites", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static Optional<String> first(Pattern pattern, String text) {
      Matcher m = pattern.matcher(text);
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Fingerprint fingerprint(String source) {
      return Fingerprint.of(source.getBytes(StandardCharsets.UTF_8));
    }
  }
}
