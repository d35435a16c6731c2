package dev.driftless.kestra.internal.read;

import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.port.SourceNotFoundException;
import dev.driftless.resource.Namespaces;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads what Kestra holds inside a scope, kind by kind, with as few calls as the API allows:
 *
 * <ul>
 *   <li>flows: one search (paged) and one export-by-query ZIP per namespace of the scope (the
 *       common case, one namespace, is two calls);
 *   <li>namespace files: one export ZIP per namespace, children found with the namespace search;
 *   <li>dashboards: one listing (paged), which carries their YAML;
 *   <li>apps: one search and one export ZIP; test suites: one search per namespace, plus one read
 *       per suite where the search does not carry sources.
 * </ul>
 *
 * A kind the server's edition or version lacks is left out of the scope, with a warning saying so,
 * so that the planner plans nothing for it. The reader and the writer (to read the state it
 * compares and swaps against) share this.
 */
public final class StateReader {

  /** What an Enterprise namespace of the scope that does not exist means. */
  public enum MissingNamespaces {
    /** An error, unless the settings allow missing namespaces: the reader's behaviour. */
    FAIL,
    /** Nothing there: the writer's behaviour, which creates the namespace when it writes to it. */
    EMPTY
  }

  private final ReadContext ctx;

  public StateReader(ReadContext ctx) {
    this.ctx = ctx;
  }

  public ReadContext context() {
    return ctx;
  }

  public KestraState read(Scope requested, MissingNamespaces missing) {
    return read(requested, missing, Set.of());
  }

  /**
   * Reads the scope; {@code elsewhere} are namespaces the other side holds in it, whose files are
   * read too when the scope reaches them, since a server may not list a namespace that holds only
   * files (Kestra 0.20 lists those holding flows).
   */
  public KestraState read(Scope requested, MissingNamespaces missing, Set<String> elsewhere) {
    return read(requested, missing, () -> elsewhere);
  }

  /**
   * Reads the scope, asking for the namespaces the other side holds ({@code elsewhere}) only once
   * the exports of the namespaces Kestra lists are under way, and only when the scope reaches
   * namespaces Kestra may not list: the other side may still be being read. What is read is the same
   * as with the namespaces given up front, in the same order.
   */
  public KestraState read(Scope requested, MissingNamespaces missing, Supplier<Set<String>> elsewhere) {
    StateBuilder out = new StateBuilder(requested);
    for (ResourceKind kind : requested.kinds()) {
      ctx.server().cannotRead(kind).ifPresent(why -> out.dropKind(kind, why));
    }
    Scope scope = out.scope();
    boolean namespaced = scope.kinds().stream().anyMatch(ResourceKind::isNamespaced);
    boolean files = scope.kinds().contains(ResourceKind.NAMESPACE_FILE);
    boolean enterprise = ctx.server().isEnterprise();
    boolean listScopeNamespaces = enterprise && namespaced && !scope.namespaces().isEmpty();
    boolean discoverChildren = files && (scope.tenantWide() || scope.includeChildNamespaces());

    Optional<TreeSet<String>> known = Optional.empty();
    if (listScopeNamespaces || discoverChildren) {
      Optional<String> hint = !scope.tenantWide() && scope.namespaces().size() == 1
          ? Optional.of(scope.namespaces().iterator().next()) : Optional.empty();
      known = NamespacesRead.list(ctx, hint);
    }
    Set<String> missingNamespaces = new TreeSet<>();
    if (listScopeNamespaces) {
      Set<String> existing = known.orElseGet(TreeSet::new);
      out.namespaces(existing);
      for (String ns : scope.namespaces()) {
        if (!existing.contains(ns)) {
          missingNamespaces.add(ns);
        }
      }
      if (!missingNamespaces.isEmpty()) {
        if (missing == MissingNamespaces.FAIL && !ctx.settings().allowMissingNamespaces()) {
          throw new SourceNotFoundException("namespace " + String.join(", ", missingNamespaces) + " does not exist in "
              + ctx.server().describe() + ": check the name, create it, or allow missing namespaces to read it as"
              + " empty and create it when something is written to it");
        }
        if (missing == MissingNamespaces.FAIL) {
          out.diagnostic(Diagnostic.warning("namespace " + String.join(", ", missingNamespaces) + " does not exist in "
              + ctx.server().describeShort() + ": read as empty; it is created when something is written to it"));
        }
      }
    }

    try (Fetches fetches = Fetches.of(ctx)) {
      Optional<FilesRead> fileReads = files ? Optional.of(new FilesRead(ctx, fetches, out)) : Optional.empty();
      // The files of the namespaces known so far are exported while the flows are read.
      if (fileReads.isPresent()) {
        fileReads.get().export(fileNamespaces(scope, known, Set.of(), missingNamespaces));
      }
      Set<String> flowNamespaces = scope.kinds().contains(ResourceKind.FLOW)
          ? FlowsRead.read(ctx, fetches, scope, out) : Set.of();
      if (fileReads.isPresent()) {
        fileReads.get().export(fileNamespaces(scope, known, flowNamespaces, missingNamespaces));
        if (discoverChildren) {
          if (!ctx.server().listsNamespacesHoldingOnlyFiles()) {
            out.diagnostic(Diagnostic.warning(ctx.server().describeShort() + " lists only namespaces that hold flows:"
                + " namespace files in a namespace without flows are read only where the other side has that"
                + " namespace"));
          }
          // On every version: whether servers after 0.21 list namespaces holding only files is not
          // verified, and a namespace looked into in vain costs one call. Asked for last: the other
          // side may still be being read.
          Set<String> reached = new TreeSet<>();
          for (String ns : elsewhere.get()) {
            if (scope.coversNamespace(ns) && ResourceKey.namespaceProblem(ns).isEmpty()) {
              reached.add(ns);
            }
          }
          fileReads.get().export(reached);
        }
        Set<String> listed = new TreeSet<>(known.orElseGet(TreeSet::new));
        listed.addAll(flowNamespaces);
        fileReads.get().finish(listed);
      }
    }
    if (scope.kinds().contains(ResourceKind.DASHBOARD)) {
      DashboardsRead.read(ctx, out);
    }
    if (scope.kinds().contains(ResourceKind.APP)) {
      AppsRead.read(ctx, scope, out);
    }
    if (scope.kinds().contains(ResourceKind.TEST)) {
      TestsRead.read(ctx, scope, out);
    }
    return out.build();
  }

  /**
   * The namespaces whose files to export: the scope's own (those that exist), and with children or
   * tenant-wide every namespace Kestra lists or holds flows in below them.
   */
  private static Set<String> fileNamespaces(Scope scope, Optional<TreeSet<String>> known, Set<String> flowNamespaces,
      Set<String> missing) {
    Set<String> candidates = new TreeSet<>(known.orElseGet(TreeSet::new));
    candidates.addAll(flowNamespaces);
    Set<String> out = new TreeSet<>();
    if (scope.tenantWide()) {
      out.addAll(candidates);
      return out;
    }
    for (String ns : scope.namespaces()) {
      if (!missing.contains(ns)) {
        out.add(ns);
      }
    }
    if (scope.includeChildNamespaces()) {
      for (String ns : candidates) {
        if (Namespaces.isWithin(ns, scope.namespaces())) {
          out.add(ns);
        }
      }
    }
    return out;
  }
}
