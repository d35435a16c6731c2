package dev.driftless.git;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.driftless.apply.ApplyResult;
import dev.driftless.apply.Outcome;
import dev.driftless.diagnostic.Diagnostic;
import dev.driftless.git.layout.Layout;
import dev.driftless.git.internal.read.TreeScan;
import dev.driftless.git.servers.BareRepo;
import dev.driftless.git.servers.PendingCommit;
import dev.driftless.git.servers.RawTree;
import dev.driftless.git.servers.Repos;
import dev.driftless.plan.Action;
import dev.driftless.plan.Change;
import dev.driftless.plan.Plan;
import dev.driftless.port.CommitResult;
import dev.driftless.port.DriftlessException;
import dev.driftless.port.Write;
import dev.driftless.port.WriteIntent;
import dev.driftless.port.WriteResult;
import dev.driftless.port.WriteSession;
import dev.driftless.resource.Resource;
import dev.driftless.resource.ResourceKey;
import dev.driftless.resource.ResourceKind;
import dev.driftless.resource.Side;
import dev.driftless.snapshot.Scope;
import dev.driftless.testkit.fake.InMemorySide;
import dev.driftless.testkit.fixture.Flows;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trees that must be refused or blocked, never followed: each bad entry of a Git tree (a symbolic
 * link, a submodule, a name Git or a file system would read as something else, a file where the
 * layout reads a folder) is named in the plan, and with Git as the source nothing of its kind is
 * deleted from Kestra in its namespace. Writes never go through such an entry. The repositories are
 * local bare ones, reached by their path; the crafted trees are written object by object.
 */
@Timeout(60)
class HostileTreeTest {

  private static final Scope DEV = Scope.namespace("dev", Set.of(ResourceKind.FLOW, ResourceKind.NAMESPACE_FILE));
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir
  static Path shared;

  static Repos repos;

  @BeforeAll
  static void start() {
    repos = Repos.in(shared.resolve("repos"));
  }

  private static String flow(String id) {
    return Flows.flow("dev", id).yaml();
  }

  /** Kestra holds what Git should hold, plus one flow and one file that Git does not: candidates for deletion. */
  private static InMemorySide kestra() {
    return InMemorySide.kestra()
        .put(Flows.flow("dev", "a").resource()).put(Flows.flow("dev", "zombie").resource())
        .put(ResourceKey.namespaceFile("dev", "main.py"), "print(1)\n")
        .put(ResourceKey.namespaceFile("dev", "old.txt"), "old\n");
  }

  /** A tree case: how the repository is made, the kind whose deletions it must block, the path and words named. */
  private record Case(String name, Function<BareRepo, ObjectId> make, ResourceKind blocked, String path, String why) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case commit(String name, Consumer<PendingCommit> body, ResourceKind blocked, String path, String why) {
    return new Case(name, repo -> {
      PendingCommit commit = repo.commit(Repos.MAIN);
      body.accept(commit);
      return commit.push();
    }, blocked, path, why);
  }

  private static Case crafted(String name, RawTree tree, ResourceKind blocked, String path, String why) {
    return new Case(name, repo -> repo.commitTree(Repos.MAIN, tree, "Crafted tree"), blocked, path, why);
  }

  /** A namespace folder {@code dev} with the good files, and {@code extra} added to its {@code flows} or {@code files}. */
  private static RawTree devWith(RawTree flows, RawTree files) {
    return RawTree.of().folder("dev", RawTree.of().folder("flows", flows.file("a.yaml", flow("a")))
        .folder("files", files.file("main.py", "print(1)\n")));
  }

