package dev.driftless.emulator.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where each value of a YAML source starts, as Kestra's deserialization messages give it
 * ({@code line: 4, column: 10}), by the value's JSON pointer ({@code /tasks/0/message}).
 */
final class SourcePositions {

  /** An open mapping or list and the key or index of its current value. */
  private static final class Frame {
    private final boolean list;
    private String segment;
    private int index = -1;

    Frame(boolean list) {
      this.list = list;
      this.segment = "";
    }

    void next() {
      if (list) {
        index++;
        segment = Integer.toString(index);
      }
    }
  }

  private SourcePositions() {
  }

  /** The positions of every value of the first document; empty when the source does not parse. */
  static Map<String, String> of(String source, ObjectMapper yaml) {
    Map<String, String> out = new HashMap<>();
    Deque<Frame> frames = new ArrayDeque<>();
    try (JsonParser parser = yaml.getFactory().createParser(source)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          frames.element().segment = FlowReading.escape(parser.currentName());
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          frames.pop();
          if (frames.isEmpty()) {
            break; // the first document only, as Kestra reads it
          }
        } else {
          if (!frames.isEmpty()) {
            frames.element().next();
          }
          JsonLocation at = parser.currentTokenLocation();
          out.put(pointer(frames), "line: " + at.getLineNr() + ", column: " + at.getColumnNr());
          if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            frames.push(new Frame(token == JsonToken.START_ARRAY));
          }
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  private static String pointer(Deque<Frame> frames) {
    StringBuilder pointer = new StringBuilder();
    for (Iterator<Frame> outermostFirst = frames.descendingIterator(); outermostFirst.hasNext(); ) {
      pointer.append('/').append(outermostFirst.next().segment);
    }
    return pointer.toString();
  }
}
