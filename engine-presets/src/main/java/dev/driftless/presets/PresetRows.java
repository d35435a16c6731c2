package dev.driftless.presets;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin's diff rows for a preset's run, one per change, in the row shape of its task.
 *
 * <p>States are the plugin's ({@code ADDED}, {@code UPDATED} or {@code OVERWRITTEN},
 * {@code UNCHANGED}, {@code DELETED}) plus the ones the plugin hides: {@code KEPT} (missing in the
 * source and kept, which the plugin reports as unchanged), {@code PROTECTED}, {@code BLOCKED}, and,
 * after an apply, {@code FAILED}, {@code STALE} or {@code SKIPPED} for changes that did not land.
 * Paths are relative to the repository, never absolute temporary paths.
 */
public final class PresetRows {

  private PresetRows() {}

  public static List<Map<String, Object>> of(RowStyle style, Plan plan, Optional<ApplyResult> result, RowContext context) {
    List<Map<String, Object>> rows = new ArrayList<>(plan.changes().size());
    for (Change change : plan.changes()) {
      Optional<Outcome> outcome = result.flatMap(r -> r.result(change)).map(ChangeResult::outcome);
      String state = state(change.action(), outcome, style == RowStyle.SYNC_FILES);
      Map<String, Object> row = new LinkedHashMap<>();
      switch (style) {
        case SYNC_FLOWS -> {
          row.put("gitPath", context.gitPath(change).orElse(null));
          row.put("syncState", state);
          row.put("flowId", change.key().name());
          row.put("namespace", change.key().namespace());
          row.put("revision", context.revision(change).map(PresetRows::number).orElse(null));
        }
        case SYNC_FILES -> {
          row.put("gitPath", context.gitPath(change).orElse(null));
          row.put("syncState", state);
          row.put("kestraPath", "/" + change.key().name());
          row.put("namespace", change.key().namespace());
        }
        case SYNC_DASHBOARDS -> {
          row.put("gitPath", context.gitPath(change).orElse(null));
          row.put("syncState", state);
          row.put("dashboardId", change.key().name());
        }
        case PUSH -> {
          int[] lines = lines(change);
          row.put("file", context.gitPath(change).orElse(null));
          row.put("additions", lines[0]);
          row.put("deletions", lines[1]);
          row.put("changes", lines[0] + lines[1]);
          row.put("action", state);
        }
        case NAMESPACE_SYNC -> {
          row.put("file", context.gitPath(change).orElse(null));
          row.put("key", key(change.key()));
          row.put("kind", kind(change.key().kind()));
          row.put("action", state);
          row.put("side", change.side().name());
        }
      }
      rows.add(row);
    }
    return rows;
  }

  private static String state(Action action, Optional<Outcome> outcome, boolean files) {
    if (outcome.isPresent() && outcome.get() != Outcome.APPLIED) {
      return outcome.get().name();
    }
    return switch (action) {
      case CREATE -> "ADDED";
      case UPDATE -> files ? "OVERWRITTEN" : "UPDATED";
      case DELETE -> "DELETED";
      case NO_OP -> "UNCHANGED";
      case KEEP -> "KEPT";
      case PROTECTED -> "PROTECTED";
      case BLOCKED -> "BLOCKED";
    };
  }

  /** Lines added and removed, as the change's diff counted them (none without a diff). */
  static int[] lines(Change change) {
    return change.diff().map(d -> new int[] {d.added(), d.removed()}).orElseGet(() -> new int[2]);
  }

  private static String key(ResourceKey key) {
    if (key.isGlobal()) {
      return key.name();
    }
    return key.kind().isPath() ? key.namespace() + ":/" + key.name() : key.namespace() + "." + key.name();
  }

  private static String kind(ResourceKind kind) {
    return kind == ResourceKind.NAMESPACE_FILE ? "FILE" : kind.name().toUpperCase(Locale.ROOT);
  }

  private static Object number(String revision) {
    try {
      return Integer.parseInt(revision);
    } catch (NumberFormatException e) {
      return revision;
    }
  }
}
