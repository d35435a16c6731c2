package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.core.apply.Applier;
import dev.driftless.core.plan.Planner;
import dev.driftless.emulator.Fault;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.plan.Plan;
import dev.driftless.policy.Guards;
import dev.driftless.policy.Policy;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Content;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the writer writes, per version and edition, and how it fails. */
@Timeout(60)
class WriterTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Policy GIT_WINS = Policy.builder().sourceOfTruth(Side.GIT).guards(Guards.none()).build();

  @Test
  void aNamespaceFileNamedZip_isUploadedUnderANeutralName_andStoredAsIs() throws IOException {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      byte[] archive = zip("inside.txt", "would be unpacked");
      InMemorySide git = InMemorySide.git().put(ResourceKey.namespaceFile("dev", "bundle/release.zip"), Content.of(archive));
      ApplyResult result = apply(f, git, Scope.namespace("dev", EnumSet.of(ResourceKind.NAMESPACE_FILE)));
      assertTrue(result.isComplete(), result.toString());
      assertArrayEquals(archive, f.emulator.state().namespaceFile(T, "dev", "/bundle/release.zip").orElseThrow());
      assertEquals(List.of("/bundle/release.zip"), f.emulator.state().namespaceFilePaths(T, "dev"),
          "the archive was unpacked");
    }
  }

  @Test
  void sources_areSentAsYaml_andStoredByteForByte_withOneCallPerChange() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "same").yaml());
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "old").yaml());
      String created = "---\n# starts with a document marker\nid: made\nnamespace: dev\ntasks:\n  - id: t\n"
          + "    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
      InMemorySide git = InMemorySide.git()
          .put(Flows.flow("dev", "same").resource())
          .put(Flows.flow("dev", "old").comment("now commented").resource())
          .put(ResourceKey.flow("dev", "made"), created);
      f.emulator.requests().clear();
      ApplyResult result = apply(f, git, Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW)));
      assertTrue(result.isComplete(), result.toString());
      assertEquals(created, f.emulator.state().flowSource(T, "dev", "made").orElseThrow());
      assertEquals(Flows.flow("dev", "old").comment("now commented").yaml(),
          f.emulator.state().flowSource(T, "dev", "old").orElseThrow());
      assertEquals(1, f.emulator.requests().count("POST", "/api/v1/main/flows"));
      assertEquals(1, f.emulator.requests().count("PUT", "/api/v1/main/flows/dev/old"));
      assertEquals(0, f.emulator.requests().count("*", "/api/v1/main/flows/dev/same"), "an unchanged flow costs nothing");
      assertEquals(1, f.emulator.requests().count("POST", "/api/v1/main/flows/validate"));
      assertEquals("2", outcome(result, ResourceKey.flow("dev", "old")).version().orElseThrow(),
          "the version marker is the revision Kestra made");
    }
  }

  @Test
  void anUpdate_neverCreates_aFlowDeletedAfterTheSessionBegan() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "a").yaml());
      Resource changed = Flows.flow("dev", "a").comment("changed").resource();
      try (WriteSession session = f.side.writer().begin(intent(changed.key(), List.of(changed)))) {
        f.emulator.state().deleteFlow(T, "dev", "a");
        WriteResult result = session.write(List.of(new Write.Put(changed))).get(0);
        assertFalse(result.succeeded());
        assertTrue(result.failure().orElseThrow().contains("no longer exists"), result.failure().get());
      }
      assertTrue(f.emulator.state().flowSource(T, "dev", "a").isEmpty(), "the PUT created the flow");
    }
  }

  @Test
  void aCreateKestraRefuses_isAFailedResult_withTheServersMessageAndFieldPath() {
    for (Emulators.Server server : List.of(Emulators.Server.OSS_1_3, Emulators.Server.OSS_2_0)) {
      try (ReaderTest.Fixture f = ReaderTest.Fixture.of(server)) {
        Resource flow = Flows.flow("dev", "a").resource();
        try (WriteSession session = f.side.writer().begin(intent(flow.key(), List.of(flow)))) {
          f.emulator.state().putFlowSource(T, Flows.flow("dev", "a").comment("someone else").yaml());
          WriteResult result = session.write(List.of(new Write.Put(flow))).get(0);
          String why = result.failure().orElseThrow();
          assertTrue(why.startsWith("Kestra refused to create flow dev/a: " + (server == Emulators.Server.OSS_2_0
              ? "409 entity-already-exists" : "422")), why);
          assertTrue(why.contains("flow.id"), why);
        }
        assertEquals(1, f.emulator.requests().count("POST", "/api/v1/main/flows"), "a refused create is not repeated");
      }
    }
  }

  @Test
  void dashboards_beforeKestra2_areCreatedWithoutTheirId_thenStoredExactly_underTheIdTheServerMade() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      String source = "id: overview\ntitle: Overview   # kept\ncharts: []\n";
      InMemorySide git = InMemorySide.git().put(ResourceKey.dashboard("overview"), source);
      Scope scope = Scope.global(EnumSet.of(ResourceKind.DASHBOARD));
      f.emulator.requests().clear();
      assertTrue(apply(f, git, scope).isComplete());
      List<String> ids = f.emulator.state().dashboardIds(T);
      assertEquals(1, ids.size());
      assertFalse(ids.get(0).equals("overview"), "the server made the id");
      assertEquals(source, f.emulator.state().dashboardSource(T, ids.get(0)).orElseThrow());
      assertEquals(1, f.emulator.requests().count("POST", "/api/v1/main/dashboards"));
      assertEquals(1, f.emulator.requests().count("PUT", "/api/v1/main/dashboards/" + ids.get(0)));

      git.put(ResourceKey.dashboard("overview"), source.replace("kept", "changed"));
      assertTrue(apply(f, git, scope).isComplete());
      assertEquals(ids, f.emulator.state().dashboardIds(T), "an update keeps the server's id");
      git.remove(ResourceKey.dashboard("overview"));
      assertTrue(apply(f, git, scope).isComplete());
      assertTrue(f.emulator.state().dashboardIds(T).isEmpty());
    }
  }

  @Test
  void dashboardWrites_onOss2_areRefusedBeforeAnythingIsWritten() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_2_0)) {
      InMemorySide git = InMemorySide.git()
          .put(ResourceKey.dashboard("overview"), "id: overview\ntitle: O\ncharts: []\n")
          .put(Flows.flow("dev", "a").resource());
      Scope scope = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW, ResourceKind.DASHBOARD));
      ApplyResult result = apply(f, git, scope);
      ChangeResult dashboard = outcome(result, ResourceKey.dashboard("overview"));
      assertEquals(Outcome.FAILED, dashboard.outcome());
      assertTrue(dashboard.cause().orElseThrow().contains("Enterprise only"), dashboard.cause().get());
      assertEquals(Outcome.SKIPPED, outcome(result, ResourceKey.flow("dev", "a")).outcome());
      assertEquals(0, f.emulator.requests().count("POST", "/api/v1/main/dashboards")
          + f.emulator.requests().count("POST", "/api/v1/main/flows"), "something was written");
    }
  }

  @Test
  void onEnterprise_aMissingNamespace_isCreatedWhenWritten_andNeverWhenRead() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.EE_2_0)) {
      Scope scope = Scope.namespaces(List.of("fresh"), true, EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
      InMemorySide git = InMemorySide.git()
          .put(Flows.flow("fresh", "a").resource())
          .put(Flows.flow("fresh", "b").resource())
          .put(ResourceKey.namespaceFile("fresh.child", "f.txt"), "x\n");
      Plan plan = Planner.plan(git.read(scope), f.side.reader().read(scope),
          Policy.builder().sourceOfTruth(Side.GIT).includeChildNamespaces(true).build());
      assertEquals(0, f.emulator.requests().count("POST", "/api/v1/main/namespaces"), "reading created a namespace");
      assertTrue(Applier.to(f.side.writer()).apply(plan).isComplete());
      assertEquals(2, f.emulator.requests().count("POST", "/api/v1/main/namespaces"), "once per missing namespace");
      assertTrue(f.emulator.state().namespaces(T).containsAll(List.of("fresh", "fresh.child")));
    }
  }

  @Test
  void onOss_namespacesAreNeverCreated() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_1_3)) {
      InMemorySide git = InMemorySide.git().put(Flows.flow("fresh", "a").resource());
      assertTrue(apply(f, git, Scope.namespace("fresh", EnumSet.of(ResourceKind.FLOW))).isComplete());
      assertEquals(0, f.emulator.requests().count("POST", "/api/v1/main/namespaces"));
    }
  }

  @Test
  void aDraft_isNeverOverwritten_andTheFailureSaysWhy() {
    try (ReaderTest.Fixture f = ReaderTest.Fixture.of(Emulators.Server.OSS_2_0)) {
      RawHttp.postYaml(java.net.URI.create(f.emulator.apiUrl() + "/flows?draft=true"), Flows.flow("dev", "a").yaml());
      InMemorySide git = InMemorySide.git().put(Flows.flow("dev", "a").comment("from git").resource());
      ApplyResult result = apply(f, git, Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW)));
      ChangeResult a = outcome(result, ResourceKey.flow("dev", "a"));
      assertEquals(Outcome.FAILED, a.outcome());
      assertTrue(a.cause().orElseThrow().contains("as a draft"), a.cause().get());
      assertEquals(Flows.flow("dev", "a").yaml(), f.emulator.state().flowSource(T, "dev", "a").orElseThrow());
    }
  }

  @Test
  void aCreateWhoseAnswerIsLost_isCheckedByReading_neverRepeatedBlindly() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).maxAttempts(3).build())) {
      emulator.faults().add(Fault.dropConnection(1.0).on("POST", "/api/v1/main/flows"));
      Resource flow = Flows.flow("dev", "a").resource();
      try (WriteSession session = side.writer().begin(intent(flow.key(), List.of(flow)))) {
        emulator.requests().clear();
        WriteResult result = session.write(List.of(new Write.Put(flow))).get(0);
        assertFalse(result.succeeded());
        assertTrue(result.failure().orElseThrow().contains("did not create flow dev/a after 3 attempts"),
            result.failure().get());
      }
      assertEquals(3, emulator.requests().count("POST", "/api/v1/main/flows"));
      assertEquals(3, emulator.requests().count("GET", "/api/v1/main/flows/dev/a"), "each lost answer is checked");
    }
  }

  @Test
  void aCreateThatLandedButWhoseAnswerWasLost_isRecognised_andNotCreatedTwice() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.base(emulator, server.auth())
            .requestTimeout(Duration.ofMillis(150)).retryBaseDelay(Duration.ofMillis(900))
            .retryMaxDelay(Duration.ofSeconds(2)).build())) {
      emulator.faults().add(Fault.latency(Duration.ofMillis(400)).on("POST", "/api/v1/main/flows"));
      Resource flow = Flows.flow("dev", "a").resource();
      try (WriteSession session = side.writer().begin(intent(flow.key(), List.of(flow)))) {
        WriteResult result = session.write(List.of(new Write.Put(flow))).get(0);
        assertTrue(result.succeeded(), result.toString());
        assertEquals("1", result.version().orElseThrow());
      }
      assertEquals(Flows.flow("dev", "a").yaml(), emulator.state().flowSource(T, "dev", "a").orElseThrow());
      assertEquals(1, emulator.state().flowRevisions(T, "dev", "a").size(), "created twice");
    }
  }

  @Test
  void aCreateOfSomethingTheServerNames_isNeverRepeated_whenItsAnswerIsLost() {
    Emulators.Server server = Emulators.Server.EE_2_0;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).maxAttempts(4).build())) {
      emulator.state().putNamespace(T, "dev");
      emulator.faults().add(Fault.dropConnection(1.0).on("POST", "/api/v1/main/apps"));
      Resource app = Resource.of(ResourceKey.app("dev", "form"),
          "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: dev\nflowId: a\n");
      try (WriteSession session = side.writer().begin(intent(app.key(), List.of(app)))) {
        WriteResult result = session.write(List.of(new Write.Put(app))).get(0);
        assertTrue(result.failure().orElseThrow().contains("the create is not repeated"), result.failure().get());
      }
      assertEquals(1, emulator.requests().count("POST", "/api/v1/main/apps"));
    }
  }

  @Test
  void idempotentCalls_areRetried_andRetryAfterIsHonoured_orNamedWhenTooLong() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.base(emulator, server.auth()).maxAttempts(2)
            .retryBaseDelay(Duration.ofMillis(2)).retryMaxDelay(Duration.ofSeconds(2)).build())) {
      Scope flows = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW));
      emulator.faults().add(Fault.tooManyRequests(1.0, Duration.ofSeconds(1)).on("GET", "/api/v1/main/flows/search"));
      long start = System.nanoTime();
      dev.driftless.port.SideUnavailableException waited = org.junit.jupiter.api.Assertions.assertThrows(
          dev.driftless.port.SideUnavailableException.class, () -> side.reader().read(flows));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1000, "Retry-After was not honoured");
      assertTrue(waited.getMessage().contains("after 2 attempts"), waited.getMessage());
      assertEquals(2, emulator.requests().count("GET", "/api/v1/main/flows/search"));

      emulator.faults().clear();
      emulator.requests().clear();
      emulator.faults().add(Fault.tooManyRequests(1.0, Duration.ofSeconds(5)).on("GET", "/api/v1/main/flows/search"));
      dev.driftless.port.SideUnavailableException tooLong = org.junit.jupiter.api.Assertions.assertThrows(
          dev.driftless.port.SideUnavailableException.class, () -> side.reader().read(flows));
      assertTrue(tooLong.getMessage().contains("asked to wait 5 s"), tooLong.getMessage());
      assertEquals(1, emulator.requests().count("GET", "/api/v1/main/flows/search"));
    }
  }

  @Test
  void writesRunConcurrently_upToTheSetting() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).writeConcurrency(4).build())) {
      emulator.faults().add(Fault.latency(Duration.ofMillis(100)).on("POST", "/api/v1/main/namespaces/*/files"));
      InMemorySide git = InMemorySide.git();
      for (int i = 0; i < 16; i++) {
        git.put(ResourceKey.namespaceFile("dev", "f" + i + ".txt"), "file " + i + "\n");
      }
      Scope scope = Scope.namespace("dev", EnumSet.of(ResourceKind.NAMESPACE_FILE));
      Plan plan = Planner.plan(git.read(scope), side.reader().read(scope), GIT_WINS);
      long start = System.nanoTime();
      assertTrue(Applier.to(side.writer()).apply(plan).isComplete());
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      assertTrue(millis >= 400 && millis < 1500, "16 writes of 100 ms, 4 at a time, took " + millis + " ms");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static ApplyResult apply(ReaderTest.Fixture f, InMemorySide git, Scope scope) {
    Plan plan = Planner.plan(git.read(scope), f.side.reader().read(scope), GIT_WINS);
    assertTrue(plan.isApplyable(), plan.errors().toString());
    return Applier.to(f.side.writer()).apply(plan);
  }

  private static WriteIntent intent(ResourceKey key, List<Resource> puts) {
    return new WriteIntent("plan", Set.of(key), "test", puts);
  }

  private static ChangeResult outcome(ApplyResult result, ResourceKey key) {
    return AdapterContract.outcome(result, key);
  }

  private static byte[] zip(String name, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(text.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
