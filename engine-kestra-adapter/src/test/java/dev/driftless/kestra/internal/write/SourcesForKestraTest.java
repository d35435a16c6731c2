package dev.driftless.kestra.internal.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How sources are adapted for Kestra's quirks, and only for them: never what is stored. */
class SourcesForKestraTest {

  @Test
  void validation_dropsOnlyDocumentMarkers_soKestrasSplitOnDashesLinesUp() {
    assertEquals("id: a\n", FlowValidation.forValidation("---\nid: a\n"));
    assertEquals("id: a\r\n", FlowValidation.forValidation("--- # start\r\nid: a\r\n"));
    assertEquals("id: a\n", FlowValidation.forValidation("id: a\n...\n"));
    String block = "id: a\ntasks:\n  - id: t\n    script: |\n      ---\n      echo\n";
    assertEquals(block, FlowValidation.forValidation(block));
  }

  @Test
  void validation_takesOneCallForAnOrdinaryPlan_andSplitsOnlyWhatWouldBeTooLarge() {
    java.util.List<dev.driftless.resource.Resource> small = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      small.add(dev.driftless.resource.Resource.of(dev.driftless.resource.ResourceKey.flow("dev", "f" + i),
          "id: f" + i + "\nnamespace: dev\n" + "# padding\n".repeat(100)));
    }
    assertEquals(1, FlowValidation.batches(small).size());
    java.util.List<dev.driftless.resource.Resource> big = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      big.add(dev.driftless.resource.Resource.of(dev.driftless.resource.ResourceKey.flow("dev", "b" + i),
          dev.driftless.resource.Content.of(new byte[3 * 1024 * 1024])));
    }
    assertEquals(java.util.List.of(2, 2, 1), FlowValidation.batches(big).stream().map(java.util.List::size).toList());
  }

  @Test
  void dashboardsBefore2_0_areCreatedWithoutTheirTopLevelIdLine_only() {
    assertEquals("title: T\ncharts:\n  - id: c\n", text(DashboardSources.withoutId(
        bytes("id: overview\ntitle: T\ncharts:\n  - id: c\n"))));
    assertEquals("# head\r\ntitle: T\r\n", text(DashboardSources.withoutId(bytes("# head\r\nid: x\r\ntitle: T\r\n"))));
    assertEquals("title: T\n", text(DashboardSources.withoutId(bytes("title: T\n"))));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
