package dev.driftless.kestra.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code POST /flows/validate}: always 200, one result per document, each with the
 * problems Kestra found (its {@code constraints}), or none.
 */
public final class Validation {

  private Validation() {}

  /**
   * One document's result.
   *
   * @param index the document's position in the body, from 0
   * @param flow the flow id Kestra read, when it could
   * @param namespace the namespace Kestra read, when it could
   * @param constraints the problems, one per line ({@code tasks[0].type: must not be null}); empty when valid
   * @param notes what Kestra says of a flow it accepts: its {@code infos} (a deprecated task type and
   *     its replacement), {@code warnings}, {@code deprecationPaths} and whether it is {@code outdated}
   */
  public record Result(int index, Optional<String> flow, Optional<String> namespace, Optional<String> constraints,
      List<String> notes) {
    public Result {
      Objects.requireNonNull(flow, "flow");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(constraints, "constraints");
      notes = List.copyOf(notes);
    }

    /** A result that says nothing: valid, no notes. */
    public static Result silent(int index) {
      return new Result(index, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The problems as a list of lines, empty when the document is valid. */
    public List<String> problems() {
      List<String> out = new ArrayList<>();
      constraints.ifPresent(c -> {
        for (String line : c.split("\\R")) {
          if (!line.isBlank()) {
            out.add(line.strip());
          }
        }
      });
      return out;
    }
  }

  private static List<String> texts(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    JsonNode list = node.get(field);
    if (list != null && list.isArray()) {
      list.forEach(item -> {
        if (item.isValueNode() && !item.asText().isBlank()) {
          out.add(item.asText().strip());
        }
      });
    }
    return out;
  }

  public static List<Result> decode(byte[] body) {
    JsonNode node = Json.parse(body, "flow validation");
    if (!node.isArray()) {
      throw new WireException("flow validation: the answer is not a list of results");
    }
    List<Result> out = new ArrayList<>();
    int position = 0;
    for (JsonNode n : node) {
      Optional<String> constraints = Json.text(n, "constraints").filter(c -> !c.isBlank());
      List<String> notes = new ArrayList<>();
      texts(n, "infos").forEach(notes::add);
      notes.addAll(texts(n, "warnings"));
      List<String> deprecated = texts(n, "deprecationPaths");
      if (!deprecated.isEmpty()) {
        notes.add("deprecated: " + String.join(", ", deprecated));
      }
      if (n.path("outdated").asBoolean(false)) {
        notes.add("outdated: its 'revision:' is not the next revision of the flow in Kestra");
      }
      out.add(new Result(Json.integer(n, "index").orElse(position), Json.text(n, "flow"), Json.text(n, "namespace"),
          constraints, notes));
      position++;
    }
    return out;
  }
}
