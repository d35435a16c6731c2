package dev.driftless.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKind;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class YamlDocumentTest {

  private static YamlProblem problemOf(String text) {
    return YamlDocument.parse(text).problem().orElseThrow(() -> new AssertionError("expected a problem"));
  }

  @Test
  void parse_unparseableYaml_isAProblemWithItsLine() {
    YamlProblem p = problemOf("id: a\nnamespace: dev\ntasks:\n  - id: [unclosed\n");
    assertTrue(p.line().isPresent(), p.describe());
  }

  @Test
  void parse_duplicateKeys_isAProblemNamingTheKey() {
    YamlProblem p = problemOf("id: a\nnamespace: dev\nid: b\n");
    assertTrue(p.message().contains("id"), p.message());
    assertEquals(OptionalInt.of(3), p.line());
  }

  @Test
  void parse_severalDocuments_isAProblem() {
    YamlProblem p = problemOf("id: a\nnamespace: dev\n---\nid: b\nnamespace: dev\n");
    assertTrue(p.message().contains("more than one"), p.message());
  }

  @Test
  void parse_blockStringHoldingDashes_isOneDocument() {
    String text = "id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: x.Y\n    script: |\n      echo a\n      ---\n      echo b\n";
    assertTrue(YamlDocument.parse(text).document().isPresent());
  }

  @Test
  void parse_listOrScalarRoot_isAProblem() {
    assertTrue(problemOf("- a\n- b\n").message().contains("list"));
    assertTrue(problemOf("just text\n").message().contains("single value"));
    assertTrue(problemOf("   \n").message().contains("empty"));
  }

  @Test
  void parse_binaryContent_isAProblem() {
    assertTrue(YamlDocument.parse(Content.of(new byte[] {(byte) 0xff, 0, 1})).problem().isPresent());
  }

  @Test
  void parse_aliasBomb_isNotExpanded() {
    StringBuilder bomb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char p = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
          .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
    }
    // Aliases stay references in the tree: 26 keys, not 9 * 6^25 strings.
    YamlDocument doc = YamlDocument.parse(bomb.toString()).document().orElseThrow();
    assertEquals(26, doc.fieldNames().size());
  }

  @Test
  void identityProblem_flowWithoutId_isNamed() {
    YamlDocument doc = YamlDocument.parse("namespace: dev\ntasks: []\n").document().orElseThrow();
    assertEquals("has no 'id'", doc.identityProblem(ResourceKind.FLOW).orElseThrow().message());
  }

  @Test
  void identityProblem_flowWithoutNamespace_isNamed() {
    YamlDocument doc = YamlDocument.parse("id: a\ntasks: []\n").document().orElseThrow();
    assertEquals("has no 'namespace'", doc.identityProblem(ResourceKind.FLOW).orElseThrow().message());
  }

  @Test
  void identityProblem_numericId_isNamed() {
    YamlDocument doc = YamlDocument.parse("id: 12\nnamespace: dev\n").document().orElseThrow();
    assertTrue(doc.identityProblem(ResourceKind.FLOW).isPresent());
  }

  @Test
  void identityProblem_dashboardWithoutId_isAccepted() {
    YamlDocument doc = YamlDocument.parse("title: Overview\ncharts: []\n").document().orElseThrow();
    assertFalse(doc.identityProblem(ResourceKind.DASHBOARD).isPresent());
  }

  @Test
  void sameAs_ignoresCommentsQuotesLayoutAndServerKeys() {
    YamlDocument a = YamlDocument.parse("# c\nid: a\nnamespace: dev\ntasks:\n  - {id: t, type: x.Y}\n").document().orElseThrow();
    YamlDocument b = YamlDocument.parse("id: 'a'\nnamespace: \"dev\"\nrevision: 4\ntasks:\n- id: t\n  type: x.Y\n")
        .document().orElseThrow();
    assertTrue(a.sameAs(b));
    YamlDocument c = YamlDocument.parse("id: a\nnamespace: dev\ntasks:\n  - {id: t, type: x.Z}\n").document().orElseThrow();
    assertFalse(a.sameAs(c));
  }

  @Test
  void flowReferences_findSubflowsTriggersAndSkipTemplates() {
    String text = "id: p\nnamespace: dev\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.flow.Subflow\n"
        + "    namespace: dev.team\n    flowId: child\n  - id: b\n    type: io.kestra.plugin.core.flow.Subflow\n"
        + "    namespace: \"{{ vars.ns }}\"\n    flowId: other\n  - id: c\n    type: io.kestra.plugin.core.flow.ForEachItem\n"
        + "    items: x\n    namespace: dev\n    flowId: item\n";
    YamlDocument doc = YamlDocument.parse(text).document().orElseThrow();
    assertEquals(List.of(new FlowReference("dev.team", "child"), new FlowReference("dev", "item")), doc.flowReferences());
  }
}
