package dev.driftless.presets;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.ChangeResult;
import dev.driftless.apply.Outcome;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Diff;
import dev.driftless.plan.Plan;
import dev.driftless.plan.Reason;
import dev.driftless.plan.Reconciliation;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The diff rows of a preset's run, in the row shape of its task ({@link RowStyle}), either exactly
 * as the Git plugin's task writes them or in Driftless's detailed form ({@link RowDetail}).
 *
 * <p>The plugin's rows, per task:
 * <ul>
 *   <li>SyncFlows: {@code gitPath, syncState (ADDED|UPDATED|UNCHANGED|DELETED), flowId, namespace,
 *       revision}, a row per flow in Git and per flow deleted ({@code gitPath} null), revision the
 *       one after the run (a dry run: 1 for a new flow, the next one for an update).
 *   <li>SyncNamespaceFiles: {@code gitPath, syncState (ADDED|OVERWRITTEN|UNCHANGED|DELETED),
 *       kestraPath} ({@code /<namespace as folders>/_files/<path>}).
 *   <li>SyncDashboards: {@code gitPath, syncState (ADDED|UPDATED|UNCHANGED|DELETED), dashboardId,
 *       updated} ({@code updated} is null: Driftless does not read a dashboard's update time).
 *   <li>Push tasks: {@code file, additions "+N", deletions "-N", changes "N"}, strings, one per file
 *       the commit changes; {@code changes} counts lines replaced one for one, as Git's edit list
 *       does.
 *   <li>NamespaceSync, TenantSync: {@code file, key, kind (FLOW|FILE|DASHBOARD), action
 *       (ADDED|UPDATED_GIT|UPDATED_KES|DELETED_GIT|DELETED_KES)}, unchanged left out; NamespaceSync
 *       keys are {@code namespace:id} and its files relative to {@code gitDirectory}, TenantSync
 *       keys are the bare id (or path) and its files relative to the repository. A real run from
 *       Kestra outputs the commit's rows instead: {@code file, additions, deletions, changes}, numbers.
 *   <li>NamespaceSync, TenantSync with {@code sourceOfTruth: BOTH} (which the plugin does not have):
 *       the same fields, a row per resource written, its {@code action} naming the side written
 *       ({@code ADDED_GIT, ADDED_KES, UPDATED_GIT, UPDATED_KES, DELETED_GIT, DELETED_KES}), one
 *       {@code MERGED} row for a merge written to both sides, and one {@code CONFLICT} row for each
 *       conflict, of which nothing is written. A plan that only moves the baseline has no row.
 * </ul>
 *
 * <p>Driftless's detailed rows of a two-way plan also say, per change, its {@code reason} and what
 * each side did since the baseline ({@code since}: {@code Git edited, Kestra unchanged}); a write
 * of a merge is {@code MERGED}, a conflict's two blocked changes are {@code CONFLICT}.
 *
 * <p>Sync rows are ordered by {@code gitPath} (deletions first), the others by file. Paths are
 * relative, never absolute temporary paths.
 */
public final class PresetRows {

  private PresetRows() {}

  /**
   * The rows of a run.
   *
   * @param result the apply, empty for a dry run or a run that applied nothing
   */
  public static List<Map<String, Object>> of(RowStyle style, RowDetail detail, Plan plan,
      Optional<ApplyResult> result, RowContext context) {
    return switch (detail) {
      case PLUGIN -> plugin(style, plan, result, context);
      case DETAILED -> detailed(style, plan, result, context);
    };
  }

  private static List<Map<String, Object>> plugin(RowStyle style, Plan plan, Optional<ApplyResult> result,
      RowContext context) {
    List<Change> shown = plan.changes().stream().filter(c -> shown(c, result, context)).toList();
    return switch (style) {
      case SYNC_FLOWS, SYNC_FILES, SYNC_DASHBOARDS -> syncRows(style, shown, context);
      case PUSH -> commitRows(shown, context, true);
      case NAMESPACE_SYNC, TENANT_SYNC -> plan.isTwoWay()
          ? bothWaysRows(style, plan, result, context)
          : !context.dryRun() && context.sourceOfTruth() == Side.KESTRA
              ? commitRows(shown, context, false)
              : twoWayRows(style, shown, context);
    };
  }

  /**
   * Whether the plugin would have a row for a change: an unchanged resource (where the task lists
   * those), or a write that landed (any write, in a dry run). Kept, protected and blocked changes
   * leave the resource alone, and failed ones did not land.
   */
  private static boolean shown(Change change, Optional<ApplyResult> result, RowContext context) {
    return switch (change.action()) {
      case NO_OP -> true;
      case CREATE, UPDATE, DELETE -> context.dryRun()
          || result.flatMap(r -> r.result(change)).map(ChangeResult::outcome).filter(o -> o == Outcome.APPLIED)
              .isPresent();
      case KEEP, PROTECTED, BLOCKED -> false;
    };
  }

  private static List<Map<String, Object>> syncRows(RowStyle style, List<Change> changes, RowContext context) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Change change : changes) {
      String state = switch (change.action()) {
        case CREATE -> "ADDED";
        case UPDATE -> style == RowStyle.SYNC_FILES ? "OVERWRITTEN" : "UPDATED";
        case NO_OP -> "UNCHANGED";
        case DELETE -> "DELETED";
        case KEEP, PROTECTED, BLOCKED -> throw new IllegalStateException("not shown: " + change.action());
      };
      ResourceKey key = change.key();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("gitPath", change.action() == Action.DELETE ? null : context.gitPath(change).orElse(null));
      row.put("syncState", state);
      switch (style) {
        case SYNC_FLOWS -> {
          row.put("flowId", key.name());
          row.put("namespace", key.namespace());
          row.put("revision", pluginRevision(change, context));
        }
        case SYNC_FILES -> row.put("kestraPath", "/" + key.namespace().replace('.', '/') + "/_files/" + key.name());
        case SYNC_DASHBOARDS -> {
          row.put("dashboardId", key.name());
          row.put("updated", null);
        }
        case PUSH, NAMESPACE_SYNC, TENANT_SYNC -> throw new IllegalStateException("not a sync style: " + style);
      }
      rows.add(row);
    }
    rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("gitPath"),
        Comparator.nullsFirst(Comparator.naturalOrder())));
    return rows;
  }

  /** The flow's revision after the run; in a dry run, the one the write would make. */
  private static Object pluginRevision(Change change, RowContext context) {
    Optional<Object> revision = context.revision(change).map(PresetRows::number);
    if (!context.dryRun()) {
      return revision.orElse(null);
    }
    return switch (change.action()) {
      case CREATE -> 1;
      case UPDATE -> revision.map(r -> r instanceof Integer n ? (Object) (n + 1) : r).orElse(null);
      case NO_OP, DELETE, KEEP, PROTECTED, BLOCKED -> revision.orElse(null);
    };
  }

  /**
   * A row per file the commit changes, as {@code git diff} counts them: the push tasks' strings
   * ({@code "+3"}), or the numbers a two-way sync from Kestra outputs.
   */
  private static List<Map<String, Object>> commitRows(List<Change> changes, RowContext context, boolean strings) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Change change : changes) {
      if (change.side() != Side.GIT || change.action() == Action.NO_OP) {
        continue;
      }
      int[] edits = edits(change);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", context.gitPath(change).orElse(null));
      row.put("additions", strings ? "+" + edits[0] : edits[0]);
      row.put("deletions", strings ? "-" + edits[1] : edits[1]);
      row.put("changes", strings ? Integer.toString(edits[2]) : edits[2]);
      rows.add(row);
    }
    rows.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("file"),
        Comparator.nullsFirst(Comparator.naturalOrder())));
    return rows;
  }

  private static List<Map<String, Object>> twoWayRows(RowStyle style, List<Change> changes, RowContext context) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Change change : changes) {
      boolean git = change.side() == Side.GIT;
      String action = switch (change.action()) {
        case CREATE -> "ADDED";
        case UPDATE -> git ? "UPDATED_GIT" : "UPDATED_KES";
        case DELETE -> git ? "DELETED_GIT" : "DELETED_KES";
        case NO_OP -> null;
        case KEEP, PROTECTED, BLOCKED -> throw new IllegalStateException("not shown: " + change.action());
      };
      if (action != null) {
        rows.add(pluginRow(style, change, action, context));
      }
    }
    return rows;
  }

  /**
   * The rows of a two-way plan: per resource, its conflict, its merge when both sides' writes are
   * shown, or each write shown with the side it wrote. A conflict writes nothing, in a dry run as
   * in a real run; a merge with only one write landed shows that write.
   */
  private static List<Map<String, Object>> bothWaysRows(RowStyle style, Plan plan, Optional<ApplyResult> result,
      RowContext context) {
    Map<ResourceKey, Map<Side, Change>> byKey = new LinkedHashMap<>();
    for (Change change : plan.changes()) {
      boolean conflict = change.action() == Action.BLOCKED && change.reason().isConflict();
      if (conflict || shown(change, result, context)) {
        byKey.computeIfAbsent(change.key(), k -> new EnumMap<>(Side.class)).put(change.side(), change);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<Side, Change> changes : byKey.values()) {
      Change first = changes.getOrDefault(Side.GIT, changes.get(Side.KESTRA));
      if (first.action() == Action.BLOCKED) {
        rows.add(pluginRow(style, first, "CONFLICT", context));
      } else if (changes.size() == 2 && first.reason() == Reason.MERGED
          && changes.get(Side.KESTRA).reason() == Reason.MERGED) {
        rows.add(pluginRow(style, first, "MERGED", context));
      } else {
        for (Change change : changes.values()) {
          written(change).ifPresent(action -> rows.add(pluginRow(style, change, action, context)));
        }
      }
    }
    return rows;
  }

  /** A two-way write's action, naming the side written; empty for a change that writes nothing. */
  private static Optional<String> written(Change change) {
    String side = change.side() == Side.GIT ? "_GIT" : "_KES";
    return switch (change.action()) {
      case CREATE -> Optional.of("ADDED" + side);
      case UPDATE -> Optional.of("UPDATED" + side);
      case DELETE -> Optional.of("DELETED" + side);
      case NO_OP, KEEP, PROTECTED, BLOCKED -> Optional.empty();
    };
  }

  /** NamespaceSync's and TenantSync's row: {@code file, key, kind, action}. */
  private static Map<String, Object> pluginRow(RowStyle style, Change change, String action, RowContext context) {
    boolean tenant = style == RowStyle.TENANT_SYNC;
    ResourceKey key = change.key();
    Map<String, Object> row = new LinkedHashMap<>();
    Optional<String> path = context.gitPath(change);
    row.put("file", tenant ? path.orElse(null) : path.map(p -> underDirectory(p, context.gitDirectory())).orElse(null));
    row.put("key", tenant || key.isGlobal() ? key.name() : key.namespace() + ":" + key.name());
    row.put("kind", kind(key.kind()));
    row.put("action", action);
    return row;
  }

  private static String underDirectory(String path, String directory) {
    String prefix = directory.isEmpty() || directory.equals(".") ? "" : directory.replaceAll("/+$", "") + "/";
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  /**
   * Driftless's rows: the plugin's field names for the task, plus the change's state for every change
   * of the plan, including what the plugin hides.
   */
  private static List<Map<String, Object>> detailed(RowStyle style, Plan plan, Optional<ApplyResult> result,
      RowContext context) {
    List<Map<String, Object>> rows = new ArrayList<>(plan.changes().size());
    Map<ResourceKey, Reconciliation> since = new HashMap<>();
    plan.reconciliations().forEach(r -> since.put(r.key(), r));
    for (Change change : plan.changes()) {
      Optional<Outcome> outcome = result.flatMap(r -> r.result(change)).map(ChangeResult::outcome);
      String state = plan.isTwoWay() ? bothWaysState(change, outcome) : state(change.action(), outcome,
          style == RowStyle.SYNC_FILES);
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
        case NAMESPACE_SYNC, TENANT_SYNC -> {
          row.put("file", context.gitPath(change).orElse(null));
          row.put("key", key(change.key()));
          row.put("kind", kind(change.key().kind()));
          row.put("action", state);
          row.put("side", change.side().name());
          if (plan.isTwoWay()) {
            row.put("reason", change.reason().label());
            row.put("since", Optional.ofNullable(since.get(change.key())).map(Reconciliation::describe).orElse(null));
          }
        }
      }
      rows.add(row);
    }
    return rows;
  }

  /** A two-way change's state: a write of a merge is MERGED, a conflict's blocked change CONFLICT. */
  private static String bothWaysState(Change change, Optional<Outcome> outcome) {
    boolean landed = outcome.isEmpty() || outcome.get() == Outcome.APPLIED;
    if (landed && change.action().isWrite() && change.reason() == Reason.MERGED) {
      return "MERGED";
    }
    if (change.action() == Action.BLOCKED && change.reason().isConflict()) {
      return "CONFLICT";
    }
    return state(change.action(), outcome, false);
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

  /**
   * Lines added, removed and replaced, counted edit by edit as the plugin counts Git's edit list: a
   * run of removed then added lines with no unchanged line between is one edit; it adds what it
   * adds beyond what it removes, removes what it removes beyond what it adds, and replaces its lines
   * when it removes as many as it adds. Lines a diff cut short leaves out count as one more edit.
   * None without a diff, or for a note (binary content), as Git counts a binary file.
   */
  static int[] edits(Change change) {
    int[] out = new int[3];
    if (change.diff().isEmpty()) {
      return out;
    }
    Diff diff = change.diff().get();
    int removedRun = 0;
    int addedRun = 0;
    int shownRemoved = 0;
    int shownAdded = 0;
    boolean inHunks = false;
    for (String line : diff.text().split("\n", -1)) {
      if (line.startsWith("@@ ")) {
        inHunks = true;
        edit(out, removedRun, addedRun);
        removedRun = 0;
        addedRun = 0;
      } else if (inHunks && line.startsWith("-")) {
        removedRun++;
        shownRemoved++;
      } else if (inHunks && line.startsWith("+")) {
        addedRun++;
        shownAdded++;
      } else {
        edit(out, removedRun, addedRun);
        removedRun = 0;
        addedRun = 0;
      }
    }
    edit(out, removedRun, addedRun);
    edit(out, Math.max(0, diff.removed() - shownRemoved), Math.max(0, diff.added() - shownAdded));
    return out;
  }

  private static void edit(int[] out, int removed, int added) {
    if (added > removed) {
      out[0] += added - removed;
    } else if (removed > added) {
      out[1] += removed - added;
    } else {
      out[2] += added;
    }
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