  static Stream<Case> cases() {
    String link = "is a symbolic link, which Driftless never follows";
    String module = "is a submodule, which Driftless never follows";
    ObjectId pinned = ObjectId.fromString("0123456789012345678901234567890123456789");
    return Stream.of(
        commit("a symbolic link to an absolute path, named like a flow", c -> c.add("dev/flows/a.yaml", flow("a"))
            .symlink("dev/flows/zombie.yaml", "/etc/passwd").add("dev/files/main.py", "print(1)\n"),
            ResourceKind.FLOW, "dev/flows/zombie.yaml", link),
        commit("a symbolic link escaping the directory, in the files folder", c -> c.add("dev/flows/a.yaml", flow("a"))
            .add("dev/files/main.py", "print(1)\n").symlink("dev/files/secrets", "../../../../etc"),
            ResourceKind.NAMESPACE_FILE, "dev/files/secrets", link),
        commit("a symbolic link as the namespace folder", c -> c.add("prod/flows/a.yaml", Flows.flow("prod", "a").yaml())
            .symlink("dev", "prod"), ResourceKind.FLOW, "dev", link),
        commit("a symbolic link as the files folder", c -> c.add("dev/flows/a.yaml", flow("a"))
            .add("prod/files/main.py", "print(1)\n").symlink("dev/files", "../prod/files"),
            ResourceKind.NAMESPACE_FILE, "dev/files", link),
        commit("a symbolic link as the flows folder", c -> c.add("dev/files/main.py", "print(1)\n")
            .symlink("dev/flows", "/tmp/flows"), ResourceKind.FLOW, "dev/flows", link),
        commit("a submodule in the flows folder", c -> c.add("dev/flows/a.yaml", flow("a"))
            .add("dev/files/main.py", "print(1)\n").gitlink("dev/flows/vendor", pinned),
            ResourceKind.FLOW, "dev/flows/vendor", module),
        commit("a submodule named like a flow", c -> c.add("dev/flows/a.yaml", flow("a"))
            .add("dev/files/main.py", "print(1)\n").gitlink("dev/flows/zombie.yaml", pinned),
            ResourceKind.FLOW, "dev/flows/zombie.yaml", module),
        commit("a submodule as the files folder", c -> c.add("dev/flows/a.yaml", flow("a"))
            .gitlink("dev/files", pinned), ResourceKind.NAMESPACE_FILE, "dev/files", module),
        commit("a submodule as the flows folder", c -> c.add("dev/files/main.py", "print(1)\n")
            .gitlink("dev/flows", pinned), ResourceKind.FLOW, "dev/flows", module),
        commit("a file as the flows folder", c -> c.add("dev/flows", "not a folder\n").add("dev/files/main.py", "print(1)\n"),
            ResourceKind.FLOW, "dev/flows", "is a file where the layout reads a folder"),
        commit("a file as the files folder", c -> c.add("dev/flows/a.yaml", flow("a")).add("dev/files", "not a folder\n"),
            ResourceKind.NAMESPACE_FILE, "dev/files", "is a file where the layout reads a folder"),
        crafted("a file named '..' in the flows folder", devWith(RawTree.of().file("..", flow("zombie")), RawTree.of()),
            ResourceKind.FLOW, "dev/flows/..", "is a file whose name is '..', which steps out of its folder"),
        crafted("a folder named '..' in the files folder", devWith(RawTree.of(),
            RawTree.of().folder("..", RawTree.of().file("old.txt", "x\n"))),
            ResourceKind.NAMESPACE_FILE, "dev/files/..", "is a folder whose name is '..'"),
        crafted("a folder named '.git' in the files folder", devWith(RawTree.of(),
            RawTree.of().folder(".git", RawTree.of().file("config", "[core]\n"))),
            ResourceKind.NAMESPACE_FILE, "dev/files/.git", "is a folder whose name is '.git', which names Git's own folder"),
        crafted("a folder named '.GIT' in the files folder", devWith(RawTree.of(),
            RawTree.of().folder(".GIT", RawTree.of().file("config", "[core]\n"))),
            ResourceKind.NAMESPACE_FILE, "dev/files/.GIT", "is '.GIT', which names Git's own folder"),
        crafted("a file named '.git.' in the files folder", devWith(RawTree.of(), RawTree.of().file(".git.", "x\n")),
            ResourceKind.NAMESPACE_FILE, "dev/files/.git.", "is '.git.', which names Git's own folder"),
        crafted("a folder named '.git ' in the files folder", devWith(RawTree.of(), RawTree.of().folder(".git ",
            RawTree.of().file("hooks", "x\n"))), ResourceKind.NAMESPACE_FILE, "dev/files/.git ", "names Git's own folder"),
        crafted("a file with an empty name in the flows folder", devWith(RawTree.of().file("", flow("zombie")),
            RawTree.of()), ResourceKind.FLOW, "dev/flows/", "is a file whose name is empty"),
        crafted("a file whose name holds a slash, in the flows folder", devWith(RawTree.of()
            .file("zombie/x.yaml", flow("zombie")), RawTree.of()), ResourceKind.FLOW, "dev/flows/zombie/x.yaml",
            "is a file whose name contains a '/'"),
        crafted("a file whose name holds a slash, in the files folder", devWith(RawTree.of(),
            RawTree.of().file("sub/old.txt", "x\n")), ResourceKind.NAMESPACE_FILE, "dev/files/sub/old.txt",
            "is a file whose name contains a '/'"),
        crafted("a flow file whose name is not UTF-8", devWith(RawTree.of()
            .file("z\u00f6mbie.yaml".getBytes(ISO_8859_1), flow("zombie").getBytes(UTF_8)), RawTree.of()),
            ResourceKind.FLOW, "dev/flows/z\\xF6mbie.yaml", "is a file whose name is not valid UTF-8"),
        crafted("a folder whose name is not UTF-8, in the files folder", devWith(RawTree.of(),
            RawTree.of().folder("\u00e9t\u00e9".getBytes(ISO_8859_1), RawTree.of().file("old.txt", "x\n"))),
            ResourceKind.NAMESPACE_FILE, "dev/files/\\xE9t\\xE9", "is a folder whose name is not valid UTF-8"),
        crafted("folders nested 1,000 deep in the files folder", devWith(RawTree.of(), nested(1_000)),
            ResourceKind.NAMESPACE_FILE, "dev/files/" + "d/".repeat(TreeScan.MAX_DEPTH - 2) + "d",
            "is a folder nested deeper than " + TreeScan.MAX_DEPTH + " folders, the limit"));
  }

