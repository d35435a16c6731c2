package dev.driftless.plugin;

import dev.driftless.presets.FieldGroups;
import dev.driftless.policy.WhenMissing;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.PluginProperty;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

/**
 * NamespaceSync's and TenantSync's properties: an explicit branch, the namespace layout, a source of
 * truth (per kind if wanted, or both ways with {@code BOTH} and {@code onConflict}) and what to do with
 * what the source does not have, with the Git plugin's defaults.
 */
@SuperBuilder
@NoArgsConstructor
@Getter
@ToString(callSuper = true)
@EqualsAndHashCode(callSuper = true)
public abstract class AbstractTwoWaySyncTask<O extends SyncOutput> extends AbstractCommitTask<O> {

  /** Which side wins, or both ways from the baseline. */
  public enum SourceOfTruth {
    GIT,
    KESTRA,
    BOTH
  }

  /** What a two-way sync does with a conflict. */
  public enum OnConflict {
    FAIL,
    GIT,
    KESTRA
  }

  /** What happens to what the target has and the source does not. */
  public enum WhenMissingInSource {
    DELETE,
    KEEP,
    FAIL
  }

  /** What happens to a file that is not valid YAML. */
  public enum OnInvalidSyntax {
    SKIP,
    WARN,
    FAIL
  }

  @Schema(title = "The branch to sync with", description = "Required: a sync never guesses the branch.")
  @PluginProperty(group = "main")
  @NotNull
  protected Property<String> branch;

  @Schema(title = "The directory holding the namespace folders",
      description = "The repository's root when not set. Each namespace is a folder: `<namespace>/flows/<id>.yaml`, "
          + "`<namespace>/files/...`, `<namespace>/apps/...`, `<namespace>/tests/...`.")
  @PluginProperty(group = "destination")
  protected Property<String> gitDirectory;

  @Schema(title = "Which side wins, or both ways",
      description = "`KESTRA` (the default) writes Git; `GIT` writes Kestra. Driftless: `BOTH` syncs both ways from "
          + "a baseline, what both sides held after the last two-way run, kept in the Git repository beside the "
          + "branch: a resource changed on one side since then is written to the other (a deletion too), one changed "
          + "on both sides is merged when the changes are in different lines, and is otherwise a conflict "
          + "(`onConflict`). The first run records the baseline; resources that differ then are conflicts. With "
          + "`BOTH`, `whenMissingInSource` must stay `DELETE`: deletions follow the baseline.")
  @PluginProperty(group = "source")
  @Builder.Default
  protected Property<SourceOfTruth> sourceOfTruth = Property.ofValue(SourceOfTruth.KESTRA);

  @Schema(title = "Driftless: what a two-way sync does with a conflict",
      description = "Only with `sourceOfTruth: BOTH`. A conflict is a resource changed on both sides since the last "
          + "sync in ways that cannot be merged (the same lines, a deletion against an edit), or one that differs on "
          + "the first sync. `FAIL` (the default) writes nothing of it, applies the rest, logs both sides' changes and "
          + "fails the task; `GIT` or `KESTRA` keeps that side's copy and overwrites the other's.")
  @PluginProperty(group = "source")
  protected Property<OnConflict> onConflict;

  @Schema(title = "A source of truth per kind, over `sourceOfTruth`",
      description = "Driftless: for example `{flow: KESTRA, namespace-file: GIT}`. Kinds: `flow`, `namespace-file`, "
          + "`app`, `test`, `dashboard`. With `sourceOfTruth: BOTH`, the kinds named here stay one-way; `BOTH` is not "
          + "a value here.")
  @PluginProperty(group = "source")
  protected Property<Map<String, SourceOfTruth>> sourceOfTruthByKind;

  @Schema(title = "What happens to what the target has and the source does not",
      description = "`DELETE` (the default) deletes it, `KEEP` keeps it and reports it kept, `FAIL` refuses the whole "
          + "plan: nothing at all is written.")
  @PluginProperty(group = "source")
  @Builder.Default
  protected Property<WhenMissingInSource> whenMissingInSource = Property.ofValue(WhenMissingInSource.DELETE);

