package dev.driftless.core.internal.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.ion.IonObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows as text Ion and JSON lines. */
public final class RowsCodec {

  private static final IonObjectMapper ION = ionMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter JSON_LINES = JSON.writer().with(JsonEscapes.INSTANCE);

  private RowsCodec() {}

  private static IonObjectMapper ionMapper() {
    IonObjectMapper mapper = IonObjectMapper.builder().build();
    mapper.setCreateBinaryWriters(false);
    return mapper;
  }

  public static byte[] toIon(List<? extends Map<String, ?>> rows) {
    StringBuilder out = new StringBuilder();
    try {
      for (Map<String, ?> row : rows) {
        out.append(ION.writeValueAsString(row)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a row holds a value Ion cannot hold: " + e.getOriginalMessage(), e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static List<Map<String, Object>> fromIon(byte[] ion) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (MappingIterator<LinkedHashMap<String, Object>> it = ION.readerFor(LinkedHashMap.class).readValues(ion)) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not Ion rows: " + e.getMessage(), e);
    }
    return rows;
  }

  public static String toJsonLines(List<? extends Map<String, ?>> rows) {
    StringBuilder out = new StringBuilder();
    try {
      for (Map<String, ?> row : rows) {
        out.append(JSON_LINES.writeValueAsString(row)).append('\n');
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a row holds a value JSON cannot hold: " + e.getOriginalMessage(), e);
    }
    return out.toString();
  }

  public static List<Map<String, Object>> fromJsonLines(String text) {
    List<Map<String, Object>> rows = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        rows.add(JSON.readValue(line, LinkedHashMap.class));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("line " + number + " is not a JSON object: " + e.getOriginalMessage(), e);
      }
    }
    return rows;
  }
}
