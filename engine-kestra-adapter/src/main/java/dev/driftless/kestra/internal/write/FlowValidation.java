package dev.driftless.kestra.internal.write;

import dev.driftless.kestra.internal.client.ApiCall;
import dev.driftless.kestra.internal.client.Operation;
import dev.driftless.kestra.internal.client.KestraClient;
import dev.driftless.kestra.internal.wire.Validation;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Has Kestra validate every flow a session will put, in one {@code POST /flows/validate} call with
 * a multi-document body, before anything is written. Kestra answers one result per document, with
 * the problems it found and their field paths.
 *
 * <p>A plan whose flow sources exceed {@value #MAX_BODY} bytes is validated in as many calls as
 * that takes, still before the first write.
 *
 * <p>Kestra splits the body on lines starting with {@code ---}. A flow's own document-start or
 * document-end marker is dropped from the copy sent for validation (never from what is written),
 * and the answer is checked to line up with the flows sent, by position and by the id Kestra read.
 * Should it not, each flow is validated on its own instead: slower, never wrong.
 */
public final class FlowValidation {

  private static final Pattern DOCUMENT_START = Pattern.compile("\\A(?:---[ \\t]*(?:#[^\\r\\n]*)?\\r?\\n)+");
  private static final Pattern DOCUMENT_END = Pattern.compile("(?:\\r?\\n\\.\\.\\.[ \\t]*\\r?\\n?)+\\z");
  private static final String SEPARATOR = "\n---\n";
  /** The largest validation body sent at once. */
  static final long MAX_BODY = 8L * 1024 * 1024;

  private FlowValidation() {}

  /**
   * What Kestra says of one flow.
   *
   * @param problems why Kestra refuses it, one per line with its field path; empty when it takes it
   * @param notes what Kestra says of it otherwise: deprecated task types and their replacements,
   *     warnings, deprecated properties
   */
  public record Verdict(List<String> problems, List<String> notes) {
    public Verdict {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }

    public boolean refused() {
      return !problems.isEmpty();
    }
  }

  /** The flows Kestra refuses, by key, each with every problem and its field path. */
  static Map<ResourceKey, String> validate(KestraClient client, List<Resource> flows) {
    Map<ResourceKey, String> refused = new LinkedHashMap<>();
    judge(client, flows).forEach((key, verdict) -> {
      if (verdict.refused()) {
        refused.put(key, "Kestra's validation refused " + key.address() + ": " + String.join("; ", verdict.problems()));
      }
    });
    return refused;
  }

  /** What Kestra says of each flow, by key, in as few calls as the body size allows. */
  public static Map<ResourceKey, Verdict> judge(KestraClient client, List<Resource> flows) {
    Map<ResourceKey, Verdict> out = new LinkedHashMap<>();
    for (List<Resource> batch : batches(flows)) {
      out.putAll(judgeBatch(client, batch));
    }
    return out;
  }

  /**
   * The flows in bodies of at most {@link #MAX_BODY} bytes: one call for any ordinary plan, a few for
   * a plan whose sources would make one body too large for a server to take.
   */
  static List<List<Resource>> batches(List<Resource> flows) {
    List<List<Resource>> out = new ArrayList<>();
    List<Resource> current = new ArrayList<>();
    long size = 0;
    for (Resource flow : flows) {
      long next = flow.content().size() + SEPARATOR.length();
      if (!current.isEmpty() && size + next > MAX_BODY) {
        out.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(flow);
      size += next;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static Map<ResourceKey, Verdict> judgeBatch(KestraClient client, List<Resource> flows) {
    Map<ResourceKey, Verdict> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>(flows.size());
    for (Resource flow : flows) {
      documents.add(forValidation(flow.content().text().orElse("")));
    }
    List<Validation.Result> results = call(client, String.join(SEPARATOR, documents));
    if (!alignedWith(results, flows)) {
      results = new ArrayList<>(flows.size());
      for (String document : documents) {
        List<Validation.Result> one = call(client, document);
        results.add(one.isEmpty() ? Validation.Result.silent(0) : one.get(0));
      }
    }
    for (int i = 0; i < flows.size(); i++) {
      out.put(flows.get(i).key(), new Verdict(results.get(i).problems(), results.get(i).notes()));
    }
    return out;
  }

  private static List<Validation.Result> call(KestraClient client, String body) {
    ApiCall validate = ApiCall.of(Operation.VALIDATE_FLOWS, ApiCall.path("flows", "validate"),
        ApiCall.yaml(body.getBytes(StandardCharsets.UTF_8))).asIdempotent();
    return Validation.decode(client.sendOk(validate).body());
  }

  /** The flow's text without a leading {@code ---} or trailing {@code ...} marker line. */
  static String forValidation(String text) {
    String out = DOCUMENT_START.matcher(text).replaceFirst("");
    return DOCUMENT_END.matcher(out).replaceFirst("\n");
  }

  private static boolean alignedWith(List<Validation.Result> results, List<Resource> flows) {
    if (results.size() != flows.size()) {
      return false;
    }
    for (int i = 0; i < flows.size(); i++) {
      Validation.Result r = results.get(i);
      ResourceKey key = flows.get(i).key();
      if (r.index() != i || r.flow().filter(f -> !f.equals(key.name())).isPresent()
          || r.namespace().filter(ns -> !ns.equals(key.namespace())).isPresent()) {
        return false;
      }
    }
    return true;
  }
}
