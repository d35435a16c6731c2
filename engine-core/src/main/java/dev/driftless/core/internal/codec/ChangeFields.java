package dev.driftless.core.internal.codec;

import dev.driftless.plan.Change;
import dev.driftless.resource.Fingerprint;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A change's own fields as Driftless's machine outputs name and label them, in one place so that
 * the plan JSON and the diff rows cannot drift apart: snake_case names, lower-case labels. The plan
 * JSON writes {@link #ACTION} as a one-entry {@code actions} array and adds what is not flat
 * ({@code depends_on}, {@code diff}); a diff row is these fields as they are.
 */
public final class ChangeFields {

  /** The field holding the change's action label; the plan JSON's {@code actions} holds it. */
  public static final String ACTION = "action";

  private ChangeFields() {}

  /**
   * {@code address, kind, namespace, name, source_namespace, side, action, reason, before, after}:
   * texts, and null for a fingerprint there is not.
   */
  public static Map<String, String> of(Change c) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("address", c.key().address());
    fields.put("kind", c.key().kind().label());
    fields.put("namespace", c.key().namespace());
    fields.put("name", c.key().name());
    fields.put("source_namespace", c.sourceKey().namespace());
    fields.put("side", label(c.side()));
    fields.put(ACTION, c.action().label());
    fields.put("reason", c.reason().label());
    fields.put("before", c.before().map(Fingerprint::value).orElse(null));
    fields.put("after", c.after().map(Fingerprint::value).orElse(null));
    return fields;
  }

  /** An enum's label in the machine outputs: its name in lower case ({@code git}, {@code warn}). */
  static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
