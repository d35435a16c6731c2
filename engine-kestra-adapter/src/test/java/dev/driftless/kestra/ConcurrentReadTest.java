package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.emulator.Fault;
import dev.driftless.emulator.KestraEmulator;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.PendingRead;
import dev.driftless.port.SideUnavailableException;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import dev.driftless.testkit.fixture.Flows;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A tenant-wide read exports the files of each namespace on its own, several at a time
 * ({@code readConcurrency}): what it reads, the order it is merged in, its limits and its failures
 * are those of the same read one export after another.
 */
@Timeout(60)
class ConcurrentReadTest {

  private static final String T = KestraEmulator.DEFAULT_TENANT;
  private static final Scope TENANT = Scope.tenant(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
  private static final int NAMESPACES = 40;

  @Test
  void aTenantWideRead_ofManyNamespaces_isTheSameSnapshot_readConcurrentlyOrOneAfterAnother() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start()) {
      fill(emulator);
      // An unreadable path and a file over the size limit: their warnings come in the same order too.
      emulator.state().putNamespaceFile(T, "ns07", "/too-large.bin", new byte[4096]);
      emulator.state().putNamespaceFile(T, "ns31", "/too-large.bin", new byte[4096]);
      // More flows than one chunk of parsing, two of them broken, in different chunks.
      for (int i = 0; i < 600; i++) {
        emulator.state().putFlowSource(T, Flows.flow(String.format("ns%02d", i % NAMESPACES), String.format("f%03d", i)).yaml());
      }
      emulator.state().putFlowSource(T, "id: broken\nnamespace: ns03\ntasks:\n  - id: t\n    type: [unclosed\n");
      emulator.state().putFlowSource(T, "ns37", "nameless", "- just\n- a list\n");
      Snapshot oneByOne = read(emulator, server, b -> b.readConcurrency(1).namespaceFileSizeLimit(2048));
      Snapshot concurrent = read(emulator, server, b -> b.readConcurrency(8).namespaceFileSizeLimit(2048));
      assertEquals(oneByOne.identity(), concurrent.identity());
      assertEquals(oneByOne.entries(), concurrent.entries());
      assertEquals(oneByOne.diagnostics(), concurrent.diagnostics());
      assertEquals(NAMESPACES * 3 + 2 + 600 + 2, concurrent.entries().size(), "not vacuous: every flow and file was read");
      assertEquals(2, concurrent.entries().stream().filter(e -> e.unreadable().isPresent()
          && e.kind() == ResourceKind.FLOW).count(), "both broken flows are unreadable, and only they");
      assertEquals(2, concurrent.diagnostics().stream().filter(d -> d.message().contains("size limit")).count());
    }
  }

  @Test
  void aFlowListingOfManyPages_isFetchedSideBySide_andReadsTheSame_withTheSameRequests() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start()) {
      fill(emulator);
      for (int i = 0; i < 610; i++) {
        emulator.state().putFlowSource(T, Flows.flow(String.format("ns%02d", i % NAMESPACES), String.format("f%03d", i)).yaml());
      }
      String search = "/api/v1/main/flows/search";
      Snapshot oneByOne = read(emulator, server, b -> b.readConcurrency(1).pageSize(50));
      long pagesOneByOne = emulator.requests().count("GET", search);
      emulator.requests().clear();
      Snapshot concurrent = read(emulator, server, b -> b.readConcurrency(8).pageSize(50));
      assertEquals(oneByOne.entries(), concurrent.entries());
      assertEquals(oneByOne.diagnostics(), concurrent.diagnostics());
      assertEquals(NAMESPACES * 3 + 610, concurrent.entries().size(), "not vacuous: every flow and file was read");
      // 650 flows, 50 a page: 13 full pages, then the short (empty) one that ends the listing.
      assertEquals(14, pagesOneByOne);
      assertEquals(pagesOneByOne, emulator.requests().count("GET", search), "no page is asked for twice or in vain");
    }
  }

  @Test
  void theExportByteLimit_holdsForTheWholeRead_whenExportsRunAtTheSameTime() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start()) {
      fill(emulator);
      long fileBytes = NAMESPACES * 2L * fileOf(0, "x").length;
      // Each export is far below the limit; together the file exports are over it.
      DriftlessException refused = assertThrows(DriftlessException.class,
          () -> read(emulator, server, b -> b.readConcurrency(8).maxExportBytes(flowBytes(emulator) + fileBytes - 1)));
      assertTrue(refused.getMessage().contains("the limit for one read (maxExportBytes)"), refused.getMessage());
      assertTrue(refused.getMessage().contains("bytes of the exports read before it"), refused.getMessage());
      // Exactly enough is read.
      Snapshot read = read(emulator, server, b -> b.readConcurrency(8).maxExportBytes(flowBytes(emulator) + fileBytes));
      assertEquals(NAMESPACES * 3, read.entries().size());
    }
  }

  @Test
  void aFailingExport_failsTheRead_withTheMessage_itHasOneAfterAnother() {
    Emulators.Server server = Emulators.Server.OSS_1_3;
    try (KestraEmulator emulator = server.start()) {
      fill(emulator);
      emulator.faults().add(Fault.internalError(1.0).on("GET", "/api/v1/main/namespaces/ns23/files/export"));
      SideUnavailableException oneByOne = assertThrows(SideUnavailableException.class,
          () -> read(emulator, server, b -> b.readConcurrency(1)));
      SideUnavailableException concurrent = assertThrows(SideUnavailableException.class,
          () -> read(emulator, server, b -> b.readConcurrency(8)));
      assertEquals(oneByOne.getMessage(), concurrent.getMessage());
      assertTrue(concurrent.getMessage().contains("/namespaces/ns23/files/export"), concurrent.getMessage());
      assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
          && t.getName().startsWith("driftless-kestra-read-") && waitEnded(t)), "no export thread is left running");
    }
  }

  @Test
  void aStartedRead_asksForTheOtherSidesNamespaces_afterItsListedExportsAreUnderWay_andReadsThemToo() {
    // Kestra 0.20 does not list a namespace that holds only files: it is read where Git has it.
    Emulators.Server server = Emulators.Server.LEGACY_0_20;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).readConcurrency(4).build())) {
      fill(emulator);
      emulator.state().putNamespaceFile(T, "files.only", "/f.txt", "f".getBytes(StandardCharsets.UTF_8));
      CompletableFuture<Set<String>> gitNamespaces = new CompletableFuture<>();
      CompletableFuture<Long> flowExportsWhenAsked = new CompletableFuture<>();
      PendingRead pending = side.reader().start(TENANT, () -> {
        flowExportsWhenAsked.complete(emulator.requests().count("GET", "/api/v1/flows/export/**"));
        return gitNamespaces.join();
      });
      assertEquals(1L, flowExportsWhenAsked.join(), "asked once Kestra's own listing is read");
      // While the other side is still being read, every namespace Kestra lists is exported.
      String exports = "/api/v1/namespaces/*/files/export";
      for (long deadline = System.nanoTime() + 20_000_000_000L; emulator.requests().count("GET", exports) < NAMESPACES
          && System.nanoTime() < deadline; ) {
        Thread.onSpinWait();
      }
      long before = emulator.requests().count("GET", exports);
      assertTrue(before >= NAMESPACES, before + " exports");
      gitNamespaces.complete(Set.of("files.only", "ns00"));
      Snapshot started = pending.await();
      assertEquals(before + 1, emulator.requests().count("GET", exports), "then the namespace only Git listed");
      assertTrue(started.resource(ResourceKey.namespaceFile("files.only", "f.txt")).isPresent());
      Snapshot upFront = side.reader().read(TENANT, Set.of("files.only", "ns00"));
      assertEquals(upFront.entries(), started.entries());
      assertEquals(upFront.diagnostics(), started.diagnostics());
    }
  }

  @Test
  void aCancelledRead_endsItsThreads_andThrowsNothing() {
    Emulators.Server server = Emulators.Server.LEGACY_0_20;
    try (KestraEmulator emulator = server.start();
        KestraSide side = KestraSide.open(Emulators.settings(emulator, server.auth()).build())) {
      fill(emulator);
      CompletableFuture<Set<String>> gitNamespaces = new CompletableFuture<>();
      PendingRead pending = side.reader().start(TENANT, gitNamespaces::join);
      gitNamespaces.completeExceptionally(new IllegalStateException("the other side's read failed"));
      pending.cancel();
      assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
          && t.getName().startsWith("driftless-kestra-read") && waitEnded(t)), "no read thread is left running");
    }
  }

  /** {@value #NAMESPACES} namespaces, each with a flow and two files. */
  private static void fill(KestraEmulator emulator) {
    for (int i = 0; i < NAMESPACES; i++) {
      String ns = String.format("ns%02d", i);
      emulator.state().putFlowSource(T, Flows.flow(ns, "flow").yaml());
      emulator.state().putNamespaceFile(T, ns, "/a.txt", fileOf(i, "a"));
      emulator.state().putNamespaceFile(T, ns, "/dir/b.txt", fileOf(i, "b"));
    }
  }

  private static byte[] fileOf(int i, String name) {
    return String.format("%s of namespace %02d\n", name, i).getBytes(StandardCharsets.UTF_8);
  }

  private static long flowBytes(KestraEmulator emulator) {
    long bytes = 0;
    for (int i = 0; i < NAMESPACES; i++) {
      bytes += Flows.flow(String.format("ns%02d", i), "flow").yaml().getBytes(StandardCharsets.UTF_8).length;
    }
    return bytes;
  }

  private static Snapshot read(KestraEmulator emulator, Emulators.Server server,
      Function<KestraSettings.Builder, KestraSettings.Builder> settings) {
    try (KestraSide side = KestraSide.open(settings.apply(Emulators.settings(emulator, server.auth())).build())) {
      return side.reader().read(TENANT);
    }
  }

  /** Whether the thread is still alive after a short wait (an interrupted call ends promptly). */
  private static boolean waitEnded(Thread t) {
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return t.isAlive();
  }
}