  @Schema(title = "Namespaces never written or deleted", description = "`system` by default.")
  @PluginProperty(group = "source")
  @Builder.Default
  protected Property<List<String>> protectedNamespaces = Property.ofValue(List.of("system"));

  @Schema(title = "What happens to a file that is not valid YAML",
      description = "`FAIL` (the default) refuses the plan; `WARN` and `SKIP` leave the file alone and go on. An "
          + "invalid file never causes a deletion.")
  @PluginProperty(group = "advanced")
  @Builder.Default
  protected Property<OnInvalidSyntax> onInvalidSyntax = Property.ofValue(OnInvalidSyntax.FAIL);

  @Schema(title = "The kinds synced",
      description = "Driftless: `flow`, `namespace-file`, `app`, `test` (and `dashboard` for TenantSync); all of them "
          + "by default.")
  @PluginProperty(group = "advanced")
  protected Property<List<String>> kinds;

  /** Sets the rendered two-way properties on a task request's builder. */
  protected <B extends FieldGroups.TwoWay<B>> B twoWay(RunContext runContext, B builder)
      throws IllegalVariableEvaluationException {
    Rendered r = new Rendered(runContext);
    r.string(branch).ifPresent(builder::branch);
    r.string(gitDirectory).ifPresent(builder::gitDirectory);
    Optional<SourceOfTruth> source = r.enumValue(sourceOfTruth, SourceOfTruth.class);
    if (source.filter(s -> s == SourceOfTruth.BOTH).isPresent()) {
      builder.twoWay(true);
    } else {
      source.map(s -> side(s, "sourceOfTruth")).ifPresent(builder::sourceOfTruth);
    }
    r.enumValue(onConflict, OnConflict.class)
        .map(c -> dev.driftless.policy.OnConflict.valueOf(c.name())).ifPresent(builder::onConflict);
    Map<ResourceKind, Side> byKind = new EnumMap<>(ResourceKind.class);
    runContext.render(sourceOfTruthByKind).asMap(String.class, SourceOfTruth.class)
        .forEach((kind, side) -> byKind.put(kind(kind, "sourceOfTruthByKind"), side(side, "sourceOfTruthByKind." + kind)));
    builder.putAllSourceOfTruthByKind(byKind);
    r.enumValue(whenMissingInSource, WhenMissingInSource.class)
        .map(w -> WhenMissing.valueOf(w.name())).ifPresent(builder::whenMissingInSource);
    if (protectedNamespaces != null) {
      builder.protectedNamespaces(new LinkedHashSet<>(r.strings(protectedNamespaces)));
    }
    r.enumValue(onInvalidSyntax, OnInvalidSyntax.class)
        .map(o -> dev.driftless.policy.OnInvalidSyntax.valueOf(o.name())).ifPresent(builder::onInvalidSyntax);
    if (kinds != null) {
      Set<ResourceKind> set = EnumSet.noneOf(ResourceKind.class);
      for (String kind : r.strings(kinds)) {
        set.add(kind(kind, "kinds"));
      }
      builder.kinds(set);
    }
    return builder;
  }

  /** The side of a one-way source of truth; BOTH is only the whole task's ({@code property} names where it was). */
  private static Side side(SourceOfTruth value, String property) {
    return switch (value) {
      case GIT -> Side.GIT;
      case KESTRA -> Side.KESTRA;
      case BOTH -> throw new IllegalArgumentException(property + ": " + FieldGroups.BOTH_PER_KIND);
    };
  }

  /** A kind by its label ({@code namespace-file}), its name ({@code NAMESPACE_FILE}) or in camel case ({@code namespaceFile}). */
  private static ResourceKind kind(String text, String property) {
    String label = text.trim().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    try {
      return ResourceKind.fromLabel(label);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + ": " + e.getMessage());
    }
  }
}
