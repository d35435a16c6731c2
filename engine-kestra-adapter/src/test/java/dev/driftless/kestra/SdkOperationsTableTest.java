package dev.driftless.kestra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.driftless.kestra.internal.client.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Operation} sends what Kestra's official Java SDK sends for the same call, as recorded
 * in {@code sdk-operations.tsv}: the table the contract suite ({@code engine-kestra-contract}, built
 * on JDK 21 and later, where the SDK runs) records from the SDK's own requests and checks is
 * committed. This test needs no SDK, so it holds the adapter to the table on every JDK.
 */
class SdkOperationsTableTest {

  private static final String TABLE = "sdk-operations.tsv";
  private static final String HEADER = "sdk_operation\tmethod\tpath_template\taccept\tcontent_type";

  /** One row: what the SDK sends for one of its methods. */
  private record Row(String method, String path, String accept, String contentType) {}

  @Test
  void everyOperation_hasARowOfTheSdksTable() {
    Map<String, Row> table = table();
    List<String> missing = new ArrayList<>();
    for (Operation op : Operation.values()) {
      if (!table.containsKey(op.sdkName())) {
        missing.add(op + " (" + op.sdkName() + ")");
      }
    }
    assertEquals(List.of(), missing, "operations the SDK table does not know");
  }

  @Test
  void everyOperation_sendsTheSdksAcceptAndContentType_onTheSdksMethodAndPath() {
    Map<String, Row> table = table();
    List<String> wrong = new ArrayList<>();
    for (Operation op : Operation.values()) {
      Row sdk = table.get(op.sdkName());
      if (sdk == null) {
        continue;
      }
      Row adapter = new Row(op.method(), op.root() ? op.template() : "/api/v1/{tenant}" + op.template(),
          op.accept().orElse(""), op.contentType().map(Operation::mediaType).orElse(""));
      if (!adapter.method().equals(sdk.method()) || !unnamed(adapter.path()).equals(unnamed(sdk.path()))
          || !adapter.accept().equals(sdk.accept()) || !adapter.contentType().equals(sdk.contentType())) {
        wrong.add(op + " sends " + adapter + ", the SDK's " + op.sdkName() + " " + sdk);
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** The table's rows by SDK method. */
  private static Map<String, Row> table() {
    String text;
    try (InputStream in = SdkOperationsTableTest.class.getResourceAsStream(TABLE)) {
      assertNotNull(in, TABLE + " is missing from the test resources");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + TABLE, e);
    }
    List<String> lines = text.lines().toList();
    assertEquals(HEADER, lines.get(0), TABLE + "'s header");
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t", -1);
      assertEquals(5, cells.length, "a row of " + TABLE + ": " + line);
      rows.put(cells[0], new Row(cells[1], cells[2], cells[3], cells[4]));
    }
    return rows;
  }

  /** A path template with its variables unnamed, so that {@code {uid}} and {@code {id}} compare equal. */
  private static String unnamed(String template) {
    return template.replaceAll("\\{[^}]+}", "{}");
  }
}
