package dev.driftless.kestra.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.driftless.kestra.internal.client.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the SDK sends, operation by operation, recorded by the emulator while every scenario of this
 * suite runs: the table holds the adapter's {@link Operation}s to the SDK's {@code Accept} and
 * {@code Content-Type} (Kestra routes by them), and is committed to the adapter's test resources as
 * {@code sdk-operations.tsv}, where a JDK 17 build checks the adapter against it too and a new SDK
 * version shows up as a diff.
 *
 * <p>After a deliberate change (a new SDK version, a new scenario), rewrite the committed table with
 * {@code -Ddriftless.sdkOperations.update=true} and review the diff.
 */
@Timeout(120)
class SdkOperationsContractTest {

  /** A scenario of this suite on one server. */
  private record Scenario(String name, Server server, Consumer<SdkSession> calls) {}

  private static final List<Scenario> SCENARIOS = scenarios();
  private static final OperationTable TABLE = new OperationTable();

  private static List<Scenario> scenarios() {
    List<Scenario> out = new ArrayList<>();
    for (Server server : Server.all()) {
      out.add(new Scenario("flows", server, FlowsContractTest::syncCalls));
      out.add(new Scenario("namespace files", server, NamespaceFilesContractTest::syncCalls));
      out.add(new Scenario("namespace search", server, NamespacesContractTest::searchCalls));
      out.add(new Scenario("execution", server, ExecutionsAndConfigsContractTest::executionCalls));
      out.add(new Scenario("configs", server, ExecutionsAndConfigsContractTest::configsCall));
    }
    for (Server server : Server.enterprise()) {
      out.add(new Scenario("namespace writes", server, NamespacesContractTest::enterpriseCalls));
      out.add(new Scenario("apps", server, AppsContractTest::syncCalls));
      out.add(new Scenario("test suites", server, TestSuitesContractTest::syncCalls));
    }
    out.add(new Scenario("dashboards", Server.OSS_1_3, DashboardsContractTest::serverMadeIds));
    out.add(new Scenario("dashboards", Server.EE_1_3, DashboardsContractTest::serverMadeIds));
    out.add(new Scenario("dashboards", Server.OSS_2_0, DashboardsContractTest::readOnly));
    out.add(new Scenario("dashboards", Server.EE_2_0, DashboardsContractTest::idsFromYaml));
    return List.copyOf(out);
  }

  @BeforeAll
  @Timeout(120)
  static void recordEveryScenario() {
    for (Scenario scenario : SCENARIOS) {
      try (SdkSession s = SdkSession.start(scenario.server(), TABLE)) {
        scenario.calls().accept(s);
      } catch (AssertionError e) {
        throw new AssertionError(scenario.name() + " on " + scenario.server() + ": " + e.getMessage(), e);
      }
    }
  }

  @Test
  void everyOperation_sendsTheSameHeadersEveryTime() {
    assertEquals(List.of(), TABLE.conflicts());
  }

  @Test
  void everyAdapterOperation_sendsWhatTheSdkSendsForIt() {
    List<String> wrong = new ArrayList<>();
    for (Operation op : Operation.values()) {
      Optional<OperationTable.Row> row = TABLE.row(op.sdkName());
      if (row.isEmpty()) {
        wrong.add(op + ": no scenario called " + op.sdkName());
        continue;
      }
      OperationTable.Row sdk = row.get();
      String accept = op.accept().orElse("");
      String contentType = op.contentType().map(OperationTable::mediaType).orElse("");
      if (!sdk.method().equals(op.method()) || !sdk.accept().equals(accept) || !sdk.contentType().equals(contentType)
          || !normalized(sdk.path()).equals(normalized(adapterPath(op)))) {
        wrong.add(op + " is " + op.method() + " " + adapterPath(op) + " Accept '" + accept + "' Content-Type '"
            + contentType + "', but the SDK's " + sdk.operation() + " is " + sdk.method() + " " + sdk.path()
            + " Accept '" + sdk.accept() + "' Content-Type '" + sdk.contentType() + "'");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theRecording_equalsTheCommittedTable() throws IOException {
    Path committed = committedTable();
    String recorded = TABLE.toTsv();
    if (Boolean.getBoolean("driftless.sdkOperations.update")) {
      Files.writeString(committed, recorded, StandardCharsets.UTF_8);
    }
    String expected = Files.readString(committed, StandardCharsets.UTF_8);
    assertEquals(OperationTable.parse(expected), OperationTable.parse(recorded),
        "the SDK's requests differ from " + committed + " (rewrite it with -Ddriftless.sdkOperations.update=true"
            + " and review the diff)");
    assertEquals(expected, recorded, committed + " is not in its canonical form");
  }

  /** The committed table, in the adapter's test resources. */
  private static Path committedTable() {
    String configured = System.getProperty("driftless.sdkOperationsTsv", "");
    Path path = configured.isEmpty()
        ? Path.of("..", "engine-kestra-adapter", "src", "test", "resources", "dev", "driftless", "kestra",
            "sdk-operations.tsv")
        : Path.of(configured);
    return path.toAbsolutePath().normalize();
  }

  /** The operation's path as the emulator names a route: below {@code /api/v1/{tenant}}, or the root's. */
  private static String adapterPath(Operation op) {
    return op.root() ? op.template() : "/api/v1/{tenant}" + op.template();
  }

  /** A template with its variables unnamed, so that {@code {uid}} and {@code {id}} compare equal. */
  private static String normalized(String template) {
    return template.replaceAll("\\{[^}]+}", "{}");
  }
}
