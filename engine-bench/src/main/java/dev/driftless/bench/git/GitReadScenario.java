package dev.driftless.bench.git;

import dev.driftless.bench.Settings;
import dev.driftless.bench.measure.Format;
import dev.driftless.bench.measure.Log;
import dev.driftless.bench.measure.Rounds;
import dev.driftless.bench.measure.Samples;
import dev.driftless.bench.report.Goal;
import dev.driftless.bench.report.Section;
import dev.driftless.bench.report.Table;
import dev.driftless.bench.workload.FlowSource;
import dev.driftless.bench.workload.Tenant;
import dev.driftless.core.yaml.YamlDocument;
import dev.driftless.git.GitRemote;
import dev.driftless.git.GitSettings;
import dev.driftless.git.GitSide;
import dev.driftless.git.layout.Layout;
import dev.driftless.resource.Content;
import dev.driftless.resource.ResourceKind;
import dev.driftless.snapshot.Scope;
import dev.driftless.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Scenario 2: a snapshot of a bare repository of flows in the namespace layout, read by the Git
 * adapter and by C git doing the same work, warm (a local repository already holding the objects,
 * which only has to ask the remote whether the branch moved) and cold (a new local repository
 * that fetches the branch head first and is deleted afterwards).
 */
public final class GitReadScenario {

  private static final String WARM = "Driftless, warm cache";
  private static final String COLD = "Driftless, cold (no cache)";
  private static final String C_WARM = "C git, warm clone";
  private static final String C_COLD = "C git, cold (new repository)";
  private static final String JGIT = "breakdown: JGit alone, tree walk + every blob (no fetch)";
  private static final String YAML = "breakdown: YamlDocument.parse of every flow (in memory)";

  private GitReadScenario() {}

  public static Section run(Settings settings) throws IOException {
    Path root = Files.createDirectories(settings.work().resolve("git-read"));
    CGit git = new CGit(root.resolve("home"));
    Tenant tenant = Tenant.of(settings.gitFlows(), 0, 0);
    Path remote = root.resolve("remote.git");
    Log.progress("git read: creating a repository of %,d flows", settings.gitFlows());
    ObjectId head = Repositories.create(remote, tenant.git(), git);
    long repoBytes = sizeOf(remote);

    Scope scope = Scope.tenant(EnumSet.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE, ResourceKind.APP,
        ResourceKind.TEST, ResourceKind.DASHBOARD));
    Path cache = root.resolve("driftless-cache");
    GitSide warm = GitSide.open(settings(remote).cacheDirectory(cache).build());
    GitSide cold = GitSide.open(settings(remote).build());
    int expected = tenant.git().size();
    check(warm.reader().read(scope), expected, head);

    Path clone = root.resolve("cgit-clone.git");
    git.git(root, "init", "-q", "--bare", clone.toString());
    String fetch = "git fetch -q --depth 1 --no-tags " + remote + " +refs/heads/main:refs/bench/main";
    String list = "git ls-tree -r --object-only refs/bench/main | git cat-file --batch > /dev/null";
    git.sh(clone, fetch);
    List<byte[]> contents = new ArrayList<>();
    tenant.git().forEach(f -> contents.add(f.bytes()));

    Map<String, Samples> samples = new Rounds("git read", settings.warmups(), settings.rounds())
        .add(WARM, () -> check(warm.reader().read(scope), expected, head))
        .add(COLD, () -> check(cold.reader().read(scope), expected, head))
        .add(C_WARM, () -> git.sh(clone, fetch + " && " + list))
        .add(C_COLD, () -> git.sh(root, "rm -rf cold.git && git init -q --bare cold.git && cd cold.git && " + fetch
            + " && " + list + " && cd .. && rm -rf cold.git"))
        .add(JGIT, () -> readAll(cache, head, expected))
        .add(YAML, () -> parseAll(contents))
        .run();

