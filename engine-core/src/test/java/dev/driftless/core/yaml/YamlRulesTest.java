package dev.driftless.core.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How {@link YamlDocument} judges texts is remembered elsewhere (a Git cache keeps each blob's
 * verdict) under {@link YamlDocument#rulesVersion()}. This corpus pins the judgement: when it fails
 * because a rule changed on purpose, bump {@code YamlDocument.RULES} and then update the list, so
 * that no verdict reached under the old rules is used again.
 */
class YamlRulesTest {

  private record Sample(ResourceKind kind, String text) {}

  private static final List<Sample> CORPUS = List.of(
      new Sample(ResourceKind.FLOW, "id: hello\nnamespace: company.team\ntasks: []\n"),
      new Sample(ResourceKind.FLOW, "id: hello\nnamespace: company.team\ntasks: [\n"),
      new Sample(ResourceKind.FLOW, "namespace: company.team\ntasks: []\n"),
      new Sample(ResourceKind.FLOW, "id: hello\ntasks: []\n"),
      new Sample(ResourceKind.FLOW, "id: 42\nnamespace: company.team\n"),
      new Sample(ResourceKind.FLOW, "id: hello\nnamespace: company..team\n"),
      new Sample(ResourceKind.FLOW, "id: he llo\nnamespace: company.team\n"),
      new Sample(ResourceKind.FLOW, "id: a\nid: b\nnamespace: company.team\n"),
      new Sample(ResourceKind.FLOW, "id: a\nnamespace: dev\n---\nid: b\nnamespace: dev\n"),
      new Sample(ResourceKind.FLOW, "- id: a\n"),
      new Sample(ResourceKind.FLOW, "just text\n"),
      new Sample(ResourceKind.FLOW, "   \n"),
      new Sample(ResourceKind.DASHBOARD, "title: Overview\ncharts: []\n"),
      new Sample(ResourceKind.DASHBOARD, "id: overview\ntitle: Overview\n"),
      new Sample(ResourceKind.APP, "id: form\nnamespace: dev\ntype: io.kestra.plugin.ee.apps.Execution\n"),
      new Sample(ResourceKind.TEST, "id: smoke\nflowId: hello\n"),
      new Sample(ResourceKind.FLOW, "id: hello\nnamespace: company.team\ntenantId: other\ntasks: []\n"),
      new Sample(ResourceKind.FLOW, "id: deep\nnamespace: dev\nx: " + "[".repeat(201) + "]".repeat(201) + "\n"),
      new Sample(ResourceKind.FLOW, "id: wide\nnamespace: dev\nx: [" + "0,".repeat(100_000) + "0]\n"));

  private static final List<String> RECORDED = List.of(
      "valid id=hello namespace=company.team",
      "invalid line 3: while parsing a flow node",
      "invalid: has no 'id'",
      "invalid: has no 'namespace'",
      "invalid: 'id' must be a non-empty string",
      "invalid: namespace 'company..team' is not valid: use dot-separated parts of letters, digits, '_' and '-'",
      "invalid: flow id 'he llo' is not valid: use letters, digits, '.', '_' and '-', starting with a letter, digit "
          + "or '_'",
      "invalid line 2: duplicate key 'id'",
      "invalid line 4: holds more than one YAML document ('---'); put one object per file",
      "invalid: must be a YAML mapping (key: value), not a list",
      "invalid: must be a YAML mapping (key: value), not a single value",
      "invalid: is empty",
      "valid id=- namespace=-",
      "valid id=overview namespace=-",
      "valid id=form namespace=dev",
      "invalid: has no 'namespace'",
      "valid id=hello namespace=company.team",
      "invalid line 3: is nested deeper than 200 levels; the limit for one YAML document is 200",
      "invalid line 3: has more than 100,000 keys and values; the limit for one YAML document is 100,000");

  private static String verdict(Sample sample) {
    ParsedYaml parsed = YamlDocument.parse(sample.text());
    Optional<YamlProblem> problem = parsed.problem()
        .or(() -> parsed.document().flatMap(doc -> doc.identityProblem(sample.kind())));
    if (problem.isPresent()) {
      String line = problem.get().line().isPresent() ? " line " + problem.get().line().getAsInt() : "";
      return "invalid" + line + ": " + problem.get().message();
    }
    YamlDocument doc = parsed.document().orElseThrow();
    return "valid id=" + doc.id().orElse("-") + " namespace=" + doc.namespace().orElse("-");
  }

  @Test
  void theRules_judgeTheCorpusAsRecorded() {
    List<String> now = new ArrayList<>();
    CORPUS.forEach(sample -> now.add(verdict(sample)));
    assertEquals(RECORDED, now, "YamlDocument judges some text differently from before: bump YamlDocument.RULES, "
        + "then record the new verdicts here");
  }

  @Test
  void theRulesVersion_namesTheYamlLibraries() {
    String rules = YamlDocument.rulesVersion();
    assertTrue(rules.contains("jackson-dataformat-yaml 2.") && rules.contains("snakeyaml "), rules);
  }
}
