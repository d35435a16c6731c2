package dev.driftless.kestra.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the SDK sends for each operation, as the emulator recorded it: one {@link Row} per SDK method.
 * Every call of an operation must agree with the first; a disagreement is kept as a conflict. Its TSV
 * form is committed, so that a new SDK version shows up as a diff. Thread-safe.
 */
final class OperationTable {

  /** The header line of the TSV form. */
  static final String HEADER = "sdk_operation\tmethod\tpath_template\taccept\tcontent_type";

  /**
   * One operation.
   *
   * @param operation   the SDK method, such as {@code FlowsApi.exportFlowsByQuery}, or {@code configs}
   * @param method      the HTTP method
   * @param path        the template of the route the emulator took, such as {@code /api/v1/{tenant}/flows/{namespace}/{id}}
   * @param accept      the {@code Accept} header, empty when none was sent
   * @param contentType the media type of the {@code Content-Type} header, without parameters; empty when none
   */
  record Row(String operation, String method, String path, String accept, String contentType) {

    Row {
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(accept, "accept");
      Objects.requireNonNull(contentType, "contentType");
    }

    String tsv() {
      return String.join("\t", operation, method, path, accept, contentType);
    }

    static Row parse(String line) {
      String[] cells = line.split("\t", -1);
      if (cells.length != 5) {
        throw new IllegalArgumentException("a row has 5 tab-separated cells: " + line);
      }
      return new Row(cells[0], cells[1], cells[2], cells[3], cells[4]);
    }
  }

  private final Map<String, Row> rows = new TreeMap<>();
  private final List<String> conflicts = new ArrayList<>();

  synchronized void record(Row row) {
    Row first = rows.putIfAbsent(row.operation(), row);
    if (first != null && !first.equals(row)) {
      conflicts.add(row.operation() + " was sent as " + first + " and as " + row);
    }
  }

  synchronized Optional<Row> row(String operation) {
    return Optional.ofNullable(rows.get(operation));
  }

  synchronized Map<String, Row> rows() {
    return Map.copyOf(rows);
  }

  synchronized List<String> conflicts() {
    return List.copyOf(conflicts);
  }

  /** The header and one line per operation, sorted by operation, each line ending with a line break. */
  synchronized String toTsv() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    rows.values().forEach(r -> out.append(r.tsv()).append('\n'));
    return out.toString();
  }

  /** The rows of a TSV text with the {@link #HEADER}, by operation. */
  static Map<String, Row> parse(String tsv) {
    List<String> lines = tsv.lines().toList();
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IllegalArgumentException("the table must start with the header: " + HEADER);
    }
    Map<String, Row> out = new TreeMap<>();
    lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(Row::parse)
        .forEach(r -> out.put(r.operation(), r));
    return out;
  }

  /** The media type of a header value, lower case, without parameters; empty for none. */
  static String mediaType(String header) {
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