    double warmRatio = samples.get(WARM).medianMillis() / samples.get(C_WARM).medianMillis();
    double coldRatio = samples.get(COLD).medianMillis() / samples.get(C_COLD).medianMillis();
    Section section = new Section("2. Git snapshot read: " + String.format(Locale.ROOT, "%,d", settings.gitFlows())
        + " flows");
    section.text("""
        A bare repository holding one commit of %,d flows (%,d namespaces, about %,d bytes each) in the namespace
        layout (`company.team0000/flows/flow_000000.yaml`), packed with `git repack -a -d` (%s on disk), given
        to both sides as a local path. Every variant reads every flow's bytes from the branch head:

        - **Driftless**: `GitSide.reader().read(Scope.tenant(...))` — fetch the branch head (depth 1) into its
          local bare repository, then walk the tree straight from the object database, read each blob, parse
          it as YAML and check its identity, and build the snapshot (fingerprints included). *Warm*: with a
          `cacheDirectory` that already holds the commit, so the fetch only finds the branch unchanged. *Cold*:
          no cache directory: a new temporary repository, a depth-1 fetch of everything, deleted at the end.
        - **C git** does the same work with the same fetch and `git ls-tree -r --object-only refs/bench/main |
          git cat-file --batch > /dev/null` (every blob of the tree, in full). *Warm*: in a bare repository
          that already holds the commit (`git fetch -q --depth 1 --no-tags <path> +refs/heads/main:refs/bench/main`
          first, as the adapter does). *Cold*: `git init --bare`, the same fetch, the same listing, then
          `rm -rf` (the adapter deletes its temporary repository too).

        Each variant ran %d times after %d warm-up rounds, the variants interleaved round by round (the order
        rotates), in one JVM that stays up (the library's case: the JIT is warm; the command line's cold-JVM
        case is scenario 5). Shown: the median, with the fastest and slowest run. The two breakdown rows are
        not variants of the goal: they split the adapter's time into what JGit alone needs to read the same
        blobs and what parsing the same sources costs.
        """.formatted(settings.gitFlows(), tenant.namespaces().size(), tenant.averageFlowBytes(),
        Format.megabytes(repoBytes), settings.rounds(), settings.warmups()));
    Table table = Table.of("variant", "median time", "runs (min – max)", "vs C git, same cache state");
    for (Samples s : samples.values()) {
      String versus = s.name().equals(WARM) ? Format.ratio(warmRatio)
          : s.name().equals(COLD) ? Format.ratio(coldRatio) : "";
      table.row(s.name(), Format.millis(s.medianMillis()),
          Format.number(s.minMillis()) + " – " + Format.number(s.maxMillis()), versus);
    }
    section.table(table);
    if (warmRatio > 1.5 || coldRatio > 1.5) {
      double warmMillis = samples.get(WARM).medianMillis();
      double parse = samples.get(YAML).medianMillis();
      double jgit = samples.get(JGIT).medianMillis();
      section.text("""
          **Why the goal is not met.** The adapter does more than C git here. C git copies bytes; the adapter
          also parses every file as YAML — strictly: one document, a mapping, no duplicate keys — checks its
          `id` and `namespace` against its path, and fingerprints it (SHA-256), because a file that does not
          parse must become an *unreadable* entry that holds back deletions instead of being taken for
          absent. In this run, parsing the same %,d sources alone took %s (the breakdown row), and JGit alone
          reads every blob of the tree in %s: of the adapter's warm %s, parsing is about %.0f%%, object
          access about %.0f%%, and the rest is the fetch negotiation, the fingerprints and building the
          snapshot. Without the parsing the warm read would be about %s C git. Cold, the fetch into a new
          repository costs the adapter %s more than its warm read, and git %s more than its warm read:
          JGit fetches in process (upload-pack and pack indexing in Java), git in C.

          **What would fix it**, most effective first: (1) a parse cache keyed by blob id in the cache
          directory — a blob's validity, id and namespace never change, so a warm read would parse only the
          blobs it has not seen before (none, in this scenario), keeping every safety check; (2) parsing on
          every core — the scan is single-threaded, and the parse of one file depends on no other; (3) a
          lighter parse for identity only (SnakeYAML's event stream up to the top-level `id` and
          `namespace`, rather than a full Jackson tree) — but the full strict parse is what finds a broken
          file, so this only helps together with (1). The cold fetch gap is JGit's and would need a C git
          fetch (a child process) to close, which the adapter avoids on purpose (no dependency on an
          installed git).
          """.formatted(settings.gitFlows(), Format.millis(parse), Format.millis(jgit), Format.millis(warmMillis),
          100 * parse / warmMillis, 100 * jgit / warmMillis,
          Format.ratio((warmMillis - parse) / samples.get(C_WARM).medianMillis()),
          Format.millis(samples.get(COLD).medianMillis() - warmMillis),
          Format.millis(samples.get(C_COLD).medianMillis() - samples.get(C_WARM).medianMillis())));
    }
    section.goal(new Goal("2. Git read", "at most 1.5× C git, warm cache", Format.ratio(warmRatio), warmRatio <= 1.5));
    section.goal(new Goal("2. Git read", "at most 1.5× C git, cold", Format.ratio(coldRatio), coldRatio <= 1.5));
    return section;
  }

  static GitSettings.Builder settings(Path remote) {
    return GitSettings.builder().remote(GitRemote.of(remote.toString())).branch(Repositories.BRANCH)
        .layout(Layout.namespaces());
  }

  private static void check(Snapshot snapshot, int expected, ObjectId head) {
    if (snapshot.entries().size() != expected || !snapshot.identity().equals(head.name())) {
      throw new IllegalStateException("read " + snapshot.entries().size() + " entries at " + snapshot.identity()
          + ", expected " + expected + " at " + head.name());
    }
  }

  /** Every blob of the cached commit's tree, in full, through JGit's object reader. */
  private static void readAll(Path cache, ObjectId head, int expected) throws IOException {
    int files = 0;
    long bytes = 0;
    try (Repository repo = new FileRepositoryBuilder().setGitDir(cache.toFile()).setBare().setMustExist(true).build();
        ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader);
        TreeWalk tree = new TreeWalk(reader)) {
      tree.addTree(walk.parseCommit(head).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        bytes += reader.open(tree.getObjectId(0)).getBytes().length;
        files++;
      }
    }
    if (files != expected || bytes == 0) {
      throw new IllegalStateException("JGit read " + files + " files, expected " + expected);
    }
  }

  private static void parseAll(List<byte[]> contents) {
    for (byte[] bytes : contents) {
      if (YamlDocument.parse(Content.of(bytes)).document().isEmpty()) {
        throw new IllegalStateException("a generated flow does not parse");
      }
    }
  }

  static long sizeOf(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }
}