  /** Folders {@code d/d/d/...}, this deep, a file at the bottom. */
  private static RawTree nested(int depth) {
    RawTree tree = RawTree.of().file("bottom.txt", "x\n");
    for (int i = 0; i < depth; i++) {
      tree = RawTree.of().folder("d", tree);
    }
    return tree;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gitAsSource_aBadEntryIsNamed_andBlocksDeletionsOfItsKindInItsNamespace(Case c) {
    BareRepo repo = repos.bare("case-" + COUNTER.incrementAndGet());
    ObjectId head = c.make().apply(repo);
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());

    Plan plan = Sides.plan(git, kestra(), DEV, Sides.policy(Side.GIT));

    List<Change> deletes = plan.changes().stream()
        .filter(ch -> ch.action() == Action.DELETE && ch.key().kind() == c.blocked()).toList();
    assertEquals(List.of(), deletes, c.name() + ": nothing of its kind may be deleted in dev");
    ResourceKey candidate = c.blocked() == ResourceKind.FLOW ? ResourceKey.flow("dev", "zombie")
        : ResourceKey.namespaceFile("dev", "old.txt");
    assertTrue(plan.change(candidate).map(ch -> ch.action() == Action.BLOCKED).orElse(false),
        c.name() + ": " + plan.changes());
    assertTrue(plan.diagnostics().stream().anyMatch(d -> d.file().equals(Optional.of(c.path()))
        && d.message().contains(c.why())), () -> c.name() + ": no diagnostic on '" + c.path() + "' saying '" + c.why()
        + "' in\n" + String.join("\n", plan.diagnostics().stream().map(Diagnostic::render).toList()));
    assertTrue(plan.changes().stream().noneMatch(ch -> ch.key().name().contains(".git")
        || ch.key().name().contains("..")), plan.changes().toString());
    assertEquals(Optional.of(head), repo.head(Repos.MAIN), "reading wrote nothing");
  }

