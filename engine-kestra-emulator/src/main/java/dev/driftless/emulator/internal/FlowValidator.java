package dev.driftless.emulator.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Kestra's validation of a flow source, as {@code POST /flows/validate} reports it and as a create
 * or an update refuses it: the source must be a YAML mapping that Kestra can read into its flow
 * model (known plugin types, known properties, values of the right kinds), and the model must then
 * pass Kestra's constraints (valid ids, required properties, no duplicate ids, valid cron
 * expressions...). What it checks comes from the {@link PluginCatalogue}; see there for what is
 * verified against a real server and what is derived.
 *
 * <p>Kestra answers in one of three ways, which {@link Verdict} names: it cannot read the source
 * (one message, no flow id), it read it and lists every violation, or its own validation fails on
 * the flow (an internal error; a create answers 500). A readable flow also gets its deprecation
 * paths, warnings and alias notes, valid or not.
 */
public final class FlowValidator {

  /**
   * YAML read as Kestra reads it: a duplicate key is an error, and an empty value ({@code message:})
   * is an empty text, not a null ({@code message: null}).
   */
  private static final ObjectMapper STRICT_YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
      .build());

  private final KestraVersion version;
  private final PluginCatalogue catalogue;

  private FlowValidator(KestraVersion version, PluginCatalogue catalogue) {
    this.version = Objects.requireNonNull(version, "version");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  public static FlowValidator of(KestraVersion version, PluginCatalogue catalogue) {
    return new FlowValidator(version, catalogue);
  }

  /** How Kestra answers a flow source. */
  public enum Verdict {
    /** Readable and valid. */
    VALID,
    /** Kestra cannot read it into a flow: one message, no flow id, no notes (a 422 on create). */
    UNREADABLE,
    /** Readable, with violations (a 422 on create). */
    INVALID,
    /** Readable, but Kestra's validation itself fails on it (a 500 on create). */
    FAILED;

    /** Whether Kestra read the source as a flow: its answer then names the flow and carries notes. */
    public boolean readable() {
      return this != UNREADABLE;
    }
  }

  /**
   * What Kestra says of one flow source.
   *
   * @param flow the flow's id, when the source could be read as a flow and has one
   * @param namespace its namespace, likewise
   * @param constraints every violation, with Kestra's property paths ({@code tasks[0].message}), as
   *                    a 422 lists them; for an unreadable source, the one error, at Kestra's
   *                    reference chain; empty when the flow is valid
   * @param outdated whether the source's {@code revision} is not the one that would come next
   * @param deprecationPaths the paths of deprecated plugins and properties the flow uses
   * @param warnings Kestra's warnings
   * @param infos Kestra's notes, such as a deprecated alias and its replacement
   * @param verdict how Kestra answers
   * @param message the constraints as Kestra writes them in one text ({@code constraints} of a
   *                validation, the detail of a 422): one {@code path: message} line per violation,
   *                each ending with a line break, the path shown with task ids; or the single
   *                error of an unreadable flow or of a failed validation, without a line break;
   *                empty when valid
   */
  public record Report(Optional<String> flow, Optional<String> namespace, List<ConstraintViolation> constraints,
      boolean outdated, List<String> deprecationPaths, List<String> warnings, List<String> infos, Verdict verdict,
      String message) {

    public Report {
      Objects.requireNonNull(flow, "flow");
      Objects.requireNonNull(namespace, "namespace");
      constraints = List.copyOf(constraints);
      deprecationPaths = List.copyOf(deprecationPaths);
      warnings = List.copyOf(warnings);
      infos = List.copyOf(infos);
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(message, "message");
      if ((verdict == Verdict.VALID) != message.isEmpty()) {
        throw new IllegalArgumentException("a message goes with every verdict but VALID");
      }
    }

    public boolean isValid() {
      return verdict == Verdict.VALID;
    }
  }

  /**
   * Parses and validates a flow source for a create or an update.
   *
   * @throws ApiException 422 with every violation, as Kestra's {@code Invalid entity}; 500 when
   *                      Kestra's own validation fails on the flow
   */
  public FlowSources.Parsed check(String source) {
    Report report = validate(source);
    switch (report.verdict()) {
      case VALID -> {
        ObjectNode tree = FlowSources.tree(source);
        return new FlowSources.Parsed(FlowSources.text(tree, "namespace"), FlowSources.text(tree, "id"), tree);
      }
      case UNREADABLE, INVALID -> throw new ApiException(ProblemType.VALIDATION_FAILED, report.message(),
          report.constraints(), Map.of());
      case FAILED -> throw ApiException.internal(report.message().substring(UNABLE.length()));
    }
    throw new IllegalStateException("unreachable");
  }

  private static final String UNABLE = "Unable to validate the flow: ";

  /** Validates one flow source, with no flow stored yet: a {@code revision} other than 1 is outdated. */
  public Report validate(String source) {
    return validate(source, (namespace, id) -> OptionalInt.empty());
  }

  /**
   * Validates one flow source.
   *
   * @param lastRevision the last revision stored for a namespace and flow id, if any: a source
   *                     stating a {@code revision} is outdated unless it states the next one
   */
  public Report validate(String source, BiFunction<String, String, OptionalInt> lastRevision) {
    JsonNode root;
    try {
      root = read(source);
    } catch (FlowReading.Unreadable e) {
      return unreadable(e, version);
    }
    List<String> failures = new ArrayList<>();
    try {
      failures.addAll(FlowReading.read(root, catalogue, true, SourcePositions.of(source, STRICT_YAML)));
    } catch (FlowReading.Unreadable e) {
      return unreadable(e, version);
    }
    ObjectNode flow = (ObjectNode) root;
    Optional<String> id = FlowRules.scalarText(flow.get("id"));
    Optional<String> namespace = FlowRules.scalarText(flow.get("namespace"));
    boolean outdated = FlowRules.scalarText(flow.get("revision")).filter(r -> !r.isBlank())
        .map(r -> new BigDecimal(r.trim()).intValue()
            != lastRevision.apply(namespace.orElse(""), id.orElse("")).orElse(0) + 1)
        .orElse(false);
    List<String> deprecations = FlowNotes.deprecationPaths(flow, catalogue);
    List<String> warnings = FlowNotes.warnings(flow, catalogue);
    List<String> infos = FlowNotes.infos(flow, catalogue);
    Readable readable = new Readable(id, namespace, outdated, deprecations, warnings, infos);

    JsonNode withDefaults;
    try {
      withDefaults = PluginDefaults.inject(flow, catalogue);
      FlowReading.read(withDefaults, catalogue, false, Map.of());
    } catch (IllegalStateException e) {
      return readable.failed(e.getMessage());
    } catch (FlowReading.Unreadable e) {
      return readable.report(Verdict.INVALID, List.of(violation(e, version)), e.getMessage());
    }
    FlowRules.Result result = FlowRules.validate(withDefaults, catalogue, version);
    List<FlowRules.Violation> violations = result.violations();
    Optional<String> failure = result.failure().or(() -> failures.stream().findFirst());
    if (failure.isPresent()) {
      return readable.failed(failure.get());
    }
    if (violations.isEmpty()) {
      return readable.report(Verdict.VALID, List.of(), "");
    }
    String message = violations.stream().map(v -> v.shown() + ": " + v.message() + "\n").collect(Collectors.joining());
    return readable.report(Verdict.INVALID,
        violations.stream().map(v -> new ConstraintViolation(v.path(), v.message())).toList(), message);
  }

  /** What a report of a readable flow holds whatever its verdict. */
  private record Readable(Optional<String> id, Optional<String> namespace, boolean outdated, List<String> deprecations,
      List<String> warnings, List<String> infos) {

    Report report(Verdict verdict, List<ConstraintViolation> constraints, String message) {
      return new Report(id, namespace, constraints, outdated, deprecations, warnings, infos, verdict, message);
    }

    Report failed(String cause) {
      return report(Verdict.FAILED, List.of(new ConstraintViolation("", cause)), UNABLE + cause);
    }
  }

  private static Report unreadable(FlowReading.Unreadable e, KestraVersion version) {
    return new Report(Optional.empty(), Optional.empty(), List.of(violation(e, version)), false,
        List.of(), List.of(), List.of(), Verdict.UNREADABLE, e.getMessage());
  }

  /**
   * A reading error as a constraint violation: at Kestra 0.20's reference chain, as its 422 lists it; from
   * 2.0, whose errors point into the source (RFC 9457), at the property path instead (not verified).
   */
  private static ConstraintViolation violation(FlowReading.Unreadable e, KestraVersion version) {
    return new ConstraintViolation(version.problemDetails() ? e.path() : e.where(), e.getMessage());
  }

  /** Parses the source as Kestra's parser does: duplicate keys refused, and a mapping wanted. */
  private static JsonNode read(String source) throws FlowReading.Unreadable {
    JsonNode root;
    try {
      root = STRICT_YAML.readTree(source);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : "\n at [Source: (StringReader); line: " + e.getLocation().getLineNr() + ", column: "
              + e.getLocation().getColumnNr() + "]";
      throw new FlowReading.Unreadable("Illegal flow yaml: " + e.getOriginalMessage() + where, "yaml", "");
    }
    String start = "\n at [Source: (StringReader); line: 1, column: 1]";
    String flowClass = "io.kestra.core.models.flows.Flow";
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new FlowReading.Unreadable("Illegal flow yaml: No content to map due to end-of-input\n at [Source: "
          + "(StringReader); line: " + (source.split("\n", -1).length) + ", column: 1]", "yaml", "");
    }
    if (root.isArray()) {
      throw new FlowReading.Unreadable("Illegal flow yaml: Cannot deserialize value of type `" + flowClass
          + "` from Array value (token `JsonToken.START_ARRAY`)" + start, "yaml", "");
    }
    if (!root.isObject()) {
      throw new FlowReading.Unreadable("Illegal flow yaml: Cannot construct instance of `" + flowClass + "` (although "
          + "at least one Creator exists): no String-argument constructor/factory method to deserialize from String "
          + "value ('" + root.asText() + "')" + start, "yaml", "");
    }
    return root;
  }
}
