package dev.driftless.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffRowsTest {

  private static List<Map<String, Object>> rows() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("gitPath", "_flows/hello_world.yml");
    a.put("syncState", "ADDED");
    a.put("flowId", "hello_world");
    a.put("namespace", "prod");
    a.put("revision", 3);
    a.put("note", null);
    a.put("dryRun", true);
    Map<String, Object> b = new LinkedHashMap<>(a);
    b.put("gitPath", "_flows/tutorial/hello \"world\" 1.yml");
    b.put("syncState", "UNCHANGED");
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(a);
    out.add(b);
    return out;
  }

  @Test
  void ion_roundTrips_oneStructPerLine() {
    byte[] ion = DiffRows.toIon(rows());
    String text = new String(ion, StandardCharsets.UTF_8);
    assertEquals(2, text.split("\n").length, text);
    assertTrue(text.startsWith("{gitPath:\"_flows/hello_world.yml\""), text);
    assertEquals(rows(), DiffRows.fromIon(ion));
  }

  @Test
  void jsonLines_roundTrip() {
    String jsonl = DiffRows.toJsonLines(rows());
    assertEquals(rows(), DiffRows.fromJsonLines(jsonl));
  }

  @Test
  void jsonLines_badLine_isNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffRows.fromJsonLines("{\"a\":1}\n{oops\n"));
    assertTrue(e.getMessage().startsWith("line 2"), e.getMessage());
  }
}
