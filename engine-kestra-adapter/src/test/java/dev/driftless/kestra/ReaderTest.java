package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.diagnostic.Severity;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.snapshot.SnapshotEntry;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the reader makes of what Kestra holds, per version and edition. */
@Timeout(30)
class ReaderTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Scope FLOWS = Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW));
  private static final Scope FILES = Scope.namespace("dev", EnumSet.of(ResourceKind.NAMESPACE_FILE));

  @Test
  void drafts_areLeftOutByDefault_onKestra2_andReadWhenAsked() {
    Emulators.Server server = Emulators.Server.OSS_2_0;
    try (KestraEmulator emulator = server.start(); KestraSide side = KestraSide.open(Emulators.settings(emulator, server))) {
      assertEquals(200, RawHttp.postYaml(java.net.URI.create(emulator.apiUrl() + "/flows?draft=true"),
          Flows.flow("dev", "draft").yaml()).statusCode());
      emulator.state().putFlowSource(T, Flows.flow("dev", "published").yaml());

      Snapshot read = side.reader().read(FLOWS);
      assertEquals(Set.of(ResourceKey.flow("dev", "published")), read.index().keySet());

      try (KestraSide withDrafts = KestraSide.open(Emulators.settings(emulator, server).withIncludeDrafts(true))) {
        assertEquals(Set.of(ResourceKey.flow("dev", "published"), ResourceKey.flow("dev", "draft")),
            withDrafts.reader().read(FLOWS).index().keySet());
      }
    }
  }

  @Test
  void aFlowThatDoesNotParse_isUnreadable_withItsLine_keyedByItsIdLines() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, "id: broken\nnamespace: dev\ntasks:\n  - id: t\n    type: [unclosed\n");
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "fine").yaml());
      Snapshot read = f.side.reader().read(FLOWS);
      SnapshotEntry.Unreadable broken = read.index().get(ResourceKey.flow("dev", "broken")).get(0).unreadable()
          .orElseThrow();
      assertEquals(SnapshotEntry.Failure.INVALID_SYNTAX, broken.failure());
      assertTrue(broken.line().isPresent(), "the line of the problem is kept");
      assertTrue(read.resource(ResourceKey.flow("dev", "fine")).isPresent());
    }
  }

  @Test
  void aFlowWhoseSourceNamesNothing_isUnreadable_keyedByWhatKestraListsItAs() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, "dev", "nameless", "- just\n- a list\n");
      Snapshot read = f.side.reader().read(FLOWS);
      assertEquals(Set.of(ResourceKey.flow("dev", "nameless")), read.index().keySet());
      SnapshotEntry entry = read.index().get(ResourceKey.flow("dev", "nameless")).get(0);
      assertEquals(SnapshotEntry.Failure.INVALID_SYNTAX, entry.unreadable().orElseThrow().failure());
    }
  }

  @Test
  void aFlowStoredUnderAnotherKeyThanItDeclares_isUnreadable_underTheKeyKestraUses() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, "dev", "stored", Flows.flow("dev", "declared").yaml());
      Snapshot read = f.side.reader().read(FLOWS);
      SnapshotEntry.Unreadable entry = read.index().get(ResourceKey.flow("dev", "stored")).get(0).unreadable()
          .orElseThrow();
      assertTrue(entry.reason().contains("declares flow dev/declared"), entry.reason());
      assertFalse(read.index().containsKey(ResourceKey.flow("dev", "declared")));
    }
  }

  @Test
  void flowsAreKeyedByTheirYaml_whateverTheExportNamesThem_onEveryVersion() {
    for (Emulators.Server server : Emulators.Server.values()) {
      try (Fixture f = Fixture.of(server)) {
        f.emulator.state().putFlowSource(T, Flows.flow("dev", "a.b-c").yaml());
        f.emulator.state().putFlowSource(T, Flows.flow("dev.child", "x").yaml());
        f.emulator.state().putFlowSource(T, Flows.flow("devops", "y").yaml());
        f.emulator.state().putNamespace(T, "dev");
        Snapshot read = f.side.reader().read(FLOWS);
        assertEquals(Set.of(ResourceKey.flow("dev", "a.b-c")), read.index().keySet(), server.name());
        assertEquals("1", read.resource(ResourceKey.flow("dev", "a.b-c")).orElseThrow().version().orElseThrow(),
            "the version marker is Kestra's revision");
        Snapshot children = f.side.reader().read(FLOWS.withIncludeChildNamespaces(true));
        assertEquals(Set.of(ResourceKey.flow("dev", "a.b-c"), ResourceKey.flow("dev.child", "x")),
            children.index().keySet(), server.name());
      }
    }
  }

  @Test
  void onKestra020_theNamespaceExportsFlowsFolder_isNotReadAsFiles() {
    try (Fixture f = Fixture.of(Emulators.Server.LEGACY_0_20)) {
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "a").yaml());
      f.emulator.state().putNamespaceFile(T, "dev", "/scripts/run.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8));
      Snapshot read = f.side.reader().read(FILES);
      assertEquals(Set.of(ResourceKey.namespaceFile("dev", "scripts/run.sh")), read.index().keySet());
    }
  }

  @Test
  void aFileOverTheSizeLimit_isUnreadable_andSaysSo() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).namespaceFileSizeLimit(100).build())) {
      emulator.state().putNamespaceFile(T, "dev", "/big.bin", new byte[101]);
      emulator.state().putNamespaceFile(T, "dev", "/small.bin", new byte[100]);
      Snapshot read = side.reader().read(FILES);
      SnapshotEntry.Unreadable big = read.index().get(ResourceKey.namespaceFile("dev", "big.bin")).get(0).unreadable()
          .orElseThrow();
      assertEquals(SnapshotEntry.Failure.UNREADABLE, big.failure());
      assertTrue(big.reason().contains("limit of 100 bytes"), big.reason());
      assertTrue(read.diagnostics().stream().anyMatch(d -> d.key().equals(java.util.Optional.of(
          ResourceKey.namespaceFile("dev", "big.bin")))), read.diagnostics().toString());
      assertEquals(100, read.resource(ResourceKey.namespaceFile("dev", "small.bin")).orElseThrow().content().size());
    }
  }

  @Test
  void childNamespacesHoldingOnlyFiles_areFoundWithTheNamespaceSearch() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putNamespaceFile(T, "dev", "/a.txt", new byte[] {'a'});
      f.emulator.state().putNamespaceFile(T, "dev.deep.er", "/b.txt", new byte[] {'b'});
      f.emulator.state().putNamespaceFile(T, "devops", "/c.txt", new byte[] {'c'});
      Snapshot read = f.side.reader().read(FILES.withIncludeChildNamespaces(true));
      assertEquals(Set.of(ResourceKey.namespaceFile("dev", "a.txt"), ResourceKey.namespaceFile("dev.deep.er", "b.txt")),
          read.index().keySet());
    }
  }

  @Test
  void theWholeTenant_isReadAcrossNamespaces() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, Flows.flow("a", "one").yaml());
      f.emulator.state().putFlowSource(T, Flows.flow("b.c", "two").yaml());
      f.emulator.state().putNamespaceFile(T, "z", "/f.txt", new byte[] {'f'});
      Snapshot read = f.side.reader().read(Scope.tenant(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE)));
      assertEquals(Set.of(ResourceKey.flow("a", "one"), ResourceKey.flow("b.c", "two"),
          ResourceKey.namespaceFile("z", "f.txt")), read.index().keySet());
    }
  }

  @Test
  void anUnknownNamespace_isEmptyOnOss() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      Snapshot read = f.side.reader().read(Scope.namespace("nowhere", EnumSet.of(ResourceKind.FLOW,
          ResourceKind.NAMESPACE_FILE)));
      assertTrue(read.entries().isEmpty());
      assertTrue(read.diagnostics().isEmpty(), read.diagnostics().toString());
    }
  }

  @Test
  void anUnknownNamespace_onEnterprise_isAnError_unlessMissingNamespacesAreAllowed() {
    Emulators.Server server = Emulators.Server.EE_2_0;
    try (KestraEmulator emulator = server.start(); KestraSide side = KestraSide.open(Emulators.settings(emulator, server))) {
      SourceNotFoundException e = assertThrows(SourceNotFoundException.class, () -> side.reader().read(FLOWS));
      assertTrue(e.getMessage().contains("namespace dev does not exist"), e.getMessage());

      try (KestraSide lenient = KestraSide.open(Emulators.settings(emulator, server).withAllowMissingNamespaces(true))) {
        Snapshot read = lenient.reader().read(FLOWS);
        assertTrue(read.entries().isEmpty());
        assertTrue(read.diagnostics().stream().anyMatch(d -> d.severity() == Severity.WARNING
            && d.message().contains("read as empty")), read.diagnostics().toString());
      }
      emulator.state().putNamespace(T, "dev");
      assertTrue(side.reader().read(FLOWS).entries().isEmpty(), "an existing, empty namespace reads as empty");
      assertEquals(0, emulator.requests().count("POST", "/**"), "reading never writes");
    }
  }

  @Test
  void dashboards_areKeyedByTheirIdNotTheirTitle_andBefore2_0ByTheIdTheirYamlDeclares() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putDashboard(T, "srv1", "id: overview\ntitle: Same\ncharts: []\n");
      f.emulator.state().putDashboard(T, "srv2", "title: Same\ncharts: []\n");
      Snapshot read = f.side.reader().read(Scope.global(EnumSet.of(ResourceKind.DASHBOARD)));
      assertEquals(Set.of(ResourceKey.dashboard("overview"), ResourceKey.dashboard("srv2")), read.index().keySet());
    }
    try (Fixture f = Fixture.of(Emulators.Server.EE_2_0)) {
      f.emulator.state().putDashboard(T, "one", "id: one\ntitle: Same\ncharts: []\n");
      f.emulator.state().putDashboard(T, "two", "id: two\ntitle: Same\ncharts: []\n");
      f.emulator.state().putDashboard(T, "three", "id: other\ntitle: Same\ncharts: []\n");
      Snapshot read = f.side.reader().read(Scope.global(EnumSet.of(ResourceKind.DASHBOARD)));
      assertEquals(Set.of(ResourceKey.dashboard("one"), ResourceKey.dashboard("two"), ResourceKey.dashboard("three")),
          read.index().keySet());
      assertTrue(read.index().get(ResourceKey.dashboard("three")).get(0).unreadable().isPresent(),
          "a dashboard whose YAML declares another id than Kestra's is not trusted");
    }
  }

  @Test
  void appsAndTests_onEnterprise_areKeyedByNamespaceAndId() {
    try (Fixture f = Fixture.of(Emulators.Server.EE_2_0)) {
      f.emulator.state().putNamespace(T, "dev");
      f.emulator.state().putApp(T, "u-1", "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: dev\nflowId: a\n");
      f.emulator.state().putApp(T, "u-2", "id: form\ntype: io.kestra.plugin.ee.apps.Execution\nnamespace: devops\nflowId: a\n");
      f.emulator.state().putTest(T, "dev", "suite", "id: suite\nnamespace: dev\nflowId: a\n");
      f.emulator.state().putTest(T, "dev", "broken", "id: broken\nnamespace: dev\nflowId: [\n");
      Snapshot read = f.side.reader().read(Scope.namespace("dev", EnumSet.of(ResourceKind.APP, ResourceKind.TEST)));
      assertEquals(Set.of(ResourceKey.app("dev", "form"), ResourceKey.test("dev", "suite"),
          ResourceKey.test("dev", "broken")), read.index().keySet());
      assertEquals(SnapshotEntry.Failure.INVALID_SYNTAX,
          read.index().get(ResourceKey.test("dev", "broken")).get(0).unreadable().orElseThrow().failure());
    }
  }

  @Test
  void anAppThatNamesNoNamespace_makesTheReadUnplannable() {
    try (Fixture f = Fixture.of(Emulators.Server.EE_2_0)) {
      f.emulator.state().putNamespace(T, "dev");
      f.emulator.state().putApp(T, "u-9", "- not\n- an app\n");
      Snapshot read = f.side.reader().read(Scope.namespace("dev", EnumSet.of(ResourceKind.APP)));
      List<Diagnostic> errors = read.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
      assertEquals(1, errors.size(), read.diagnostics().toString());
      assertTrue(errors.get(0).message().contains("u-9"), errors.get(0).message());
    }
  }

  @Test
  void kindsTheEditionLacks_areNamedBeforeAnythingIsPlanned() {
    try (Fixture f = Fixture.of(Emulators.Server.LEGACY_0_20)) {
      Snapshot read = f.side.reader().read(Scope.namespace("dev", EnumSet.of(ResourceKind.FLOW, ResourceKind.DASHBOARD,
          ResourceKind.APP, ResourceKind.TEST)));
      assertEquals(Set.of(ResourceKind.FLOW), read.scope().kinds());
      assertEquals(3, read.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).count(),
          read.diagnostics().toString());
      assertEquals(0, f.emulator.requests().count("*", "/api/v1/dashboards/**")
          + f.emulator.requests().count("*", "/api/v1/apps/**"), "no call is made for a kind the server lacks");
    }
  }

  @Test
  void listings_arePagedFromPage1_untilEverythingIsRead() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).pageSize(7).build())) {
      for (int i = 0; i < 20; i++) {
        emulator.state().putFlowSource(T, Flows.flow("dev", "f" + i).yaml());
      }
      emulator.requests().clear();
      assertEquals(20, side.reader().read(FLOWS).entries().size());
      List<String> pages = emulator.requests().all().stream()
          .filter(r -> r.path().endsWith("/flows/search"))
          .map(r -> r.query().replaceAll(".*(page=\\d+&size=\\d+).*", "$1")).toList();
      // Page 1 first (its total says how many follow); the others are asked for side by side, each once.
      assertEquals("page=1&size=7", pages.get(0), pages.toString());
      assertEquals(List.of("page=1&size=7", "page=2&size=7", "page=3&size=7"), pages.stream().sorted().toList());
    }
  }

  @Test
  void theIdentity_isADigestOfWhatWasRead() {
    try (Fixture f = Fixture.of(Emulators.Server.OSS_1_3)) {
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "a").yaml());
      String first = f.side.reader().read(FLOWS).identity();
      assertEquals(first, f.side.reader().read(FLOWS).identity());
      f.emulator.state().putFlowSource(T, Flows.flow("dev", "a").comment("changed").yaml());
      assertFalse(first.equals(f.side.reader().read(FLOWS).identity()));
    }
  }

  /** An emulator and a side opened on it, both closed together. */
  static final class Fixture implements AutoCloseable {
    final KestraEmulator emulator;
    final KestraSide side;

    private Fixture(KestraEmulator emulator, KestraSide side) {
      this.emulator = emulator;
      this.side = side;
    }

    static Fixture of(Emulators.Server server) {
      KestraEmulator emulator = server.start();
      return new Fixture(emulator, KestraSide.open(Emulators.settings(emulator, server).withAllowMissingNamespaces(true)));
    }

    @Override
    public void close() {
      side.close();
      emulator.close();
    }
  }
}