  /** Each file within its limit, but together more than one read may hold: the read fails, naming the limit. */
  @Test
  void filesHoldingMoreThanTheReadLimitTogether_failTheRead() {
    BareRepo repo = repos.bare("many-files-" + COUNTER.incrementAndGet());
    repo.commit(Repos.MAIN).add("dev/files/a.bin", "a".repeat(600)).add("dev/files/b.bin", "b".repeat(600))
        .add("dev/flows/a.yaml", flow("a")).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces(), b -> b.maxReadBytes(1_000));
    DriftlessException e = assertThrows(DriftlessException.class, () -> git.reader().read(DEV));
    assertTrue(e.getMessage().contains("more than 1000 bytes together, the limit for one read (maxReadBytes)"),
        e.getMessage());
    GitSide roomy = Sides.open(repo.gitDir().toString(), Layout.namespaces(), b -> b.maxReadBytes(2_000));
    assertEquals(3, roomy.reader().read(DEV).entries().size());
  }

  @Test
  void theLayoutDirectory_asASymbolicLink_isAnError_notAnEmptyRead() {
    BareRepo repo = repos.bare("directory-link");
    repo.commit(Repos.MAIN).add("elsewhere/a.yml", Flows.flow("company", "a").yaml()).symlink("_flows", "elsewhere")
        .push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.flows("company"));

    dev.driftless.port.SourceNotFoundException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.driftless.port.SourceNotFoundException.class,
        () -> git.reader().read(Scope.namespace("company", Set.of(ResourceKind.FLOW))));
    assertTrue(e.getMessage().contains("directory '_flows' is not a folder"), e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // Writing never goes through a bad entry

  static Stream<Arguments> inTheWay() {
    ObjectId pinned = ObjectId.fromString("0123456789012345678901234567890123456789");
    ResourceKey flow = ResourceKey.flow("dev", "x");
    ResourceKey file = ResourceKey.namespaceFile("dev", "scripts/run.py");
    return Stream.of(
        Arguments.of("the flows folder is a symbolic link", (Consumer<PendingCommit>) c -> c.symlink("dev/flows", "/tmp"),
            flow, "dev/flows is a symbolic link or a submodule, which Driftless never changes"),
        Arguments.of("the flows folder is a file", (Consumer<PendingCommit>) c -> c.add("dev/flows", "a file\n"),
            flow, "dev/flows is a file where a folder is needed"),
        Arguments.of("the flows folder is a submodule", (Consumer<PendingCommit>) c -> c.gitlink("dev/flows", pinned),
            flow, "dev/flows is a symbolic link or a submodule"),
        Arguments.of("the namespace folder is a symbolic link", (Consumer<PendingCommit>) c -> c.symlink("dev", "prod")
            .add("prod/flows/a.yaml", Flows.flow("prod", "a").yaml()), flow, "dev is a symbolic link or a submodule"),
        Arguments.of("the files folder is a symbolic link", (Consumer<PendingCommit>) c -> c.symlink("dev/files", ".."),
            file, "dev/files is a symbolic link or a submodule"),
        Arguments.of("a folder on the way is a symbolic link", (Consumer<PendingCommit>) c -> c.add("dev/files/a.txt", "a")
            .symlink("dev/files/scripts", "/usr/bin"), file, "dev/files/scripts is a symbolic link or a submodule"),
        Arguments.of("a folder on the way is a file", (Consumer<PendingCommit>) c -> c.add("dev/files/scripts", "a file"),
            file, "dev/files/scripts is a file where a folder is needed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inTheWay")
  void aWrite_neverGoesThroughALinkASubmoduleOrAFile(String name, Consumer<PendingCommit> tree, ResourceKey key,
      String why) {
    BareRepo repo = repos.bare("write-" + COUNTER.incrementAndGet());
    PendingCommit commit = repo.commit(Repos.MAIN).add("README.md", "x\n");
    tree.accept(commit);
    ObjectId head = commit.push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());
    Resource resource = key.kind() == ResourceKind.FLOW ? Flows.flow("dev", "x").resource() : Resource.of(key, "run\n");

    try (WriteSession session = git.writer().begin(new WriteIntent("plan", Set.of(key), "s"))) {
      WriteResult result = session.write(List.of(new Write.Put(resource))).get(0);
      assertTrue(result.failure().orElse("").contains(why), name + ": " + result);
      assertEquals(CommitResult.none(), session.commit());
    }
    assertEquals(Optional.of(head), repo.head(Repos.MAIN), name + ": nothing was written");
  }

  @Test
  void kestraAsSource_aFlowWhoseFolderIsALink_failsToApply_withTheReason_andWritesNothing() {
    BareRepo repo = repos.bare("apply-through-link");
    ObjectId head = repo.commit(Repos.MAIN).symlink("dev/flows", "../prod/flows")
        .add("prod/flows/a.yaml", Flows.flow("prod", "a").yaml()).push();
    GitSide git = Sides.open(repo.gitDir().toString(), Layout.namespaces());
    InMemorySide kestra = InMemorySide.kestra().put(Flows.flow("dev", "x").resource());

    ApplyResult result = Sides.sync(git, kestra, Scope.namespace("dev", Set.of(ResourceKind.FLOW)),
        Sides.policy(Side.KESTRA));

    assertFalse(result.isComplete(), result.line());
    assertTrue(result.withOutcome(Outcome.FAILED).stream().anyMatch(r -> r.cause().orElse("")
        .contains("dev/flows is a symbolic link or a submodule")), result.results().toString());
    assertEquals(Optional.of(head), repo.head(Repos.MAIN));
  }
}
