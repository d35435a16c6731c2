package dev.driftless.kestra.internal.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Optional;

/** What a successful write answers: the flow's new revision, the id a server made, a source. */
public final class Written {

  private Written() {}

  /** The {@code revision} of a flow answer, when there is one. */
  public static Optional<Integer> revision(byte[] body) {
    return Json.tryParse(body).flatMap(n -> Json.integer(n, "revision"));
  }

  /** The {@code source} of a flow answer, when there is one. */
  public static Optional<String> source(byte[] body) {
    return Json.tryParse(body).flatMap(n -> Json.text(n, "source"));
  }

  /** The {@code id} of a created dashboard (or any entity). */
  public static Optional<String> id(byte[] body) {
    return Json.tryParse(body).flatMap(n -> Json.scalar(n, "id"));
  }

  /** The {@code uid} of a created app. */
  public static Optional<String> uid(byte[] body) {
    return Json.tryParse(body).flatMap(n -> Json.scalar(n, "uid"));
  }

  /** {@code {"uids": [...]}} for the app export. */
  public static String uids(Collection<String> uids) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("uids");
    uids.forEach(list::add);
    return Json.write(body);
  }

  /** {@code {"id": "<namespace>"}} for creating a namespace. */
  public static String namespace(String id) {
    return Json.write(Json.object().put("id", id));
  }
}
