package dev.driftless.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.driftless.emulator.internal.ApiException;
import dev.driftless.emulator.internal.FlowValidator;
import dev.driftless.emulator.internal.KestraVersion;
import dev.driftless.emulator.internal.PluginCatalogue;
import dev.driftless.emulator.internal.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator's flow validation against what a real Kestra 0.20.7 answers. Each flow of the
 * {@code validation/} folder comes with the answer a real 0.20.7 server gave to
 * {@code POST /api/v1/flows/validate} ({@code <name>.json}): the emulator must give the same
 * verdict and, but for the approximations listed below, the same text. Kestra lists violations in
 * no stable order, so lines are compared as sets.
 */
@Timeout(30)
class FlowValidationTest {

  private static final KestraVersion V0_20 = KestraVersion.parse("0.20.7");
  private static final FlowValidator KESTRA_0_20 = FlowValidator.of(V0_20, PluginCatalogue.stock(V0_20));

  /** Where the emulator's text knowingly differs from Kestra's: only what precedes this is compared. */
  private static final Map<String, String> APPROXIMATED = Map.of(
      "duplicate-key", " (through reference chain:");

  private static final String LOG = "  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: Hello\n";

  static Stream<String> recordedFlows() {
    try (Stream<Path> files = Files.list(folder())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedFlows")
  void validate_answersAsARealServer_forEachRecordedFlow(String name) throws IOException {
    String source = Files.readString(folder().resolve(name + ".yaml"));
    JsonNode real = Http.JSON.readTree(folder().resolve(name + ".json").toFile());
    FlowValidator.Report report = KESTRA_0_20.validate(source);

    assertEquals(!real.has("constraints"), report.isValid(), name + ": " + report.message());
    String expected = real.path("constraints").asText("");
    String actual = report.message();
    if (APPROXIMATED.containsKey(name)) {
      expected = expected.substring(0, expected.indexOf(APPROXIMATED.get(name)));
      actual = actual.substring(0, Math.min(actual.length(), expected.length()));
    }
    assertEquals(lines(expected), lines(actual), name);
    assertEquals(real.path("flow").asText(null), report.flow().orElse(null), name + ": flow");
    assertEquals(real.path("namespace").asText(null), report.namespace().orElse(null), name + ": namespace");
    assertEquals(real.has("deprecationPaths"), report.verdict().readable(), name + ": readable");
    if (real.has("deprecationPaths")) {
      assertEquals(texts(real.get("deprecationPaths")), report.deprecationPaths(), name + ": deprecationPaths");
      assertEquals(texts(real.get("warnings")), report.warnings(), name + ": warnings");
      assertEquals(texts(real.get("infos")), report.infos(), name + ": infos");
    }
  }

  @Test
  void validate_tellsTheThreeKindsOfRefusalApart() {
    assertEquals(FlowValidator.Verdict.UNREADABLE, KESTRA_0_20.validate(flow("tasks:\n  - id: a\n    type: x.Nope\n")).verdict());
    assertEquals(FlowValidator.Verdict.INVALID, KESTRA_0_20.validate(flow("tasks: []\n")).verdict());
    assertEquals(FlowValidator.Verdict.FAILED, KESTRA_0_20.validate(flow(
        "tasks:\n  - id: old\n    type: io.kestra.plugin.core.flow.Template\n    namespace: a\n    templateId: b\n")).verdict());
    assertEquals(FlowValidator.Verdict.VALID, KESTRA_0_20.validate(flow("tasks:\n" + LOG)).verdict());
  }

  @Test
  void validate_showsTaskIdsInPlaceOfTaskIndexes_butListsKestrasPaths() {
    FlowValidator.Report report = KESTRA_0_20.validate(flow(
        "tasks:\n  - id: par\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n"
            + "      - id: inner\n        type: io.kestra.plugin.core.log.Log\n"));
    assertEquals("inner.inner.message: must not be null\n", report.message());
    assertEquals("tasks[0].tasks[0].message", report.constraints().get(0).path());
  }

  @Test
  void validate_marksARevisionOtherThanTheNextOneOutdated() {
    String source = "revision: 3\n" + flow("tasks:\n" + LOG);
    assertTrue(KESTRA_0_20.validate(source).outdated(), "nothing stored: only revision 1 is current");
    assertFalse(KESTRA_0_20.validate(source, (ns, id) -> java.util.OptionalInt.of(2)).outdated());
  }

  @Test
  void check_refusesAnUnreadableFlow_withKestrasSingleMessage() {
    ApiException refused = assertThrows(ApiException.class,
        () -> KESTRA_0_20.check(flow("tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Shout\n")));
    assertEquals(ProblemType.VALIDATION_FAILED, refused.problem());
    assertEquals("Invalid type: io.kestra.plugin.core.log.Shout", refused.detail());
  }

  @Test
  void check_refusesViolations_withOneLinePerViolation() {
    ApiException refused = assertThrows(ApiException.class, () -> KESTRA_0_20.check("id: a\ntasks: []\n"));
    assertEquals(ProblemType.VALIDATION_FAILED, refused.problem());
    assertEquals(List.of("namespace: must not be null", "tasks: must not be empty"), lines(refused.detail()));
    assertTrue(refused.detail().endsWith("\n"), "Kestra ends each violation with a line break");
  }

  @Test
  void check_answersAnInternalError_whenKestrasOwnValidationFails() {
    ApiException failed = assertThrows(ApiException.class, () -> KESTRA_0_20.check(flow(
        "tasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.WaitFor\n    condition: x\n")));
    assertEquals(ProblemType.INTERNAL_ERROR, failed.problem());
    assertEquals("HV000028: Unexpected exception during isValid call.", failed.detail());
  }

  @Test
  void check_returnsTheParsedFlow_whenValid() {
    assertEquals("orders", KESTRA_0_20.check(flow("tasks:\n" + LOG)).id());
  }

  @Test
  void createOverHttp_refusesAnUnknownType_as0_20Does() {
    try (KestraEmulator kestra = KestraEmulator.builder().version("0.20.7").start()) {
      Http.Res refused = Http.at(kestra.apiUrl()).postYaml("/flows",
          flow("tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Shout\n"));
      assertEquals(422, refused.status(), refused.text());
      assertEquals("Invalid entity: Invalid type: io.kestra.plugin.core.log.Shout", refused.json().get("message").asText());
    }
  }

  @Test
  void catalogue_knowsStockTypesAliasesAndAddedTypes_only() {
    PluginCatalogue stock = PluginCatalogue.stock(V0_20);
    assertTrue(stock.knows("io.kestra.plugin.core.log.Log"));
    assertTrue(stock.knows("io.kestra.core.tasks.log.Log"));
    assertEquals("io.kestra.plugin.core.log.Log", stock.replacementOf("io.kestra.core.tasks.log.Log").orElseThrow());
    assertFalse(stock.knows("io.kestra.plugin.scripts.shell.Commands"));
    assertTrue(stock.plus(List.of("io.kestra.plugin.scripts.shell.Commands")).knows("io.kestra.plugin.scripts.shell.Commands"));
    assertTrue(stock.anyType().knows("com.example.Anything"));
    assertFalse(stock.anyType().knows("not a type"));
  }

  @Test
  void addedPlugins_passWithAnyProperties_butStockOnesAreChecked() {
    PluginCatalogue withScripts = PluginCatalogue.stock(V0_20).plus(List.of("io.kestra.plugin.scripts.shell.Commands"));
    FlowValidator validator = FlowValidator.of(V0_20, withScripts);
    assertTrue(validator.validate(flow(
        "tasks:\n  - id: sh\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands: [ls]\n")).isValid());
    assertFalse(validator.validate(flow("tasks:\n" + LOG + "    colour: red\n")).isValid());
  }

  @Test
  void laterVersions_checkTypesIdsAndStructure_fromTheDerivedCatalogue() {
    KestraVersion v13 = KestraVersion.parse("1.3.0");
    FlowValidator kestra13 = FlowValidator.of(v13, PluginCatalogue.stock(v13));
    assertTrue(kestra13.validate(flow("tasks:\n" + LOG + "finally:\n" + LOG.replace("hello", "bye"))).isValid(),
        "finally exists from 0.21");
    assertTrue(kestra13.validate(flow("tasks:\n  - id: loop\n    type: io.kestra.plugin.core.flow.LoopUntil\n"
        + "    condition: x\n    tasks:\n" + LOG.replace("  - ", "      - ").replace("\n    ", "\n        "))).isValid());
    assertEquals(List.of("io.kestra.plugin.core.flow.WaitFor is replaced by io.kestra.plugin.core.flow.LoopUntil"),
        kestra13.validate(flow("tasks:\n  - id: w\n    type: io.kestra.plugin.core.flow.WaitFor\n")).infos());
    assertEquals("Invalid type: io.kestra.plugin.core.log.Shout",
        kestra13.validate(flow("tasks:\n  - id: a\n    type: io.kestra.plugin.core.log.Shout\n")).message());
    assertTrue(kestra13.validate(flow("tasks:\n" + LOG + LOG)).message().contains("Duplicate task id with name [hello]"));
    assertTrue(kestra13.validate(flow("tasks:\n" + LOG + "    anything: goes\n")).isValid(),
        "properties are not checked after 0.20");
  }

  @Test
  void from1_0_reservedFlowIdsAreRefused_asAFlowViolation() {
    KestraVersion v10 = KestraVersion.parse("1.0.4");
    String pause = "id: pause\nnamespace: dev\ntasks:\n" + LOG;
    assertTrue(FlowValidator.of(V0_20, PluginCatalogue.stock(V0_20)).validate(pause).isValid());
    FlowValidator.Report refused = FlowValidator.of(v10, PluginCatalogue.stock(v10)).validate(pause);
    assertTrue(refused.message().startsWith(": Invalid Flow: Flow id is a reserved keyword: pause."), refused.message());
    assertEquals("", refused.constraints().get(0).path());
  }

  private static String flow(String rest) {
    return "id: orders\nnamespace: shop.sales\n" + rest;
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n")));
    lines.removeIf(String::isEmpty);
    lines.sort(null);
    return lines;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    ((ArrayNode) array).forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Path folder() {
    try {
      return Path.of(Objects.requireNonNull(FlowValidationTest.class.getResource("validation")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The flows of Kestra's own {@code flows/valids} that a stock 0.20.7 server refuses: they use plugin
   * types only Kestra's test class path has ({@code io.kestra.core.tasks.test.*} and the like).
   * Recorded from a real 0.20.7 server, which refuses every flow of {@code flows/invalids} too.
   */
  private static final java.util.Set<String> VALIDS_A_STOCK_SERVER_REFUSES = java.util.Set.of("alias-task.yaml",
      "alias-trigger.yaml", "dynamic-task.yaml", "encrypted-string.yaml", "exception-with-output.yaml",
      "executable-fail.yml", "flow-concurrency-cancel.yml", "flow-concurrency-fail.yml", "flow-concurrency-queue.yml",
      "flowable-fail.yaml", "retry-dynamic-task.yaml", "sleep.yml", "workertask-result-to-large.yaml",
      "working-directory-namespace-files.yaml", "working-directory-taskrun-encrypted.yml");

  /** Kestra's own test flows (io.kestra:core:0.20.7:tests, read as data) get a real 0.20.7 server's verdicts. */
  @Test
  void kestrasOwnTestFlows_getTheVerdictsOfARealServer() throws Exception {
    java.net.URI jar = Objects.requireNonNull(getClass().getClassLoader().getResource("flows/valids"),
        "io.kestra:core:0.20.7:tests is not on the test class path").toURI();
    int checked = 0;
    try (java.nio.file.FileSystem fs = java.nio.file.FileSystems.newFileSystem(jar, Map.of())) {
      for (String folder : List.of("valids", "invalids")) {
        try (Stream<Path> files = Files.list(fs.getPath("/flows", folder))) {
          for (Path file : files.toList()) {
            String name = file.getFileName().toString();
            boolean valid = folder.equals("valids") && !VALIDS_A_STOCK_SERVER_REFUSES.contains(name);
            FlowValidator.Report report = KESTRA_0_20.validate(Files.readString(file).split("\\n+---\\n*?")[0]);
            assertEquals(valid, report.isValid(), folder + "/" + name + ": " + report.message());
            checked++;
          }
        }
      }
    }
    assertTrue(checked > 190, "only " + checked + " of Kestra's test flows were found");
  }
}
