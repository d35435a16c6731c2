package dev.driftless.core.codec;

import dev.driftless.core.internal.codec.RowsCodec;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diff rows: one flat record per change, for machines. {@link #of(Plan)} gives Driftless's own rows
 * ({@code address, kind, namespace, name, side, action, reason, before, after}); presets build the
 * Git plugin's row shapes and write them with the same codecs.
 *
 * <p>Row values are strings, numbers, booleans or null. Ion output is text Ion, one struct per
 * line, as Kestra stores task outputs; JSON lines hold one object per line.
 */
public final class DiffRows {

  private DiffRows() {}

  public static List<Map<String, Object>> of(Plan plan) {
    return plan.changes().stream().map(DiffRows::row).toList();
  }

  private static Map<String, Object> row(Change c) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("address", c.key().address());
    row.put("kind", c.key().kind().label());
    row.put("namespace", c.key().namespace());
    row.put("name", c.key().name());
    row.put("sourceNamespace", c.sourceKey().namespace());
    row.put("side", c.side().name());
    row.put("action", c.action().label());
    row.put("reason", c.reason().label());
    row.put("before", c.before().map(Object::toString).orElse(null));
    row.put("after", c.after().map(Object::toString).orElse(null));
    return row;
  }

  public static byte[] toIon(List<? extends Map<String, ?>> rows) {
    return RowsCodec.toIon(rows);
  }

  /** @throws IllegalArgumentException when the bytes are not Ion structs */
  public static List<Map<String, Object>> fromIon(byte[] ion) {
    return RowsCodec.fromIon(ion);
  }

  public static String toJsonLines(List<? extends Map<String, ?>> rows) {
    return RowsCodec.toJsonLines(rows);
  }

  /** @throws IllegalArgumentException naming the line when a line is not a JSON object */
  public static List<Map<String, Object>> fromJsonLines(String text) {
    return RowsCodec.fromJsonLines(text);
  }
}
