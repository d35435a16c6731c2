package dev.driftless.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamespaceRewriteTest {

  private static String rewrite(String text, String namespace) {
    YamlDocument doc = YamlDocument.parse(text).document().orElseThrow();
    return doc.withNamespace(namespace).document().orElseThrow().text();
  }

  private static YamlProblem problem(String text, String namespace) {
    YamlDocument doc = YamlDocument.parse(text).document().orElseThrow();
    return doc.withNamespace(namespace).problem().orElseThrow();
  }

  @Test
  void rewrite_changesOnlyTheTopLevelValue_keepingEveryOtherByte() {
    String before = "# my flow\nid: hello\n\nnamespace: dev   # where it lives\n\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
    String after = "# my flow\nid: hello\n\nnamespace: prod   # where it lives\n\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n";
    assertEquals(after, rewrite(before, "prod"));
  }

  @Test
  void rewrite_keepsDoubleQuotes() {
    assertEquals("id: a\nnamespace: \"prod\"\ntasks: []\n", rewrite("id: a\nnamespace: \"dev\"\ntasks: []\n", "prod"));
  }

  @Test
  void rewrite_keepsSingleQuotes() {
    assertEquals("id: a\nnamespace: 'prod.team'\ntasks: []\n", rewrite("id: a\nnamespace: 'dev'\ntasks: []\n", "prod.team"));
  }

  @Test
  void rewrite_keepsTrailingComment() {
    assertEquals("namespace: prod # team A\nid: a\n", rewrite("namespace: dev # team A\nid: a\n", "prod"));
  }

  @Test
  void rewrite_keepsCrlfLineEndings() {
    String before = "id: a\r\nnamespace: dev\r\ntasks:\r\n  - id: t\r\n    type: io.kestra.plugin.core.log.Log\r\n";
    String after = "id: a\r\nnamespace: prod\r\ntasks:\r\n  - id: t\r\n    type: io.kestra.plugin.core.log.Log\r\n";
    assertEquals(after, rewrite(before, "prod"));
  }

  @Test
  void rewrite_ofDev_leavesDevopsAlone() {
    String before = "id: a\nnamespace: devops\ntasks: []\n";
    assertEquals("id: a\nnamespace: prod\ntasks: []\n", rewrite(before, "prod"),
        "the whole value is replaced, whatever it starts with");
    String task = "id: a\nnamespace: dev\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: devops\n    flowId: x\n";
    assertEquals(task.replace("namespace: dev\n", "namespace: prod\n"), rewrite(task, "prod"));
  }

  @Test
  void rewrite_leavesTaskLevelNamespaceKeys() {
    String before = "namespace: dev\nid: a\ntasks:\n  - id: files\n    type: io.kestra.plugin.core.namespace.DownloadFiles\n    namespace: dev\n";
    String after = "namespace: prod\nid: a\ntasks:\n  - id: files\n    type: io.kestra.plugin.core.namespace.DownloadFiles\n    namespace: dev\n";
    assertEquals(after, rewrite(before, "prod"));
  }

  @Test
  void rewrite_leavesSubflowReferences() {
    String before = "id: parent\nnamespace: dev\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n"
        + "    namespace: dev\n    flowId: child\ntriggers:\n  - id: after\n    type: io.kestra.plugin.core.trigger.Flow\n"
        + "    preconditions:\n      id: up\n      flows:\n        - namespace: dev\n          flowId: upstream\n";
    String after = before.replaceFirst("namespace: dev\n", "namespace: prod\n");
    assertEquals(after, rewrite(before, "prod"));
    YamlDocument doc = YamlDocument.parse(after).document().orElseThrow();
    assertEquals(java.util.List.of(new FlowReference("dev", "child"), new FlowReference("dev", "upstream")),
        doc.flowReferences());
  }

  @Test
  void rewrite_ignoresNamespaceLinesInsideBlockStringsAndComments() {
    String before = "id: a\ndescription: |\n  namespace: dev\n  ---\n# namespace: dev\nnamespace: dev\ntasks: []\n";
    String after = "id: a\ndescription: |\n  namespace: dev\n  ---\n# namespace: dev\nnamespace: prod\ntasks: []\n";
    assertEquals(after, rewrite(before, "prod"));
  }

  @Test
  void rewrite_thereAndBack_isIdentity() {
    String original = "# comment\r\nid: hello   \r\n\r\nnamespace:    'dev'    # odd spacing\r\ntasks:\r\n  - id: t\r\n"
        + "    type: io.kestra.plugin.core.flow.Subflow\r\n    namespace: dev\r\n    flowId: b\r\n";
    String there = rewrite(original, "company.team.prod");
    assertEquals(original, rewrite(there, "dev"));
  }

  @Test
  void rewrite_keepsByteOrderMarkAndDocumentMarker() {
    String before = "\uFEFF---\nid: a\nnamespace: dev\n";
    assertEquals("\uFEFF---\nid: a\nnamespace: prod\n", rewrite(before, "prod"));
  }

  @Test
  void rewrite_inFlowStyleMapping() {
    assertEquals("{id: a, namespace: prod, tasks: []}\n", rewrite("{id: a, namespace: dev, tasks: []}\n", "prod"));
  }

  @Test
  void rewrite_withNonAsciiText_keepsPositionsRight() {
    String before = "id: a\ndescription: \"Grüße 🚀\"\nnamespace: dev\n";
    assertEquals("id: a\ndescription: \"Grüße 🚀\"\nnamespace: prod\n", rewrite(before, "prod"));
  }

  @Test
  void rewrite_quotesANamespaceYamlWouldReadAsABoolean() {
    assertEquals("id: a\nnamespace: \"yes\"\n", rewrite("id: a\nnamespace: dev\n", "yes"));
  }

  @Test
  void rewrite_ofBlockStringNamespace_isAProblem() {
    YamlProblem p = problem("id: a\nnamespace: >-\n  dev\n", "prod");
    assertTrue(p.message().contains("block string"), p.message());
  }

  @Test
  void rewrite_toSameNamespace_returnsTheSameText() {
    String text = "id: a\nnamespace:  dev  # same\n";
    assertEquals(text, rewrite(text, "dev"));
  }
}
