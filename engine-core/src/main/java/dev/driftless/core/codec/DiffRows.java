package dev.driftless.core.codec;

import dev.driftless.core.internal.codec.ChangeFields;
import dev.driftless.core.internal.codec.RowsCodec;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diff rows: one flat record per change, for machines. {@link #of(Plan)} gives Driftless's own rows
 * in the plan JSON's vocabulary; presets build the Git plugin's row shapes (its own names and
 * upper-case labels, as the plugin writes them) and write them with the same codecs.
 *
 * <p>Row values are strings, numbers, booleans or null. Ion output is text Ion, one struct per
 * line, as Kestra stores task outputs; JSON lines hold one object per line.
 */
public final class DiffRows {

  private DiffRows() {}

  /**
   * One row per change, in the plan's order, named and labelled as the plan JSON's changes are:
   * {@code address, kind, namespace, name, source_namespace, side} ({@code git}, {@code kestra}),
   * {@code action} (the one entry of the plan JSON's {@code actions}: {@code create}, {@code no-op}),
   * {@code reason} ({@code missing_in_target}), {@code before} and {@code after} (fingerprints, or
   * null). The plan JSON's {@code depends_on} and {@code diff} are not in a row.
   */
  public static List<Map<String, Object>> of(Plan plan) {
    return plan.changes().stream().map(DiffRows::row).toList();
  }

  private static Map<String, Object> row(Change c) {
    return new LinkedHashMap<>(ChangeFields.of(c));
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
